import { describe, expect, it } from 'vitest';
import { useShopper } from './marketplace';
import { type Rendered, text, waitFor } from './pages';

const { market, mp } = useShopper(() => 'shopper-store');

async function openStore(which: 'home' | 'fashion' = 'home'): Promise<Rendered> {
  const page = mp().open('pages/store/index', { id: market.seeded()[which].storeId });
  await waitFor(() => page.data.products.length > 0 && !page.data.productsLoading, 'the store');
  return page;
}

const followed = async () => {
  const { token } = mp().wx.storage.get('session') as { token: string };
  const res = await market.t().call('GET', '/v1/me/follows', { token });
  return res.body.stores.map((s: { name: string }) => s.name);
};

describe('store page', () => {
  it('shows the profile and the products, and more of them on scroll', async () => {
    const page = await openStore();
    expect(text(page.querySelector('#store-name'))).toBe('杭州小林家居馆');
    expect(text(page)).toContain('专注北欧风家居好物');
    expect(page.querySelectorAll('.product')).toHaveLength(20);
    page.instance.onReachBottom();
    await waitFor(() => page.querySelectorAll('.product').length === 24, 'the rest');
    expect(page.data.productsEnd).toBe(true);
  });

  it('lists the store’s posts on the 动态 tab', async () => {
    const page = await openStore();
    page.querySelector('#tab-posts')!.dispatchEvent('tap');
    await waitFor(() => page.querySelectorAll('.post').length === 10, 'posts');
    expect(text(page.querySelectorAll('.post')[0])).toContain('新品上架：北欧餐桌第');
  });

  it('follows and unfollows, signing in on the first tap', async () => {
    const page = await openStore();
    expect(text(page.querySelector('#follow'))).toBe('关注');
    page.querySelector('#follow')!.dispatchEvent('tap');
    await waitFor(() => text(page.querySelector('#follow')) === '已关注', 'followed');
    expect(await followed()).toEqual(['杭州小林家居馆']);

    const again = await openStore();
    await waitFor(() => again.data.following, 'the follow remembered');
    again.querySelector('#follow')!.dispatchEvent('tap');
    await waitFor(() => text(again.querySelector('#follow')) === '关注', 'unfollowed');
    expect(await followed()).toEqual([]);
  });

  it('jumps into the vendor’s mini-program at its home page on 进店', async () => {
    const page = await openStore('fashion');
    page.querySelector('#enter-store')!.dispatchEvent('tap');
    await waitFor(() => mp().wx.records.jumps.length === 1, 'the jump');
    expect(mp().wx.records.jumps[0]).toEqual({ appId: 'wx00000000000000bb', path: 'pages/home/index' });
  });

  it('adds the vendor as a friend without naming a product', async () => {
    const page = await openStore('fashion');
    page.querySelector('#add-friend')!.dispatchEvent('tap');
    const sheet = await waitFor(() => page.querySelector('#friend-sheet'), 'the sheet');
    await waitFor(() => text(sheet.querySelector('#friend-wechat-id')) === 'amei_fashion', 'the WeChat ID');
    expect(text(sheet.querySelector('#friend-greeting'))).toBe(
      '你好，我在集市看到你的店铺「上海阿美服饰」，想了解一下',
    );
  });
});
