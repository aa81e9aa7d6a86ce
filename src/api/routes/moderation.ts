/** Moderator routes: the review queue, decisions, and the audit log. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { AuditFilters, AuditItem, listAudit } from '../../moderation/audit';
import { Decision, decide, queueStatuses, reviewQueue } from '../../moderation/decisions';
import { limitParam } from '../../paging';
import { Store } from '../../vendors/store-schema';
import { errors, json, jsonBody, router, sessionAuth } from '../openapi';

const cursorQuery = { cursor: z.string().max(512).optional(), limit: limitParam };

export const moderationRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/moderation/stores',
      tags: ['moderation'],
      summary: 'Stores by status, longest waiting first',
      security: sessionAuth,
      request: {
        query: z.object({ status: z.enum(queueStatuses).default('pending_review'), ...cursorQuery }),
      },
      responses: {
        200: json(
          z.object({ items: z.array(Store), nextCursor: z.string().nullable() }),
          'A page of the queue',
        ),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => c.json(await reviewQueue(c.var.deps, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/moderation/stores/{storeId}/decision',
      tags: ['moderation'],
      summary: 'Approve, reject, suspend or reinstate a store (reason required except to approve)',
      security: sessionAuth,
      request: { params: z.object({ storeId: z.string().max(64) }), body: jsonBody(Decision) },
      responses: {
        200: json(z.object({ store: Store }), 'The store after the decision'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const store = await decide(c.var.deps, c.var.actor, c.req.valid('param').storeId, c.req.valid('json'));
      return c.json({ store }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/moderation/audit',
      tags: ['moderation'],
      summary: 'The audit log, newest first, optionally narrowed by actor, action, store and dates',
      security: sessionAuth,
      request: { query: AuditFilters.extend(cursorQuery) },
      responses: {
        200: json(
          z.object({ items: z.array(AuditItem), nextCursor: z.string().nullable() }),
          'A page of the log',
        ),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => c.json(await listAudit(c.var.deps, c.var.actor, c.req.valid('query')), 200),
  );
