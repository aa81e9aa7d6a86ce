/** Catalog routes: batch ingest (store API key or owner) and the public reads of products and posts. */
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AppError } from '../../errors';
import { countView } from '../../feed/engagement';
import { FeedItem, feedItems } from '../../feed/items';
import { limitParam } from '../../paging';
import { getPost, getProduct, listStorePosts, listStoreProducts } from '../../vendors/catalog';
import {
  BatchResult,
  batchRequest,
  Post,
  PostInput,
  Product,
  ProductInput,
} from '../../vendors/catalog-schema';
import { ingestPosts, ingestProducts } from '../../vendors/ingest';
import type { AppEnv } from '../env';
import { catalogAuth, errors, json, optionalSession, router } from '../openapi';

/** 1000 items with long descriptions fit; anything larger is refused before it is read. */
export const BATCH_MAX_BYTES = 16 * 1024 * 1024;

const storeParams = z.object({ storeId: z.string().max(64) });
const idParams = z.object({ id: z.string().max(64) });
const pageQuery = z.object({ cursor: z.string().max(512).optional(), limit: limitParam });

const batchLimit = bodyLimit({
  maxSize: BATCH_MAX_BYTES,
  onError: () => {
    throw new AppError(
      'payload_too_large',
      `A batch body may be at most ${BATCH_MAX_BYTES / 1024 / 1024} MiB`,
    );
  },
});

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new AppError('validation_failed', 'The body is not valid JSON', [
      { path: [], code: 'invalid_json', message: 'not valid JSON' },
    ]);
  }
}

const batchRoute = (kind: 'products' | 'posts', item: typeof ProductInput | typeof PostInput) =>
  createRoute({
    method: 'post',
    path: `/stores/{storeId}/${kind}/batch`,
    tags: ['catalog'],
    summary: `Upsert and delete ${kind} by externalId, up to 1000 items; bad items are reported, the rest land whole`,
    security: catalogAuth,
    request: {
      params: storeParams,
      body: {
        content: { 'application/json': { schema: batchRequest(item, `${kind}BatchRequest`) } },
        required: true,
      },
    },
    responses: { 200: json(BatchResult, 'What landed and what failed'), ...errors(400, 401, 403, 404, 413) },
  });

export const catalogRoutes = router();
catalogRoutes.openAPIRegistry.registerPath(batchRoute('products', ProductInput));
catalogRoutes.openAPIRegistry.registerPath(batchRoute('posts', PostInput));

catalogRoutes
  .post('/stores/:storeId/products/batch', batchLimit, async (c) => {
    const { deps, actor } = c.var;
    const result = await ingestProducts(deps, actor, c.req.param('storeId'), await readJson(c));
    deps.metrics.ingested.inc({ kind: 'product' }, result.upserted);
    deps.metrics.rejected.inc({ kind: 'product' }, result.failed.length);
    return c.json(result, 200);
  })
  .post('/stores/:storeId/posts/batch', batchLimit, async (c) => {
    const { deps, actor } = c.var;
    const result = await ingestPosts(deps, actor, c.req.param('storeId'), await readJson(c));
    deps.metrics.ingested.inc({ kind: 'post' }, result.upserted);
    deps.metrics.rejected.inc({ kind: 'post' }, result.failed.length);
    return c.json(result, 200);
  });

catalogRoutes
  .openapi(
    createRoute({
      method: 'get',
      path: '/products/{id}',
      tags: ['catalog'],
      summary: 'A product with its store summary and deep link',
      security: optionalSession,
      request: { params: idParams },
      responses: { 200: json(z.object({ product: Product }), 'The product'), ...errors(401, 404) },
    }),
    async (c) => {
      const product = await getProduct(c.var.deps, c.var.actor, c.req.valid('param').id);
      await countView(c.var.deps, 'product', product.id);
      return c.json({ product }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/posts/{id}',
      tags: ['catalog'],
      summary: 'A post with its store summary, deep link and the products it links (those shoppers can see)',
      security: optionalSession,
      request: { params: idParams },
      responses: { 200: json(z.object({ post: FeedItem }), 'The post'), ...errors(401, 404) },
    }),
    async (c) => {
      const post = await getPost(c.var.deps, c.var.actor, c.req.valid('param').id);
      const [item] = await feedItems(c.var.deps, [post.id]);
      await countView(c.var.deps, 'post', post.id);
      return c.json({ post: { ...post, products: item?.products ?? [] } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/products',
      tags: ['catalog'],
      summary: 'A store’s products, newest first',
      security: optionalSession,
      request: { params: storeParams, query: pageQuery },
      responses: {
        200: json(z.object({ items: z.array(Product), nextCursor: z.string().nullable() }), 'A page'),
        ...errors(400, 401, 404),
      },
    }),
    async (c) =>
      c.json(
        await listStoreProducts(c.var.deps, c.var.actor, c.req.valid('param').storeId, c.req.valid('query')),
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/stores/{storeId}/posts',
      tags: ['catalog'],
      summary: 'A store’s posts, newest first',
      security: optionalSession,
      request: { params: storeParams, query: pageQuery },
      responses: {
        200: json(z.object({ items: z.array(Post), nextCursor: z.string().nullable() }), 'A page'),
        ...errors(400, 401, 404),
      },
    }),
    async (c) =>
      c.json(
        await listStorePosts(c.var.deps, c.var.actor, c.req.valid('param').storeId, c.req.valid('query')),
        200,
      ),
  );
