import { describe, expect, it } from 'vitest';
import { useShopper } from './marketplace';
import { text, waitFor } from './pages';

const { market, mp } = useShopper(() => 'shopper-me');

describe('me page', () => {
  it('offers to sign in, then lists followed stores and friend requests from the service', async () => {
    const page = mp().open('pages/me/index');
    expect(page.querySelector('#sign-in')).toBeDefined();
    expect(mp().wx.records.requests).toEqual([]);

    page.querySelector('#sign-in')!.dispatchEvent('tap');
    await waitFor(() => page.data.signedIn && !page.data.loading, 'signed in');
    expect(text(page)).toContain('还没有关注店铺');
    expect(text(page)).toContain('还没有加过好友');

    const { token } = mp().wx.storage.get('session') as { token: string };
    const { home, fashion } = market.seeded();
    await market.t().call('PUT', `/v1/me/follows/${fashion.storeId}`, { token });
    await market.t().call('POST', `/v1/stores/${home.storeId}/friend-requests`, {
      token,
      body: { productId: home.productIds[1] },
    });

    page.instance.onShow();
    await waitFor(() => page.querySelectorAll('.request').length === 1, 'my friend request');
    expect(page.querySelectorAll('.follow').map(text)).toEqual(['上海阿美服饰上海']);
    expect(text(page.querySelectorAll('.request')[0])).toContain('咨询：北欧风实木餐桌 2号');
    expect(text(page.querySelectorAll('.request')[0])).toContain('等待店主通过');

    page.querySelectorAll('.follow')[0]!.dispatchEvent('tap');
    await waitFor(() => mp().wx.records.navigations.length === 1, 'navigation');
    expect(mp().wx.records.navigations[0]).toBe(`/pages/store/index?id=${fashion.storeId}`);
  });

  it('signs out', async () => {
    const page = mp().open('pages/me/index');
    await waitFor(() => page.querySelector('#sign-out'), 'signed in');
    page.querySelector('#sign-out')!.dispatchEvent('tap');
    await waitFor(() => page.querySelector('#sign-in'), 'signed out');
    expect(mp().wx.storage.has('session')).toBe(false);
  });
});
