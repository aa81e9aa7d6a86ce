/** Loads a generated marketplace through the same domain calls vendors and moderators use. */
import type { DomainDeps } from '../deps';
import { decide } from '../moderation/decisions';
import type { Actor } from '../users/actor';
import { upsertUserByOpenid } from '../users/users';
import { BATCH_MAX_ITEMS } from '../vendors/catalog-schema';
import { ingestPosts, ingestProducts } from '../vendors/ingest';
import { createStore, submitStore } from '../vendors/stores';
import { type CorpusOptions, generateCorpus, type SeedStore } from './corpus';

export const DEMO_MODERATOR_OPENID = 'dev:demo-moderator';

/** Which review outcome a seeded store gets: most approved, a few waiting or rejected, so every queue has something. */
export function seededStatus(key: number): 'approved' | 'pending_review' | 'rejected' {
  if (key % 12 === 10) return 'pending_review';
  if (key % 24 === 23) return 'rejected';
  return 'approved';
}

async function actorFor(
  deps: DomainDeps,
  openid: string,
  roles: ('vendor' | 'moderator')[] = [],
): Promise<Actor> {
  const row = await upsertUserByOpenid(deps.db, deps.clock.now(), openid, { grant: roles });
  return { kind: 'user', userId: row.id, roles: ['shopper', ...roles] };
}

async function loadStore(deps: DomainDeps, moderator: Actor, seed: SeedStore) {
  const owner = await actorFor(deps, `dev:${seed.ownerOpenid}`, ['vendor']);
  const { key: _key, ownerOpenid: _owner, miniProgram, ...fields } = seed;
  const store = await createStore(deps, owner, { ...fields, ...(miniProgram ? { miniProgram } : {}) });
  await submitStore(deps, owner, store.id);
  const status = seededStatus(seed.key);
  if (status === 'approved') await decide(deps, moderator, store.id, { action: 'approve' });
  if (status === 'rejected') {
    await decide(deps, moderator, store.id, {
      action: 'reject',
      reason: '店铺Logo不清晰，请重新上传后再提交审核',
    });
  }
  return { storeId: store.id, owner };
}

/** Generates and loads a corpus; returns counts. Calls `progress` after each store. */
export async function loadCorpus(
  deps: DomainDeps,
  options: CorpusOptions,
  progress: (done: number) => void = () => {},
): Promise<{ stores: number; products: number; posts: number }> {
  const moderator = await actorFor(deps, DEMO_MODERATOR_OPENID, ['moderator']);
  const totals = { stores: 0, products: 0, posts: 0 };
  for (const { store, products, posts } of generateCorpus(options)) {
    const { storeId, owner } = await loadStore(deps, moderator, store);
    for (let i = 0; i < products.length; i += BATCH_MAX_ITEMS) {
      const result = await ingestProducts(deps, owner, storeId, {
        upsert: products.slice(i, i + BATCH_MAX_ITEMS),
      });
      totals.products += result.upserted;
    }
    for (let i = 0; i < posts.length; i += BATCH_MAX_ITEMS) {
      const result = await ingestPosts(deps, owner, storeId, { upsert: posts.slice(i, i + BATCH_MAX_ITEMS) });
      totals.posts += result.upserted;
    }
    totals.stores += 1;
    progress(totals.stores);
  }
  return totals;
}

/** The demo marketplace `npm start` loads into an empty database. */
export const DEMO_CORPUS: CorpusOptions = { seed: 2018, stores: 24, productsPerStore: 25, postsPerStore: 3 };
