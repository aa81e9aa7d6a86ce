import { describe, expect, it } from 'vitest';
import { product, testApp } from '../../../test/harness';
import type { SearchQuery } from '../engine';
import { nodeAnalyzer } from '../text/node-analyzer';
import { createEmbeddedEngine } from './engine';

/** An app whose embedded engine ranks at most 4 candidates, and a store with `visible` matching tables and 2 inactive ones. */
async function windowOfFour(visible: number) {
  const t = testApp({
    search: (db, clock) => createEmbeddedEngine({ db, clock, analyzer: nodeAnalyzer(), window: 4 }),
  });
  const s = await t.approvedStore();
  const tables = Array.from({ length: visible }, (_, i) =>
    product(i + 1, { category: i % 2 === 0 ? 'home' : 'other' }),
  );
  const hidden = [product(101, { status: 'inactive' }), product(102, { status: 'inactive' })];
  const res = await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
    token: s.owner,
    body: { upsert: [...tables, ...hidden] },
  });
  expect(res.body.upserted).toBe(visible + 2);
  return t;
}

describe('the embedded engine over a result set larger than the candidates it ranks', () => {
  it('says so, and estimates the total and the facet counts from the candidates', async () => {
    const t = await windowOfFour(10);
    const r = (await t.call('GET', '/v1/search?q=餐桌&facets=category')).body;
    expect(r.exhaustive).toBe(false);
    expect(r.hits).toHaveLength(4);
    expect(r.total).toBeGreaterThanOrEqual(5);
    expect(r.total).toBeLessThanOrEqual(12);
    const counts = Object.values(r.facets.category as Record<string, number>);
    expect(Object.keys(r.facets.category).sort()).toEqual(['home', 'other']);
    expect(Math.abs(counts.reduce((x, y) => x + y, 0) - r.total)).toBeLessThanOrEqual(2);
  });

  it('ranks and sorts the candidates, and pages past them are empty', async () => {
    const t = await windowOfFour(10);
    const page = async (query: string) => (await t.call('GET', `/v1/search?q=餐桌&${query}`)).body;
    const asc = (await page('sort=price_asc&limit=2')).hits.map((h: any) => h.price);
    expect(asc).toEqual([...asc].sort((x: number, y: number) => x - y));
    const first = await page('limit=2&page=1');
    const second = await page('limit=2&page=2');
    const ids = [...first.hits, ...second.hits].map((h: any) => h.id);
    expect(new Set(ids).size).toBe(4);
    expect((await page('limit=2&page=3')).hits).toEqual([]);
  });

  it('counts, facets and pages exactly when the result set fits, however many products are hidden', async () => {
    const t = await windowOfFour(4);
    const r = (await t.call('GET', '/v1/search?q=餐桌&facets=category')).body;
    expect(r).toMatchObject({ exhaustive: true, total: 4, facets: { category: { home: 2, other: 2 } } });
    expect(r.hits).toHaveLength(4);
  });
});

describe('the embedded engine with filters over many matches', () => {
  /** 40 matching tables, the `home` ones chosen by `isHome(n)` (n = 1 is the oldest), ranked 4 at a time. */
  async function forty(isHome: (n: number) => boolean) {
    const t = testApp({
      search: (db, clock) => createEmbeddedEngine({ db, clock, analyzer: nodeAnalyzer(), window: 4 }),
    });
    const s = await t.approvedStore();
    const tables = Array.from({ length: 40 }, (_, i) =>
      product(i + 1, { category: isHome(i + 1) ? 'home' : 'other' }),
    );
    await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
      token: s.owner,
      body: { upsert: tables },
    });
    return t;
  }

  it('finds the few products a filter passes even past the matches it reads first', async () => {
    const t = await forty((n) => n <= 3);
    const r = (await t.call('GET', '/v1/search?q=餐桌&category=home&limit=2')).body;
    expect(r).toMatchObject({ exhaustive: true, total: 3 });
    for (const h of r.hits) expect(['SKU-000001', 'SKU-000002', 'SKU-000003']).toContain(h.externalId);
    expect(r.hits).toHaveLength(2);
  });

  it('estimates from the matches it read when the filter passes enough of them', async () => {
    const t = await forty((n) => n % 2 === 0);
    const r = (await t.call('GET', '/v1/search?q=餐桌&category=home&facets=category')).body;
    expect(r.exhaustive).toBe(false);
    expect(r.hits).toHaveLength(4);
    expect(r.hits.every((h: any) => h.category === 'home')).toBe(true);
    expect(r.total).toBeGreaterThanOrEqual(15);
    expect(r.total).toBeLessThanOrEqual(25);
    expect(Object.keys(r.facets.category)).toEqual(['home']);
  });
});

describe('the typo vocabulary', () => {
  it('is kept with the catalog write, so a fresh engine on the same database tolerates typos at once', async () => {
    const t = testApp();
    const s = await t.approvedStore();
    await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
      token: s.owner,
      body: {
        upsert: [
          { externalId: 'K1', title: '罗技 Logitech K380 蓝牙键盘', brand: 'Logitech', price: 19_900 },
        ],
      },
    });
    const terms = t.db.raw.prepare('SELECT term FROM search_typo_terms ORDER BY term').pluck().all();
    expect(terms).toContain('logitech');
    const fresh = createEmbeddedEngine({ db: t.db, clock: t.clock, analyzer: nodeAnalyzer() });
    const query: SearchQuery = {
      type: 'product',
      q: '',
      filters: {},
      sort: 'relevance',
      page: 1,
      limit: 10,
      facets: [],
    };
    expect((await fresh.search({ ...query, q: 'logitehc' })).total).toBe(1);
    t.db.raw.exec('DELETE FROM search_typo_terms');
    await fresh.reindex();
    expect(t.db.raw.prepare('SELECT term FROM search_typo_terms').pluck().all()).toContain('logitech');
  });
});
