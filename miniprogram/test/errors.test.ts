import { describe, expect, it } from 'vitest';
import { serveOnLoopback } from '../../test/loopback';
import { useShopper } from './marketplace';
import { text, waitFor } from './pages';

let openid = 'shopper-errors';
const { market, mp } = useShopper(() => openid);

const requestsSince = (n: number) =>
  mp()
    .wx.records.requests.slice(n)
    .map((r) => `${r.method} ${new URL(r.url).pathname} ${r.status}`);

describe('when things go wrong', () => {
  it('shows a network failure in Chinese and recovers on 重试', async () => {
    const gone = await serveOnLoopback(() => new Response('gone'));
    await gone.close();
    mp().config.apiBase = gone.url;
    try {
      const page = mp().open('pages/search/index', { q: encodeURIComponent('餐桌') });
      await waitFor(() => page.querySelector('#search-error'), 'the error');
      expect(text(page.querySelector('#search-error'))).toBe('网络不给力，请检查网络后重试');
      mp().config.apiBase = market.url();
      page.querySelector('#search-retry')!.dispatchEvent('tap');
      await waitFor(() => page.querySelectorAll('.hit').length > 0, 'results after retrying');
    } finally {
      mp().config.apiBase = market.url();
    }
  });

  it('signs in again and retries once when the session is refused with 401', async () => {
    openid = 'shopper-expired';
    const { storeId } = market.seeded().home;
    const page = mp().open('pages/store/index', { id: storeId });
    await waitFor(() => page.data.products.length > 0 && !page.data.productsLoading, 'the store');
    mp().wx.storage.set('session', { token: 'expired-or-revoked', user: { id: 'us_old', roles: [] } });
    const before = mp().wx.records.requests.length;
    page.querySelector('#follow')!.dispatchEvent('tap');
    await waitFor(() => page.data.following, 'following');

    expect(requestsSince(before)).toEqual([
      `PUT /v1/me/follows/${storeId} 401`,
      'POST /v1/auth/miniprogram 200',
      `PUT /v1/me/follows/${storeId} 204`,
    ]);
    const token = (mp().wx.storage.get('session') as { token: string }).token;
    expect(token).not.toBe('expired-or-revoked');
    const follows = await market.t().call('GET', '/v1/me/follows', { token });
    expect(follows.body.stores.map((s: { id: string }) => s.id)).toEqual([storeId]);
    expect(mp().wx.records.toasts.at(-1)).toBe('已关注');
  });

  it('reads the public feed anonymously when a stale session is refused', async () => {
    mp().wx.storage.set('session', { token: 'stale', user: { id: 'us_old', roles: [] } });
    const before = mp().wx.records.requests.length;
    const page = mp().open('pages/home/index');
    await waitFor(() => page.querySelectorAll('.post').length > 0, 'the feed');
    expect(requestsSince(before).filter((r) => r.startsWith('GET /v1/feed'))).toEqual([
      'GET /v1/feed 401',
      'GET /v1/feed 200',
    ]);
    expect(mp().wx.storage.has('session')).toBe(false);
  });

  it('explains a rate-limited friend request (429) kindly in the sheet', async () => {
    openid = 'shopper-eager';
    mp().wx.storage.delete('session');
    const me = mp().open('pages/me/index');
    me.querySelector('#sign-in')!.dispatchEvent('tap');
    await waitFor(() => mp().wx.storage.get('session'), 'signed in');
    const { token } = mp().wx.storage.get('session') as { token: string };
    const { storeId, productIds } = market.seeded().home;
    for (const productId of productIds.slice(0, 5)) {
      const res = await market.t().call('POST', `/v1/stores/${storeId}/friend-requests`, {
        token,
        body: { productId },
      });
      expect(res.status).toBe(201);
    }

    const product = mp().open('pages/product/index', { id: productIds[5]! });
    await waitFor(() => product.querySelector('#ask-vendor'), 'the product');
    product.querySelector('#ask-vendor')!.dispatchEvent('tap');
    const sheet = await waitFor(() => product.querySelector('#friend-sheet'), 'the sheet');
    await waitFor(() => sheet.querySelector('#friend-error'), 'the error');
    expect(text(sheet.querySelector('#friend-error'))).toMatch(/^操作太频繁了，请\d+(秒|分钟|小时)后再试$/);
    expect(sheet.querySelector('#friend-wechat-id')).toBeUndefined();
  });
});
