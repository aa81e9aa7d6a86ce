import { describe, expect, it } from 'vitest';
import { useShopper } from './marketplace';
import { byClass, text, waitFor, withText } from './pages';

const { market, mp } = useShopper(() => 'shopper-1');

describe('from a search to a vendor', () => {
  it('types a query, sees real results, opens a product, asks to add the vendor and a lead exists', async () => {
    const search = mp().open('pages/search/index');
    search.querySelector('#search-input')!.dispatchEvent('input', { detail: { value: '餐桌' } });
    await waitFor(() => search.data.suggestions.length > 0, 'suggestions');
    search.querySelector('#search-button')!.dispatchEvent('tap');
    await waitFor(() => search.querySelectorAll('.hit').length > 0, 'results');
    const hit = withText(search, '.hit', '杭州小林家居馆');
    expect(text(hit)).toMatch(/北欧风实木餐桌 \d+号/);
    expect(byClass(hit, 'em').map((e) => e.textContent)).toContain('餐桌');

    hit.dispatchEvent('tap');
    await waitFor(() => mp().wx.records.navigations.length === 1, 'navigation');
    expect(mp().wx.records.navigations[0]).toMatch(/^\/pages\/product\/index\?id=pr_/);
    const product = mp().follow();
    await waitFor(() => text(product.querySelector('#product-title')), 'product');

    product.querySelector('#ask-vendor')!.dispatchEvent('tap');
    const sheet = await waitFor(() => product.querySelector('#friend-sheet'), 'friend sheet');
    await waitFor(() => text(sheet.querySelector('#friend-wechat-id')) === 'xiaolin_home', 'the WeChat ID');
    expect(text(sheet.querySelector('#friend-greeting'))).toContain('想了解一下');

    const { storeId, owner } = market.seeded().home;
    const leads = await market.t().call('GET', `/v1/stores/${storeId}/leads`, { token: owner });
    expect(leads.body.items).toEqual([
      expect.objectContaining({ status: 'new', product: expect.objectContaining({ id: product.data.id }) }),
    ]);
  });
});
