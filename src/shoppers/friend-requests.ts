/**
 * A shopper asks to add a store's vendor on WeChat: the request is recorded as a lead for the
 * vendor, rate-limited per shopper, and answered with the contact and a greeting naming the item.
 */
import type { Db } from '../db/database';
import type { Deps } from '../deps';
import { AppError, validationError } from '../errors';
import type { EngagedItem } from '../feed/engagement';
import { newId } from '../ids';
import { type Actor, requireUser } from '../users/actor';
import { contactOf, publicStore, type Subject } from './contact';
import type { FriendRequestInput, FriendRequestResult } from './schema';
import type { LeadsTable } from './tables';

export const FRIEND_REQUESTS_PER_STORE_PER_DAY = 5;
export const FRIEND_REQUESTS_PER_DAY = 30;
const DAY_MS = 86_400_000;

export type FriendRequestDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'limiter' | 'engagement' | 'logger'>;

interface Item {
  id: string;
  title: string;
  storeId: string;
}

const missing = (field: 'productId' | 'postId', what: string) =>
  new AppError('not_found', `${what} not found`, [
    { path: [field], code: 'not_found', message: `no visible ${what.toLowerCase()} has this id` },
  ]);

/** A product or post shoppers may see, and that belongs to `storeId`: else 404, or 400 for another store's. */
async function itemOfStore(
  db: Db,
  now: Date,
  storeId: string,
  field: 'productId' | 'postId',
  id: string,
): Promise<Item> {
  const found =
    field === 'productId'
      ? await db.kysely
          .selectFrom('products')
          .innerJoin('stores', 'stores.id', 'products.store_id')
          .select(['products.id', 'products.title', 'products.store_id as storeId'])
          .where('products.id', '=', id)
          .where('products.status', '=', 'active')
          .where('products.taken_down_at', 'is', null)
          .where('stores.status', '=', 'approved')
          .executeTakeFirst()
      : await db.kysely
          .selectFrom('posts')
          .innerJoin('stores', 'stores.id', 'posts.store_id')
          .select(['posts.id', 'posts.title', 'posts.store_id as storeId'])
          .where('posts.id', '=', id)
          .where('posts.taken_down_at', 'is', null)
          .where('posts.published_at', '<=', now.toISOString())
          .where('stores.status', '=', 'approved')
          .executeTakeFirst();
  if (!found) throw missing(field, field === 'productId' ? 'Product' : 'Post');
  if (found.storeId !== storeId) {
    throw validationError([{ path: [field], code: 'wrong_store', message: 'belongs to another store' }]);
  }
  return found;
}

type LeadKey = Pick<LeadsTable, 'user_id' | 'store_id' | 'day' | 'product_id' | 'post_id'>;

/** Today's lead of this shopper for this store and item, if there is one. */
function findLead(db: Db, key: LeadKey) {
  let q = db.kysely
    .selectFrom('leads')
    .select(['id', 'status'])
    .where('user_id', '=', key.user_id)
    .where('store_id', '=', key.store_id)
    .where('day', '=', key.day);
  q =
    key.product_id === null ? q.where('product_id', 'is', null) : q.where('product_id', '=', key.product_id);
  q = key.post_id === null ? q.where('post_id', 'is', null) : q.where('post_id', '=', key.post_id);
  return q.executeTakeFirst();
}

/** 429 once the shopper has made too many friend requests today, to this store or in all. */
async function enforceLimits(deps: FriendRequestDeps, userId: string, storeId: string, now: Date) {
  const perStore = await deps.limiter.hit(
    `friend-request:${userId}:${storeId}`,
    FRIEND_REQUESTS_PER_STORE_PER_DAY,
    DAY_MS,
    now,
  );
  const decision = perStore.allowed
    ? await deps.limiter.hit(`friend-request:${userId}`, FRIEND_REQUESTS_PER_DAY, DAY_MS, now)
    : perStore;
  if (!decision.allowed) {
    throw new AppError(
      'rate_limited',
      'Too many friend requests today; try again tomorrow',
      [],
      decision.retryAfterSeconds,
    );
  }
}

/**
 * Records a friend request as a lead and returns the store's contact. A repeat for the same store
 * and item on the same UTC day returns the first lead (`created: false`) and counts nothing.
 */
export async function requestFriend(
  deps: FriendRequestDeps,
  actor: Actor,
  storeId: string,
  input: FriendRequestInput,
): Promise<FriendRequestResult & { created: boolean }> {
  const user = requireUser(actor);
  const store = await publicStore(deps.db, storeId);
  const now = deps.clock.now();
  const product = input.productId
    ? await itemOfStore(deps.db, now, storeId, 'productId', input.productId)
    : undefined;
  const post = input.postId ? await itemOfStore(deps.db, now, storeId, 'postId', input.postId) : undefined;
  const item = product ?? post;
  const subject: Subject = item ? { kind: 'item', title: item.title } : { kind: 'store', name: store.name };
  const contact = contactOf(store, deps.config.marketplaceName, subject);
  const key: LeadKey = {
    user_id: user.userId,
    store_id: storeId,
    day: now.toISOString().slice(0, 10),
    product_id: product ? product.id : null,
    post_id: post ? post.id : null,
  };

  const existing = await findLead(deps.db, key);
  if (existing) return { created: false, lead: existing, contact };
  await enforceLimits(deps, user.userId, storeId, now);

  const at = now.toISOString();
  const row: LeadsTable = {
    ...key,
    id: newId('ld'),
    message: input.message || null,
    status: 'new',
    created_at: at,
    updated_at: at,
  };
  const [inserted] = await deps.db.batch([
    deps.db.kysely
      .insertInto('leads')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .compile(),
  ]);
  if (inserted?.changes !== 1) {
    const raced = await findLead(deps.db, key);
    if (!raced) throw new AppError('conflict', 'The friend request could not be recorded; try again');
    return { created: false, lead: raced, contact };
  }

  const engaged: [EngagedItem, string][] = [];
  if (product) engaged.push(['product', product.id]);
  if (post) engaged.push(['post', post.id]);
  if (engaged.length === 0) engaged.push(['store', storeId]);
  for (const [type, id] of engaged) deps.engagement.record('friend_add', type, id);
  await deps.engagement.flushIfDue(deps.db, now).catch((error: unknown) => {
    deps.logger.error('engagement flush failed', { error });
  });
  return { created: true, lead: { id: row.id, status: row.status }, contact };
}
