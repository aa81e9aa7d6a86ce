import { describe, expect, it } from 'vitest';
import { fakeMeili } from '../../src/search/meili/fake-meili';
import { MAX_TOTAL_HITS } from '../../src/search/meili/settings';
import { engineOnFake } from '../../src/search/meili/testing';
import { useShopper } from './marketplace';
import { byClass, type Rendered, text, waitFor, withText } from './pages';

const { market, mp } = useShopper(() => 'shopper-search');

const hitTexts = (page: Rendered) => page.querySelectorAll('.hit').map(text);
const settled = (page: Rendered) =>
  waitFor(() => page.data.searched && !page.data.loading, 'search answered');

async function searchFor(q: string, app = mp) {
  const page = app().open('pages/search/index');
  page.querySelector('#search-input')!.dispatchEvent('input', { detail: { value: q } });
  page.querySelector('#search-input')!.dispatchEvent('confirm', { detail: { value: q } });
  await waitFor(() => page.data.searched, 'search started');
  await settled(page);
  return page;
}

describe('search page', () => {
  it('pages through every result on scroll and says when there are no more', async () => {
    const page = await searchFor('餐桌');
    expect(page.data.total).toBe(25);
    expect(page.querySelectorAll('.hit')).toHaveLength(20);
    page.instance.onReachBottom();
    await waitFor(() => page.querySelectorAll('.hit').length === 25, 'the second page');
    expect(new Set(page.data.hits.map((h: { id: string }) => h.id)).size).toBe(25);
    expect(text(page)).toContain('没有更多了');
    expect(text(page.querySelector('.count'))).toBe('共 25 件商品');
  });

  it('counts a result set larger than a page of ranked matches exactly', async () => {
    const { storeId, owner } = market.seeded().fashion;
    const items = Array.from({ length: 400 }, (_, i) => ({
      externalId: `MUG-${i}`,
      title: `手绘陶瓷马克杯 第${i}款`,
      price: 3900 + i,
    }));
    const batch = (body: unknown) =>
      market.t().call('POST', `/v1/stores/${storeId}/products/batch`, { token: owner, body });
    expect((await batch({ upsert: items })).body.upserted).toBe(400);
    try {
      const page = await searchFor('马克杯');
      expect(page.data.total).toBe(400);
      expect(text(page.querySelector('.count'))).toBe('共 400 件商品');
    } finally {
      await batch({ delete: items.map((i) => i.externalId) });
    }
  });

  it('sorts by price', async () => {
    const page = await searchFor('餐桌');
    page.querySelector('#sort-price-asc')!.dispatchEvent('tap');
    await waitFor(() => page.data.sort === 'price_asc' && !page.data.loading, 'sorted');
    await settled(page);
    const prices = page.data.hits.map((h: { price: string }) => Number(h.price.slice(1)));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(hitTexts(page)[0]).toContain('真丝餐桌布');
  });

  it('filters by city from the facets and by a price range in yuan', async () => {
    const page = await searchFor('餐桌');
    page.querySelector('#toggle-filters')!.dispatchEvent('tap');
    await waitFor(() => page.querySelectorAll('.city').length > 0, 'city chips');
    expect(page.querySelectorAll('.city').map(text)).toEqual(['杭州', '上海']);
    withText(page, '.city', '上海').dispatchEvent('tap');
    await waitFor(() => page.data.city === '上海' && !page.data.loading, 'city filter');
    await settled(page);
    expect(hitTexts(page)).toEqual([expect.stringContaining('上海阿美服饰')]);

    withText(page, '.city', '上海').dispatchEvent('tap');
    page.querySelector('#price-min')!.dispatchEvent('input', { detail: { value: '1299.10' } });
    page.querySelector('#price-max')!.dispatchEvent('input', { detail: { value: '1299.20' } });
    page.querySelector('#apply-filters')!.dispatchEvent('tap');
    await waitFor(() => page.data.city === '' && page.data.total === 11, 'price filter');
    for (const hit of page.data.hits) expect(hit.price).toMatch(/^¥1299\.(1\d|20)$/);
  });

  it('says when nothing matches, and offers to clear filters when they are why', async () => {
    const nothing = await searchFor('量子纠缠发动机');
    expect(text(nothing.querySelector('#empty'))).toContain('没有找到“量子纠缠发动机”相关的商品');

    const filtered = await searchFor('围巾');
    filtered.querySelector('#toggle-filters')!.dispatchEvent('tap');
    await waitFor(() => filtered.querySelector('#price-min'), 'the filters');
    filtered.querySelector('#price-min')!.dispatchEvent('input', { detail: { value: '5000' } });
    filtered.querySelector('#apply-filters')!.dispatchEvent('tap');
    await waitFor(() => filtered.querySelector('#empty-filtered'), 'the filtered empty state');
    expect(text(filtered.querySelector('#empty-filtered'))).toContain('没有符合筛选条件的商品');
    filtered.querySelector('#clear-filters')!.dispatchEvent('tap');
    await waitFor(() => filtered.data.total === 1 && !filtered.data.loading, 'results again');
    expect(hitTexts(filtered)[0]).toContain('羊毛围巾 <秋冬> 加厚款');
  });

  it('remembers recent searches until cleared, and shows the service’s hot keywords', async () => {
    await searchFor('围巾');
    await searchFor('餐桌');
    const page = mp().open('pages/search/index');
    await waitFor(() => page.querySelectorAll('.recent').length >= 2, 'recent searches');
    expect(page.querySelectorAll('.recent').map(text).slice(0, 2)).toEqual(['餐桌', '围巾']);
    const hot = (await market.t().call('GET', '/v1/search/hot')).body.keywords as string[];
    expect(hot.length).toBeGreaterThan(0);
    await waitFor(() => page.querySelectorAll('.hot').length === hot.length, 'hot keywords');
    expect(page.querySelectorAll('.hot').map(text)).toEqual(hot);

    page.querySelector('#clear-recent')!.dispatchEvent('tap');
    await waitFor(() => page.querySelectorAll('.recent').length === 0, 'cleared');
    expect(mp().open('pages/search/index').data.recent).toEqual([]);
  });

  it('suggests as you type, also after a search, and searches a tapped suggestion', async () => {
    const page = await searchFor('围巾');
    page.querySelector('#search-input')!.dispatchEvent('input', { detail: { value: '餐' } });
    await waitFor(() => page.querySelectorAll('.suggestion').length > 0, 'suggestions');
    const suggestion = page.querySelectorAll('.suggestion')[0]!;
    const picked = text(suggestion);
    expect(picked).toContain('餐');
    suggestion.dispatchEvent('tap');
    await waitFor(() => page.data.q === picked && page.data.suggestions.length === 0, 'the picked search');
    await settled(page);
    expect(page.querySelectorAll('.hit').length).toBeGreaterThan(0);
  });

  it('opens with a category from the home page and searches within it', async () => {
    const page = mp().open('pages/search/index', { category: 'fashion' });
    await settled(page);
    expect(page.data.total).toBe(2);
    expect(byClass(page, 'store').every((e) => e.textContent?.includes('上海'))).toBe(true);
  });
});

describe('search page over Meilisearch', () => {
  const meili = fakeMeili();
  const capped = useShopper(() => 'shopper-capped', {
    search: (db, clock) => engineOnFake(meili, db, clock),
  });

  it('says a total at the Meilisearch hit cap is approximate', async () => {
    const [id] = capped.market.seeded().home.productIds;
    meili.onSearch = () => ({
      hits: [{ id, title: '餐桌' }],
      totalHits: MAX_TOTAL_HITS,
      facetDistribution: {},
    });
    const page = await searchFor('餐桌', capped.mp);
    expect(text(page.querySelector('.count'))).toBe(`约 ${MAX_TOTAL_HITS} 件商品`);
  });
});
