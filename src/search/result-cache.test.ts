import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { post, product, type TestApp, testApp } from '../../test/harness';
import { manualClock } from '../clock';
import { openSqlite } from '../db/sqlite';
import { settleDelivered } from './outbox';
import { RECHECK_MS, SearchResultCache, searchChanged } from './result-cache';

const search = async (t: TestApp, query: string) => {
  const res = await t.call('GET', `/v1/search?${query}`);
  expect(res.status).toBe(200);
  return res.body as { total: number; hits: { id: string; title?: string; price?: number }[] };
};
const upsert = (t: TestApp, shop: { storeId: string; owner: string }, items: unknown[]) =>
  t.call('POST', `/v1/stores/${shop.storeId}/products/batch`, { token: shop.owner, body: { upsert: items } });

describe('remembered search answers', () => {
  it('answers a repeated search from memory, with the same body', async () => {
    const t = testApp();
    await t.shopWithProduct();
    const first = await search(t, 'q=餐桌&facets=brand');
    const misses = t.deps.searchCache.stats.misses;
    const again = await search(t, 'q=餐桌&facets=brand');
    expect(t.deps.searchCache.stats.misses).toBe(misses);
    expect(t.deps.searchCache.stats.hits).toBeGreaterThan(0);
    expect({ ...again, tookMs: 0 }).toEqual({ ...first, tookMs: 0 });
  });

  it('never serves an answer from before a catalog write: new, changed and deleted products show at once', async () => {
    const t = testApp();
    const shop = await t.shopWithProduct();
    expect((await search(t, 'q=餐桌')).total).toBe(1);
    await upsert(t, shop, [product(2)]);
    expect((await search(t, 'q=餐桌')).total).toBe(2);
    await upsert(t, shop, [product(2, { price: 99_900 })]);
    expect((await search(t, 'q=餐桌&sort=price_asc')).hits[0]!.price).toBe(99_900);
    await upsert(t, shop, [product(2, { price: 88_800 })]);
    expect((await search(t, 'q=餐桌&sort=price_asc')).hits[0]!.price).toBe(88_800);
    await t.call('POST', `/v1/stores/${shop.storeId}/products/batch`, {
      token: shop.owner,
      body: { delete: [product(2).externalId] },
    });
    expect((await search(t, 'q=餐桌')).total).toBe(1);
  });

  it('drops a store’s products at once when a moderator suspends it, and brings them back on reinstatement', async () => {
    const t = testApp();
    const shop = await t.shopWithProduct();
    expect((await search(t, 'q=餐桌')).total).toBe(1);
    const decide = (action: string) =>
      t.call('POST', `/v1/moderation/stores/${shop.storeId}/decision`, {
        token: shop.moderator,
        body: { action, reason: '售假投诉核实' },
      });
    expect((await decide('suspend')).status).toBe(200);
    expect((await search(t, 'q=餐桌')).total).toBe(0);
    expect((await decide('reinstate')).status).toBe(200);
    expect((await search(t, 'q=餐桌')).total).toBe(1);
  });

  it('drops a product taken down on a report at once', async () => {
    const t = testApp();
    const shop = await t.shopWithProduct();
    expect((await search(t, 'q=餐桌')).total).toBe(1);
    await t.takeDown(shop);
    expect((await search(t, 'q=餐桌')).total).toBe(0);
  });

  it('shows a store’s new name in remembered product hits once the vendor renames it', async () => {
    const t = testApp();
    const shop = await t.shopWithProduct();
    await search(t, 'q=餐桌');
    await t.call('PATCH', `/v1/stores/${shop.storeId}`, {
      token: shop.owner,
      body: { name: '小林家居二店' },
    });
    const hit = (await t.call('GET', '/v1/search?q=餐桌')).body.hits[0];
    expect(hit.store.name).toBe('小林家居二店');
  });

  it('sees writes another process makes to the same database file once it reads the generation again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jishi-cache-'));
    try {
      const filename = join(dir, 'jishi.db');
      const serving = testApp({ filename });
      const shop = await serving.shopWithProduct();
      expect((await search(serving, 'q=餐桌')).total).toBe(1);
      const other = testApp({ filename });
      await upsert(other, shop, [product(2)]);
      serving.clock.advance(RECHECK_MS);
      expect((await search(serving, 'q=餐桌')).total).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never remembers post searches, so a scheduled post appears when its time comes', async () => {
    const t = testApp();
    const shop = await t.approvedStore();
    const at = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    await t.call('POST', `/v1/stores/${shop.storeId}/posts/batch`, {
      token: shop.owner,
      body: { upsert: [post(1, { title: '新品实木餐桌到店', publishedAt: at })] },
    });
    expect((await search(t, 'type=post&q=餐桌')).total).toBe(0);
    t.clock.advance(3_600_000);
    expect((await search(t, 'type=post&q=餐桌')).total).toBe(1);
  });
});

describe('SearchResultCache', () => {
  let db: ReturnType<typeof openSqlite>;
  afterEach(async () => db.close());

  it('keeps an answer computed while a newer generation was seen out of memory', async () => {
    db = openSqlite(':memory:');
    const cache = new SearchResultCache<string>(db, 10, manualClock());
    let finishSlow!: (v: string) => void;
    const slow = cache.get('k', () => new Promise<string>((resolve) => (finishSlow = resolve)));
    await new Promise((r) => setTimeout(r, 0));
    await db.batch([searchChanged(db)]);
    expect(await cache.get('k', async () => 'fresh')).toBe('fresh');
    finishSlow('stale');
    expect(await slow).toBe('stale');
    expect(await cache.get('k', async () => 'computed again')).toBe('fresh');
  });

  it('forgets the least recently used answer beyond its size, and remembers nothing at size 0', async () => {
    db = openSqlite(':memory:');
    const cache = new SearchResultCache<string>(db, 2, manualClock());
    const get = (k: string) => cache.get(k, async () => `${k}${cache.stats.misses}`);
    expect(await get('a')).toBe('a1');
    expect(await get('b')).toBe('b2');
    expect(await get('a')).toBe('a1');
    expect(await get('c')).toBe('c3');
    expect(await get('a')).toBe('a1');
    expect(await get('b')).toBe('b4');
    expect(await get('a')).toBe('a1');
    expect(await get('c')).toBe('c5');

    const off = new SearchResultCache<number>(db, 0, manualClock());
    let computed = 0;
    await off.get('x', async () => ++computed);
    await off.get('x', async () => ++computed);
    expect(computed).toBe(2);
  });

  it('reads the generation again after this process writes, and otherwise at most every RECHECK_MS', async () => {
    db = openSqlite(':memory:');
    const clock = manualClock();
    const cache = new SearchResultCache<string>(db, 10, clock);
    // A write this process does not make: the generation changes behind the Db's back.
    const bumpElsewhere = () => db.raw.exec('UPDATE search_state SET generation = generation + 1');
    expect(await cache.get('k', async () => 'first')).toBe('first');
    bumpElsewhere();
    clock.advance(RECHECK_MS - 1);
    expect(await cache.get('k', async () => 'second')).toBe('first');
    clock.advance(1);
    expect(await cache.get('k', async () => 'third')).toBe('third');
    await db.batch([searchChanged(db)]);
    expect(await cache.get('k', async () => 'fourth')).toBe('fourth');
  });

  it('is made stale by a Meilisearch delivery', async () => {
    db = openSqlite(':memory:');
    const cache = new SearchResultCache<string>(db, 10, manualClock());
    await cache.get('k', async () => 'before delivery');
    await settleDelivered(db, []);
    expect(await cache.get('k', async () => 'after delivery')).toBe('after delivery');
  });
});
