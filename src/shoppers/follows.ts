/**
 * Shoppers following stores. Rows are kept: unfollow sets `deleted_at`, re-follow restarts
 * `created_at`, so the feed can tell who followed a store at a given time.
 */
import type { DomainDeps } from '../deps';
import { decodeCursor, pageOf, seekAfter } from '../paging';
import { type Actor, requireUser } from '../users/actor';
import type { StoreSummary } from '../vendors/store-schema';
import { toStoreSummary } from '../vendors/stores';
import { publicStore } from './contact';
import type { PageQuery } from './schema';

/** Follows a publicly visible store; following it again changes nothing. */
export async function follow(deps: DomainDeps, actor: Actor, storeId: string): Promise<void> {
  const user = requireUser(actor);
  await publicStore(deps.db, storeId);
  const at = deps.clock.now().toISOString();
  await deps.db.batch([
    deps.db.kysely
      .insertInto('follows')
      .values({ user_id: user.userId, store_id: storeId, created_at: at, deleted_at: null })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'store_id'])
          .doUpdateSet({ created_at: at, deleted_at: null })
          .where('follows.deleted_at', 'is not', null),
      )
      .compile(),
  ]);
}

/** Stops following; unfollowing a store not followed (or hidden since) changes nothing. */
export async function unfollow(deps: DomainDeps, actor: Actor, storeId: string): Promise<void> {
  const user = requireUser(actor);
  await deps.db.batch([
    deps.db.kysely
      .updateTable('follows')
      .set({ deleted_at: deps.clock.now().toISOString() })
      .where('user_id', '=', user.userId)
      .where('store_id', '=', storeId)
      .where('deleted_at', 'is', null)
      .compile(),
  ]);
}

/** Whether the caller follows this publicly visible store. */
export async function isFollowing(deps: DomainDeps, actor: Actor, storeId: string): Promise<boolean> {
  const user = requireUser(actor);
  const row = await deps.db.kysely
    .selectFrom('follows')
    .innerJoin('stores', 'stores.id', 'follows.store_id')
    .select('follows.store_id')
    .where('follows.user_id', '=', user.userId)
    .where('follows.store_id', '=', storeId)
    .where('follows.deleted_at', 'is', null)
    .where('stores.status', '=', 'approved')
    .executeTakeFirst();
  return row !== undefined;
}

/** The publicly visible stores the caller follows, most recently followed first. */
export async function listFollows(
  deps: DomainDeps,
  actor: Actor,
  query: PageQuery,
): Promise<{ stores: StoreSummary[]; nextCursor: string | null }> {
  const user = requireUser(actor);
  const after = decodeCursor(query.cursor);
  let q = deps.db.kysely
    .selectFrom('follows')
    .innerJoin('stores', 'stores.id', 'follows.store_id')
    .select(['stores.id', 'stores.name', 'stores.city', 'stores.logo_url', 'follows.created_at'])
    .where('follows.user_id', '=', user.userId)
    .where('follows.deleted_at', 'is', null)
    .where('stores.status', '=', 'approved')
    .orderBy('follows.created_at', 'desc')
    .orderBy('follows.store_id', 'desc')
    .limit(query.limit + 1);
  if (after) q = q.where(seekAfter(['follows.created_at', 'follows.store_id'], after, 'desc'));
  const page = pageOf(await q.execute(), query.limit, (r) => ({ k: r.created_at, id: r.id }));
  return { stores: page.items.map(toStoreSummary), nextCursor: page.nextCursor };
}
