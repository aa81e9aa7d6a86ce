import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { post, product, searchQuery, type TestApp, testApp } from '../../../test/harness';
import type { DocType, FacetName, SearchQuery, SortOrder } from '../engine';
import { nodeAnalyzer } from '../text/node-analyzer';
import { createEmbeddedEngine, type EmbeddedEngine } from './engine';

/** An app, and a second engine on its database with its columns loaded (as another process would be). */
async function watched() {
  const t = testApp();
  const shop = await t.shopWithProduct();
  const engine = createEmbeddedEngine({ db: t.db, clock: t.clock, analyzer: nodeAnalyzer() });
  await engine.ready();
  const upsert = (items: unknown[]) =>
    t.call('POST', `/v1/stores/${shop.storeId}/products/batch`, {
      token: shop.owner,
      body: { upsert: items },
    });
  return { t, shop, engine, upsert };
}

describe('the in-memory columns', () => {
  it('follow products added, changed, hidden and deleted after they loaded', async () => {
    const { t, shop, engine, upsert } = await watched();
    await upsert([product(2, { category: 'digital', price: 100 })]);
    const cheapest = await engine.search(searchQuery({ sort: 'price_asc', facets: ['category'] }));
    expect(cheapest).toMatchObject({ total: 2, facets: { category: { home: 1, digital: 1 } } });
    await upsert([product(1, { price: 50, category: 'digital' }), product(2, { status: 'inactive' })]);
    const after = await engine.search(searchQuery({ sort: 'price_asc', facets: ['category'] }));
    expect(after).toMatchObject({ total: 1, facets: { category: { digital: 1 } } });
    expect(after.hits.map((h) => h.id)).toEqual([shop.productId]);
    await t.call('POST', `/v1/stores/${shop.storeId}/products/batch`, {
      token: shop.owner,
      body: { delete: [product(1).externalId] },
    });
    expect((await engine.search(searchQuery({}))).total).toBe(0);
  });

  it('follow a suspension, a reinstatement and a takedown at once', async () => {
    const { t, shop, engine } = await watched();
    const decide = (action: string) =>
      t.call('POST', `/v1/moderation/stores/${shop.storeId}/decision`, {
        token: shop.moderator,
        body: { action, reason: '售假投诉核实' },
      });
    await decide('suspend');
    expect((await engine.search(searchQuery({}))).total).toBe(0);
    await decide('reinstate');
    expect((await engine.search(searchQuery({ facets: ['city'] }))).facets).toEqual({ city: { 杭州: 1 } });
    await t.takeDown(shop);
    expect((await engine.search(searchQuery({}))).total).toBe(0);
  });

  it('load afresh when the changes they missed are no longer in the log', async () => {
    const { t, engine, upsert } = await watched();
    await upsert([product(1, { category: 'digital' })]);
    t.db.raw.exec('DELETE FROM search_changes');
    await upsert([product(2)]);
    const facets = async () => (await engine.search(searchQuery({ facets: ['category'] }))).facets;
    expect(await facets()).toEqual({ category: { digital: 1, home: 1 } });
    await engine.ready();
    expect(await facets()).toEqual({ category: { digital: 1, home: 1 } });
  });

  it('leave the answer to SQLite alone while the change log cannot be read', async () => {
    const { t, engine } = await watched();
    t.db.raw.exec('ALTER TABLE search_changes RENAME TO search_changes_away');
    expect(await engine.search(searchQuery({ facets: ['city'] }))).toMatchObject({
      total: 1,
      facets: { city: { 杭州: 1 } },
    });
    t.db.raw.exec('ALTER TABLE search_changes_away RENAME TO search_changes');
  });

  it('are not sent back to the catalog by a reindex, which changes no catalog row', async () => {
    const { t, engine } = await watched();
    const logged = () => t.db.raw.prepare('SELECT count(*) FROM search_changes').pluck().get();
    const before = logged();
    await (t.deps.search as EmbeddedEngine).reindex();
    expect(logged()).toBe(before);
    expect((await engine.search(searchQuery({}))).total).toBe(1);
  });

  it('see a scheduled post when its time comes', async () => {
    const { t, shop, engine } = await watched();
    await t.call('POST', `/v1/stores/${shop.storeId}/posts/batch`, {
      token: shop.owner,
      body: { upsert: [post(1, { publishedAt: '2026-11-01T09:00:00Z' })] },
    });
    const posts = searchQuery({ type: 'post', q: '' });
    expect((await engine.search(posts)).total).toBe(0);
    t.clock.advance(3_600_000);
    expect((await engine.search(posts)).total).toBe(1);
  });
});

/** What a random catalog is made of. */
const catalog = fc.record({
  stores: fc.array(
    fc.record({
      city: fc.constantFrom('杭州', '上海'),
      category: fc.constantFrom('home', 'digital'),
      status: fc.constantFrom('approved', 'approved', 'suspended', 'pending'),
      products: fc.array(
        fc.record({
          title: fc.constantFrom('实木餐桌', '护眼台灯', '餐桌台灯套装'),
          category: fc.constantFrom('home', 'digital', 'beauty'),
          brand: fc.constantFrom(undefined, '林氏木业', '小米'),
          price: fc.integer({ min: 1, max: 4 }),
          status: fc.constantFrom('active', 'active', 'inactive'),
        }),
        { maxLength: 9 },
      ),
      posts: fc.array(fc.constantFrom('2026-10-30T10:00:00Z', '2026-11-02T10:00:00Z'), { maxLength: 3 }),
      /** After the columns loaded: products deleted, an active product taken down, the store moved or suspended. */
      deleted: fc.nat({ max: 2 }),
      takeDown: fc.boolean(),
      afterwards: fc.constantFrom('nothing', 'move', 'suspend'),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  /** How many stores exist before the columns load; the rest come after. */
  before: fc.nat({ max: 3 }),
});

const queries = fc.record({
  type: fc.constantFrom<DocType>('product', 'product', 'post', 'store'),
  q: fc.constantFrom('', '餐桌', '台灯', '餐桌 台灯', 'tai deng', 'zzz', '杭州'),
  filters: fc.record(
    {
      category: fc.constantFrom('home', 'digital', 'beauty'),
      city: fc.constantFrom('杭州', '上海', '北京'),
      brand: fc.constantFrom('林氏木业', '小米', '无印良品'),
      priceMin: fc.integer({ min: 0, max: 4 }).map((n) => n * 100),
      priceMax: fc.integer({ min: 2, max: 5 }).map((n) => n * 100),
      storeId: fc.nat({ max: 3 }).map(String),
    },
    { requiredKeys: [] },
  ),
  sort: fc.constantFrom<SortOrder>('relevance', 'price_asc', 'price_desc', 'newest'),
  page: fc.integer({ min: 1, max: 3 }),
  limit: fc.integer({ min: 1, max: 4 }),
  facets: fc.subarray<FacetName>(['category', 'city', 'brand', 'storeId']),
});

type Catalog = typeof catalog extends fc.Arbitrary<infer C> ? C : never;

async function build(t: TestApp, spec: Catalog['stores'], firstIndex: number, storeIds: string[]) {
  const moderator = await t.signIn('moderator-1', ['moderator']);
  for (const [i, s] of spec.entries()) {
    const owner = await t.signIn(`vendor-${firstIndex + i}`);
    const storeId = await t.createStore(owner, { city: s.city, category: s.category });
    storeIds.push(storeId);
    if (s.status !== 'pending') {
      await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
      await t.call('POST', `/v1/moderation/stores/${storeId}/decision`, {
        token: moderator,
        body: { action: 'approve' },
      });
    }
    const items = s.products.map((p, n) => ({
      externalId: `P${n}`,
      title: `${p.title} ${n}号`,
      category: p.category,
      brand: p.brand,
      price: p.price * 100,
      status: p.status,
    }));
    const upsert = (body: unknown) =>
      t.call('POST', `/v1/stores/${storeId}/products/batch`, { token: owner, body });
    if (items.length) await upsert({ upsert: items });
    if (s.posts.length) {
      await t.call('POST', `/v1/stores/${storeId}/posts/batch`, {
        token: owner,
        body: { upsert: s.posts.map((at, n) => post(n, { title: `台灯上新 第${n}期`, publishedAt: at })) },
      });
    }
    t.clock.advance(1000);
    if (s.status === 'suspended') {
      await t.call('POST', `/v1/moderation/stores/${storeId}/decision`, {
        token: moderator,
        body: { action: 'suspend', reason: '核实中' },
      });
    }
  }
}

describe('searches with and without the in-memory columns', () => {
  it('give the same answers, kept in step with catalog writes', async () => {
    await fc.assert(
      fc.asyncProperty(catalog, fc.array(queries, { minLength: 10, maxLength: 10 }), async (c, qs) => {
        const t = testApp();
        const storeIds: string[] = [];
        const engines = (columns: boolean) =>
          createEmbeddedEngine({ db: t.db, clock: t.clock, analyzer: nodeAnalyzer(), window: 3, columns });
        const sqlOnly = engines(false);
        const withColumns: EmbeddedEngine = engines(true);
        await build(t, c.stores.slice(0, c.before), 0, storeIds);
        await withColumns.ready();
        await build(t, c.stores.slice(c.before), c.before, storeIds);
        const moderator = await t.signIn('moderator-1', ['moderator']);
        for (const [i, s] of c.stores.entries()) {
          const owner = await t.signIn(`vendor-${i}`);
          const storeId = storeIds[i]!;
          const externalIds = s.products.slice(0, s.deleted).map((_, n) => `P${n}`);
          if (externalIds.length > 0) {
            await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
              token: owner,
              body: { delete: externalIds },
            });
          }
          const items = (await t.call('GET', `/v1/stores/${storeId}/products`, { token: owner })).body.items;
          const active = items.find((p: { status: string }) => p.status === 'active');
          if (s.takeDown && active && s.status === 'approved')
            await t.takeDown({ productId: active.id, moderator });
          if (s.afterwards === 'move')
            await t.call('PATCH', `/v1/stores/${storeId}`, {
              token: owner,
              body: { city: '北京', category: 'beauty' },
            });
          if (s.afterwards === 'suspend' && s.status === 'approved')
            await t.call('POST', `/v1/moderation/stores/${storeId}/decision`, {
              token: moderator,
              body: { action: 'suspend', reason: '核实中' },
            });
        }
        for (const q of qs) {
          const { storeId, ...filters } = q.filters;
          const asked: SearchQuery = {
            ...q,
            filters:
              storeId === undefined
                ? filters
                : { ...filters, storeId: storeIds[Number(storeId)] ?? 'st_none' },
          };
          // Serialised, so the order of facet values counts too.
          expect(JSON.stringify(await withColumns.search(asked))).toBe(
            JSON.stringify(await sqlOnly.search(asked)),
          );
        }
      }),
      { numRuns: 50 },
    );
  });
});
