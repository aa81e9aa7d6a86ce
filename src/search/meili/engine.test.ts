import { afterEach, describe, expect, it } from 'vitest';
import { searchQuery } from '../../../test/harness';
import type { SearchFilters } from '../engine';
import { MeiliApiError } from './errors';
import { MAX_TOTAL_HITS } from './settings';
import { closeTestbeds, meiliTestbed as setup } from './testing';

afterEach(closeTestbeds);

describe('Meilisearch search requests', () => {
  const values = {
    category: { set: 'home"made', clause: 'category = "home\\"made"' },
    city: { set: 'C:\\杭州', clause: 'city = "C:\\\\杭州"' },
    storeId: { set: 'st_1', clause: 'storeId = "st_1"' },
    brand: { set: 'O"Neil\\', clause: 'brand = "O\\"Neil\\\\"' },
    priceMin: { set: 100, clause: 'price >= 100' },
    priceMax: { set: 2000, clause: 'price <= 2000' },
  } as const;
  const keys = Object.keys(values) as (keyof typeof values)[];

  it('every combination of filters becomes one AND-joined filter with quoted, escaped values', async () => {
    const { meili, engine, clock } = setup();
    for (const type of ['product', 'post', 'store'] as const) {
      for (let mask = 0; mask < 2 ** keys.length; mask++) {
        const chosen = keys.filter((_, i) => mask & (1 << i));
        const filters: SearchFilters = Object.fromEntries(chosen.map((k) => [k, values[k].set]));
        await engine.search(searchQuery({ type, filters }));
        const clauses: string[] = chosen.map((k) => values[k].clause);
        if (type === 'post') clauses.push(`publishedAt <= ${clock.now().getTime()}`);
        const sent = meili.requests.at(-1)!;
        expect(sent.path).toBe(`indexes/jishi_${type}s/search`);
        expect(sent.body.filter).toBe(clauses.length > 0 ? clauses.join(' AND ') : undefined);
      }
    }
  });

  it('sort orders map to each index’s sortable fields', async () => {
    const { meili, engine } = setup();
    const expected = {
      product: {
        relevance: undefined,
        price_asc: ['price:asc'],
        price_desc: ['price:desc'],
        newest: ['createdAt:desc'],
      },
      post: {
        relevance: undefined,
        price_asc: undefined,
        price_desc: undefined,
        newest: ['publishedAt:desc'],
      },
      store: {
        relevance: undefined,
        price_asc: undefined,
        price_desc: undefined,
        newest: ['createdAt:desc'],
      },
    } as const;
    for (const type of ['product', 'post', 'store'] as const) {
      for (const sort of ['relevance', 'price_asc', 'price_desc', 'newest'] as const) {
        await engine.search(searchQuery({ type, sort }));
        expect(meili.requests.at(-1)!.body.sort).toEqual(expected[type][sort]);
      }
    }
  });

  it('pages with page and hitsPerPage for an exact total, and returns the facets asked for', async () => {
    const { meili, engine } = setup();
    meili.onSearch = () => ({
      hits: [{ id: 'pr_1', title: '实木餐桌', _formatted: { id: 'pr_1', title: '实木<em>餐桌</em>' } }],
      totalHits: 45,
      page: 3,
      hitsPerPage: 20,
      totalPages: 3,
      facetDistribution: { category: { home: 40, office: 5 }, city: { 杭州: 45 } },
      processingTimeMs: 1,
      query: '餐桌',
    });
    const result = await engine.search(searchQuery({ page: 3, limit: 20, facets: ['category', 'brand'] }));
    expect(meili.requests.at(-1)!.body).toEqual({
      q: '餐桌',
      page: 3,
      hitsPerPage: 20,
      facets: ['category', 'brand'],
      attributesToRetrieve: ['id', 'title'],
      attributesToHighlight: ['title'],
      highlightPreTag: '<em>',
      highlightPostTag: '</em>',
    });
    expect(result).toEqual({
      hits: [{ id: 'pr_1', highlightTitle: '实木<em>餐桌</em>' }],
      total: 45,
      facets: { category: { home: 40, office: 5 }, brand: {} },
      exhaustive: true,
    });
  });

  it('a result set at the Meilisearch hit cap is reported as not exhaustive', async () => {
    const { meili, engine } = setup();
    meili.onSearch = () => ({ hits: [], totalHits: MAX_TOTAL_HITS, facetDistribution: {} });
    expect(await engine.search(searchQuery())).toMatchObject({ total: MAX_TOTAL_HITS, exhaustive: false });
  });

  it('a title with markup comes back escaped, with only our <em> tags', async () => {
    const { meili, engine } = setup();
    const title = '<script>alert("x")</script> 餐桌 & 椅';
    meili.onSearch = () => ({
      hits: [{ id: 'pr_1', title, _formatted: { title: '<script>alert("x")</script> <em>餐桌</em> & 椅' } }],
      totalHits: 1,
      facetDistribution: {},
    });
    const { hits } = await engine.search(searchQuery());
    expect(hits[0]!.highlightTitle).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <em>餐桌</em> &amp; 椅',
    );
  });

  it('a title that itself contains <em> is escaped whole rather than mis-highlighted', async () => {
    const { meili, engine } = setup();
    meili.onSearch = () => ({
      hits: [{ id: 'pr_1', title: 'a <em>b</em>', _formatted: { title: 'a <em>b</em>' } }],
      totalHits: 1,
    });
    const { hits } = await engine.search(searchQuery());
    expect(hits[0]!.highlightTitle).toBe('a &lt;em&gt;b&lt;/em&gt;');
  });

  it('a refused search throws with Meilisearch’s code; an unreachable one as a 503 search_unavailable', async () => {
    const { meili, engine } = setup();
    meili.reject = () => ({ status: 400, code: 'invalid_search_filter', message: 'bad filter' });
    const refused = await engine.search(searchQuery()).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MeiliApiError);
    expect((refused as MeiliApiError).code).toBe('invalid_search_filter');
    meili.reject = null;
    meili.down = true;
    await expect(engine.search(searchQuery())).rejects.toMatchObject({
      code: 'search_unavailable',
      status: 503,
    });
  });

  it('suggests brands, then product titles, then stores, each text once', async () => {
    const { meili, engine } = setup();
    meili.onMultiSearch = () => ({
      results: [
        {
          hits: [
            { title: 'Linshi 餐桌', brand: 'Linshi' },
            { title: 'Linshi 餐椅', brand: 'Linshi' },
            { title: 'Linshi 餐桌', brand: 'Linshi' },
          ],
        },
        { hits: [{ title: 'Linshi 旗舰店' }] },
      ],
    });
    expect(await engine.suggest(' lin ', 10)).toEqual([
      { text: 'Linshi', type: 'brand' },
      { text: 'Linshi 餐桌', type: 'product' },
      { text: 'Linshi 餐椅', type: 'product' },
      { text: 'Linshi 旗舰店', type: 'store' },
    ]);
    const sent = meili.requests.at(-1)!;
    expect(sent.path).toBe('multi-search');
    expect(sent.body.queries[0]).toMatchObject({
      indexUid: 'jishi_products',
      q: 'lin',
      attributesToSearchOn: ['title', 'brand', 'title_pinyin', 'title_initials'],
    });
    expect(await engine.suggest('  ', 10)).toEqual([]);
  });
});
