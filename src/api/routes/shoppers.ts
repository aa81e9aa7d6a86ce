/** Shopper routes: store contact, friend requests and leads, follows. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { notFound } from '../../errors';
import { limitParam } from '../../paging';
import { getContact } from '../../shoppers/contact';
import { follow, isFollowing, listFollows, unfollow } from '../../shoppers/follows';
import { requestFriend } from '../../shoppers/friend-requests';
import { listMyFriendRequests, listStoreLeads, updateLead } from '../../shoppers/leads';
import {
  Contact,
  FriendRequestInput,
  FriendRequestResult,
  Lead,
  LeadPatch,
  leadStatuses,
  MyFriendRequest,
} from '../../shoppers/schema';
import { StoreSummary } from '../../vendors/store-schema';
import { errors, json, jsonBody, router, sessionAuth } from '../openapi';

const storeParams = z.object({ storeId: z.string().max(64) });
const leadParams = z.object({ storeId: z.string().max(64), leadId: z.string().max(64) });
const pageQuery = z.object({ cursor: z.string().max(512).optional(), limit: limitParam });
const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const shopperRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/contact',
      tags: ['friend-add'],
      summary: 'How to add an approved store’s vendor on WeChat, with a greeting to paste',
      security: sessionAuth,
      request: { params: storeParams },
      responses: { 200: json(Contact, 'The contact'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await getContact(c.var.deps, c.var.actor, c.req.valid('param').storeId), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/friend-requests',
      tags: ['friend-add'],
      summary:
        'Ask to add the vendor: records a lead and returns the contact with a greeting naming the item',
      description:
        'At most 5 a day per store and 30 a day in all per shopper (UTC days). Repeating a request for the ' +
        'same store and item on the same day creates nothing and answers 200 with the first lead.',
      security: sessionAuth,
      request: { params: storeParams, body: { ...jsonBody(FriendRequestInput), required: false } },
      responses: {
        201: json(FriendRequestResult, 'The new lead and the contact'),
        200: json(FriendRequestResult, 'Today’s lead for this item already existed'),
        ...errors(400, 401, 403, 404, 429),
      },
    }),
    async (c) => {
      const input = (c.req.header('content-type') ? c.req.valid('json') : {}) ?? {};
      const { created, ...result } = await requestFriend(
        c.var.deps,
        c.var.actor,
        c.req.valid('param').storeId,
        input,
      );
      return created ? c.json(result, 201) : c.json(result, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/leads',
      tags: ['friend-add'],
      summary: 'A store’s leads, newest first (owner)',
      security: sessionAuth,
      request: {
        params: storeParams,
        query: pageQuery.extend({ status: z.enum(leadStatuses).optional() }),
      },
      responses: { 200: json(page(Lead), 'A page of leads'), ...errors(400, 401, 403, 404) },
    }),
    async (c) =>
      c.json(
        await listStoreLeads(c.var.deps, c.var.actor, c.req.valid('param').storeId, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/stores/{storeId}/leads/{leadId}',
      tags: ['friend-add'],
      summary: 'Change a lead’s status (owner); a lead never returns to new',
      security: sessionAuth,
      request: { params: leadParams, body: jsonBody(LeadPatch) },
      responses: { 200: json(z.object({ lead: Lead }), 'The lead'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { storeId, leadId } = c.req.valid('param');
      const lead = await updateLead(c.var.deps, c.var.actor, storeId, leadId, c.req.valid('json'));
      return c.json({ lead }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/friend-requests',
      tags: ['friend-add'],
      summary: 'My friend requests, newest first',
      security: sessionAuth,
      request: { query: pageQuery },
      responses: { 200: json(page(MyFriendRequest), 'A page'), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await listMyFriendRequests(c.var.deps, c.var.actor, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/me/follows/{storeId}',
      tags: ['follows'],
      summary: 'Follow an approved store; idempotent',
      security: sessionAuth,
      request: { params: storeParams },
      responses: { 204: { description: 'Following' }, ...errors(401, 403, 404) },
    }),
    async (c) => {
      await follow(c.var.deps, c.var.actor, c.req.valid('param').storeId);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/follows/{storeId}',
      tags: ['follows'],
      summary: 'Whether I follow a store: 204 if I do, 404 if not (or it is not public)',
      security: sessionAuth,
      request: { params: storeParams },
      responses: { 204: { description: 'Following' }, ...errors(401, 403, 404) },
    }),
    async (c) => {
      if (!(await isFollowing(c.var.deps, c.var.actor, c.req.valid('param').storeId)))
        throw notFound('Follow');
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/me/follows/{storeId}',
      tags: ['follows'],
      summary: 'Unfollow a store; idempotent',
      security: sessionAuth,
      request: { params: storeParams },
      responses: { 204: { description: 'Not following' }, ...errors(401, 403) },
    }),
    async (c) => {
      await unfollow(c.var.deps, c.var.actor, c.req.valid('param').storeId);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/follows',
      tags: ['follows'],
      summary: 'The approved stores I follow, most recently followed first',
      security: sessionAuth,
      request: { query: pageQuery },
      responses: {
        200: json(z.object({ stores: z.array(StoreSummary), nextCursor: z.string().nullable() }), 'A page'),
        ...errors(400, 401, 403),
      },
    }),
    async (c) => c.json(await listFollows(c.var.deps, c.var.actor, c.req.valid('query')), 200),
  );
