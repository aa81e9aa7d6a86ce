/** Report routes: shoppers report, moderators resolve; and share codes for products and stores. */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { limitParam } from '../../paging';
import { fileReport } from '../../reports/file';
import { getReport, reportQueue } from '../../reports/queue';
import { resolveReport } from '../../reports/resolve';
import { Report, ReportCreate, ReportRef, Resolution, reportStatuses } from '../../reports/schema';
import type { SharedType } from '../../sharing/scene';
import { ShareCodeQuery, shareCode } from '../../sharing/share-code';
import type { AppEnv } from '../env';
import { errors, json, jsonBody, router, sessionAuth } from '../openapi';

const reportBody = z.object({ report: ReportRef });

/** Codes of a public item change only with its id: let browsers and CDNs keep them for a day. */
const SHARE_CACHE = 'public, max-age=86400';

const shareRoute = <P extends z.ZodObject>(type: SharedType, path: string, params: P) =>
  createRoute({
    method: 'get',
    path,
    tags: ['sharing'],
    summary: `A QR code of the ${type}’s marketplace page, or a WeChat mini-program code that opens it`,
    request: { params, query: ShareCodeQuery },
    responses: {
      200: {
        description: 'The image',
        content: {
          'image/svg+xml': { schema: z.string() },
          'image/png': { schema: z.string().meta({ format: 'binary' }) },
          'image/jpeg': { schema: z.string().meta({ format: 'binary' }) },
        },
      },
      ...errors(400, 404, 422, 429, 503),
    },
  });

async function sendShareCode(c: Context<AppEnv>, type: SharedType, id: string, query: ShareCodeQuery) {
  const image = await shareCode(c.var.deps, type, id, query);
  const body = typeof image.body === 'string' ? image.body : image.body.slice().buffer;
  return c.body(body, 200, { 'Content-Type': image.contentType, 'Cache-Control': SHARE_CACHE });
}

export const reportRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/reports',
      tags: ['reports'],
      summary: 'Report a store, product or post shoppers can see; a repeat by the same shopper counts once',
      security: sessionAuth,
      request: { body: jsonBody(ReportCreate) },
      responses: {
        201: json(reportBody, 'Reported'),
        200: json(reportBody, 'You had reported this already; the open report, unchanged'),
        ...errors(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const { report, created } = await fileReport(c.var.deps, c.var.actor, c.req.valid('json'));
      return created ? c.json({ report }, 201) : c.json({ report }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/moderation/reports',
      tags: ['moderation'],
      summary: 'Reports by status, oldest first, each with its target and how many shoppers reported it',
      security: sessionAuth,
      request: {
        query: z.object({
          status: z.enum(reportStatuses).default('open'),
          cursor: z.string().max(512).optional(),
          limit: limitParam,
        }),
      },
      responses: {
        200: json(
          z.object({ items: z.array(Report), nextCursor: z.string().nullable() }),
          'A page of reports',
        ),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => c.json(await reportQueue(c.var.deps, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/moderation/reports/{reportId}',
      tags: ['moderation'],
      summary: 'One report with its target and reporters',
      security: sessionAuth,
      request: { params: z.object({ reportId: z.string().max(64) }) },
      responses: { 200: json(z.object({ report: Report }), 'The report'), ...errors(401, 403, 404) },
    }),
    async (c) =>
      c.json({ report: await getReport(c.var.deps, c.var.actor, c.req.valid('param').reportId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/moderation/reports/{reportId}/resolve',
      tags: ['moderation'],
      summary: 'Dismiss a report, or take its target down at once (a store is suspended); audited',
      security: sessionAuth,
      request: { params: z.object({ reportId: z.string().max(64) }), body: jsonBody(Resolution) },
      responses: {
        200: json(z.object({ report: Report }), 'The resolved report'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { deps, actor } = c.var;
      const report = await resolveReport(deps, actor, c.req.valid('param').reportId, c.req.valid('json'));
      return c.json({ report }, 200);
    },
  )
  .openapi(shareRoute('product', '/products/{id}/share-code', z.object({ id: z.string().max(64) })), (c) =>
    sendShareCode(c, 'product', c.req.valid('param').id, c.req.valid('query')),
  )
  .openapi(
    shareRoute('store', '/stores/{storeId}/share-code', z.object({ storeId: z.string().max(64) })),
    (c) => sendShareCode(c, 'store', c.req.valid('param').storeId, c.req.valid('query')),
  );
