import { describe, expect, it } from 'vitest';
import { product, testApp } from '../../../test/harness';
import type { SearchQuery } from '../engine';
import { nodeAnalyzer } from '../text/node-analyzer';
import { createEmbeddedEngine, type EmbeddedEngine } from './engine';

/** An app whose embedded engine ranks at most 4 matches by bm25, with or without its in-memory columns. */
async function windowOfFour(
  visible: number,
  columns: boolean,
  category = (n: number) => (n % 2 === 1 ? 'home' : 'other'),
) {
  const t = testApp({
    search: (db, clock) => createEmbeddedEngine({ db, clock, analyzer: nodeAnalyzer(), window: 4, columns }),
  });
  const s = await t.approvedStore();
  const tables = Array.from({ length: visible }, (_, i) => product(i + 1, { category: category(i + 1) }));
  const hidden = [product(101, { status: 'inactive' }), product(102, { status: 'inactive' })];
  const res = await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
    token: s.owner,
    body: { upsert: [...tables, ...hidden] },
  });
  expect(res.body.upserted).toBe(visible + 2);
  await (t.deps.search as EmbeddedEngine).ready();
  return t;
}

const sku = (n: number) => product(n).externalId;

for (const columns of [true, false]) {
  describe(`the embedded engine over more matches than it ranks (${columns ? 'in-memory columns' : 'SQLite alone'})`, () => {
    it('counts and facets every match exactly, however many products are hidden', async () => {
      const t = await windowOfFour(10, columns);
      const r = (await t.call('GET', '/v1/search?q=餐桌&facets=category,brand')).body;
      expect(r).toMatchObject({
        exhaustive: true,
        total: 10,
        facets: { category: { home: 5, other: 5 }, brand: { 林氏木业: 10 } },
      });
    });

    it('ranks the newest matches first and pages through every match exactly once', async () => {
      const t = await windowOfFour(10, columns);
      const seen: string[] = [];
      for (let page = 1; page <= 4; page++) {
        const r = (await t.call('GET', `/v1/search?q=餐桌&limit=3&page=${page}`)).body;
        expect(r.total).toBe(10);
        seen.push(...r.hits.map((h: any) => h.externalId));
      }
      expect(seen).toHaveLength(10);
      expect(new Set(seen).size).toBe(10);
      expect(new Set(seen.slice(0, 4))).toEqual(new Set([10, 9, 8, 7].map(sku)));
      expect(seen.slice(4)).toEqual([6, 5, 4, 3, 2, 1].map(sku));
    });

    it('sorts every match, not only the ranked ones', async () => {
      const t = await windowOfFour(10, columns);
      const asc = (await t.call('GET', '/v1/search?q=餐桌&sort=price_asc&limit=3')).body;
      expect(asc.hits.map((h: any) => h.externalId)).toEqual([1, 2, 3].map(sku));
      const desc = (await t.call('GET', '/v1/search?q=餐桌&sort=price_desc&limit=3&page=4')).body;
      expect(desc.hits.map((h: any) => h.externalId)).toEqual([1].map(sku));
    });

    it('finds the few matches a filter passes, and counts many exactly', async () => {
      const few = await windowOfFour(40, columns, (n) => (n <= 3 ? 'home' : 'other'));
      const r = (await few.call('GET', '/v1/search?q=餐桌&category=home&limit=2')).body;
      expect(r).toMatchObject({ exhaustive: true, total: 3 });
      expect(r.hits.map((h: any) => h.externalId).sort()).toEqual([2, 3].map(sku));
      const many = (await few.call('GET', '/v1/search?q=餐桌&category=other&facets=category,city')).body;
      expect(many).toMatchObject({ total: 37, facets: { category: { other: 37 }, city: { 杭州: 37 } } });
      expect(many.hits.every((h: any) => h.category === 'other')).toBe(true);
    });

    it('browses without words: every visible product, newest first, counted exactly', async () => {
      const t = await windowOfFour(10, columns);
      const r = (await t.call('GET', '/v1/search?category=home&facets=category&limit=2')).body;
      expect(r).toMatchObject({ total: 5, facets: { category: { home: 5 } } });
      expect(r.hits.map((h: any) => h.externalId)).toEqual([9, 7].map(sku));
    });
  });
}

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
