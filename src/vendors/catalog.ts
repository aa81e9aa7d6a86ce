/** Reading the synced catalog: what shoppers may see, and everything for the store's owner and moderators. */
import type { DomainDeps } from '../deps';
import { notFound } from '../errors';
import { decodeCursor, pageOf, seekAfter } from '../paging';
import { type Actor, isModerator } from '../users/actor';
import type { PostsTable, ProductsTable } from './catalog.table';
import type { Post, Product } from './catalog-schema';
import { productDeepLink, storeDeepLink } from './deep-link';
import { canSee, isOwner, loadStore, visibleStore } from './store-access';
import { toStoreSummary } from './stores';
import type { StoresTable } from './stores.table';

/** The store fields an item needs to read back: its summary and its mini-program links. */
export type StoreOfItem = Pick<
  StoresTable,
  'id' | 'name' | 'city' | 'logo_url' | 'mp_app_id' | 'mp_home_path' | 'mp_product_path'
>;

const seesEverything = (actor: Actor, store: StoresTable) => isOwner(actor, store) || isModerator(actor);

export function toProduct(row: ProductsTable, store: StoreOfItem): Product {
  return {
    id: row.id,
    storeId: row.store_id,
    externalId: row.external_id,
    title: row.title,
    description: row.description,
    category: row.category,
    brand: row.brand,
    price: row.price,
    originalPrice: row.original_price,
    currency: row.currency,
    images: JSON.parse(row.images),
    tags: JSON.parse(row.tags),
    miniProgramPath: row.mini_program_path,
    status: row.status,
    store: toStoreSummary(store),
    deepLink: productDeepLink(store, row.external_id, row.mini_program_path),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toPost(row: PostsTable, store: StoreOfItem): Post {
  return {
    id: row.id,
    storeId: row.store_id,
    externalId: row.external_id,
    title: row.title,
    body: row.body,
    coverUrl: row.cover_url,
    images: JSON.parse(row.images),
    productExternalIds: JSON.parse(row.product_external_ids),
    tags: JSON.parse(row.tags),
    publishedAt: row.published_at,
    store: toStoreSummary(store),
    deepLink: storeDeepLink(store),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Shoppers see active, not taken-down products of approved stores. */
const productIsPublic = (row: ProductsTable) => row.status === 'active' && row.taken_down_at === null;
/** Shoppers see published, not taken-down posts of approved stores. */
const postIsPublic = (row: PostsTable, now: Date) =>
  row.taken_down_at === null && row.published_at <= now.toISOString();

export async function getProduct(deps: DomainDeps, actor: Actor, productId: string): Promise<Product> {
  const row = await deps.db.kysely
    .selectFrom('products')
    .selectAll()
    .where('id', '=', productId)
    .executeTakeFirst();
  const store = row && (await loadStore(deps.db, row.store_id));
  if (!row || !store || !canSee(actor, store)) throw notFound('Product');
  if (!seesEverything(actor, store) && !productIsPublic(row)) throw notFound('Product');
  return toProduct(row, store);
}

export async function getPost(deps: DomainDeps, actor: Actor, postId: string): Promise<Post> {
  const row = await deps.db.kysely
    .selectFrom('posts')
    .selectAll()
    .where('id', '=', postId)
    .executeTakeFirst();
  const store = row && (await loadStore(deps.db, row.store_id));
  if (!row || !store || !canSee(actor, store)) throw notFound('Post');
  if (!seesEverything(actor, store) && !postIsPublic(row, deps.clock.now())) throw notFound('Post');
  return toPost(row, store);
}

interface PageQuery {
  cursor?: string | undefined;
  limit: number;
}

/** Newest first. */
export async function listStoreProducts(deps: DomainDeps, actor: Actor, storeId: string, query: PageQuery) {
  const store = await visibleStore(deps.db, actor, storeId);
  const after = decodeCursor(query.cursor);
  let q = deps.db.kysely
    .selectFrom('products')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (!seesEverything(actor, store)) q = q.where('status', '=', 'active').where('taken_down_at', 'is', null);
  if (after) q = q.where(seekAfter(['created_at', 'id'], after, 'desc'));
  const page = pageOf(await q.execute(), query.limit, (r) => ({ k: r.created_at, id: r.id }));
  return { items: page.items.map((r) => toProduct(r, store)), nextCursor: page.nextCursor };
}

/** Newest published first. */
export async function listStorePosts(deps: DomainDeps, actor: Actor, storeId: string, query: PageQuery) {
  const store = await visibleStore(deps.db, actor, storeId);
  const after = decodeCursor(query.cursor);
  let q = deps.db.kysely
    .selectFrom('posts')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  if (!seesEverything(actor, store)) {
    q = q.where('taken_down_at', 'is', null).where('published_at', '<=', deps.clock.now().toISOString());
  }
  if (after) q = q.where(seekAfter(['published_at', 'id'], after, 'desc'));
  const page = pageOf(await q.execute(), query.limit, (r) => ({ k: r.published_at, id: r.id }));
  return { items: page.items.map((r) => toPost(r, store)), nextCursor: page.nextCursor };
}
