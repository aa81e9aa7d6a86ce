/** Vendor onboarding routes: stores, their API keys, and the category taxonomy. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  ApiKey,
  ApiKeyCreate,
  createApiKey,
  listApiKeys,
  NewApiKey,
  revokeApiKey,
} from '../../vendors/api-keys';
import { categories } from '../../vendors/categories';
import { Store, StoreCreate, StorePatch } from '../../vendors/store-schema';
import { createStore, getStore, listMyStores, submitStore, updateStore } from '../../vendors/stores';
import { errors, json, jsonBody, optionalSession, router, sessionAuth } from '../openapi';

const storeParams = z.object({ storeId: z.string().max(64) });
const keyParams = z.object({ storeId: z.string().max(64), keyId: z.string().max(64) });
const storeBody = z.object({ store: Store });

export const storeRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/categories',
      tags: ['stores'],
      summary: 'The category taxonomy with Chinese labels',
      responses: {
        200: json(
          z.object({ categories: z.array(z.object({ id: z.string(), label: z.string() })) }),
          'Categories',
        ),
      },
    }),
    (c) => c.json({ categories }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores',
      tags: ['stores'],
      summary: 'Register a store (draft); the caller becomes its owner',
      security: sessionAuth,
      request: { body: jsonBody(StoreCreate) },
      responses: { 201: json(storeBody, 'The new store'), ...errors(400, 401, 403) },
    }),
    async (c) => c.json({ store: await createStore(c.var.deps, c.var.actor, c.req.valid('json')) }, 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/stores',
      tags: ['stores'],
      summary: 'My stores',
      security: sessionAuth,
      responses: {
        200: json(z.object({ stores: z.array(Store) }), 'The caller’s stores'),
        ...errors(401, 403),
      },
    }),
    async (c) => c.json({ stores: await listMyStores(c.var.deps, c.var.actor) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}',
      tags: ['stores'],
      summary: 'A store: public once approved, else for its owner and moderators',
      security: optionalSession,
      request: { params: storeParams },
      responses: { 200: json(storeBody, 'The store'), ...errors(401, 404) },
    }),
    async (c) =>
      c.json({ store: await getStore(c.var.deps, c.var.actor, c.req.valid('param').storeId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/stores/{storeId}',
      tags: ['stores'],
      summary: 'Edit a store (owner); an approved store’s edits go live at once',
      security: sessionAuth,
      request: { params: storeParams, body: jsonBody(StorePatch) },
      responses: { 200: json(storeBody, 'The updated store'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const store = await updateStore(
        c.var.deps,
        c.var.actor,
        c.req.valid('param').storeId,
        c.req.valid('json'),
      );
      return c.json({ store }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/submit',
      tags: ['stores'],
      summary: 'Submit a draft or rejected store for review (owner)',
      security: sessionAuth,
      request: { params: storeParams },
      responses: { 200: json(storeBody, 'The store, pending review'), ...errors(401, 403, 404, 409, 422) },
    }),
    async (c) =>
      c.json({ store: await submitStore(c.var.deps, c.var.actor, c.req.valid('param').storeId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/stores/{storeId}/api-keys',
      tags: ['api keys'],
      summary: 'Create a store API key (owner); the secret is shown only in this answer',
      security: sessionAuth,
      request: { params: storeParams, body: { ...jsonBody(ApiKeyCreate), required: false } },
      responses: {
        201: json(z.object({ apiKey: NewApiKey }), 'The new key with its secret'),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const input = (c.req.header('content-type') ? c.req.valid('json') : {}) ?? {};
      return c.json(
        { apiKey: await createApiKey(c.var.deps, c.var.actor, c.req.valid('param').storeId, input) },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/api-keys',
      tags: ['api keys'],
      summary: 'List a store’s live API keys, without secrets (owner)',
      security: sessionAuth,
      request: { params: storeParams },
      responses: { 200: json(z.object({ apiKeys: z.array(ApiKey) }), 'Live keys'), ...errors(401, 403, 404) },
    }),
    async (c) =>
      c.json({ apiKeys: await listApiKeys(c.var.deps, c.var.actor, c.req.valid('param').storeId) }, 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/stores/{storeId}/api-keys/{keyId}',
      tags: ['api keys'],
      summary: 'Revoke an API key (owner); it stops working at once',
      security: sessionAuth,
      request: { params: keyParams },
      responses: { 204: { description: 'Revoked' }, ...errors(401, 403, 404) },
    }),
    async (c) => {
      const { storeId, keyId } = c.req.valid('param');
      await revokeApiKey(c.var.deps, c.var.actor, storeId, keyId);
      return c.body(null, 204);
    },
  );
