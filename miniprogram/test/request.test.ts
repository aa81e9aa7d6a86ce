import { describe, expect, it } from 'vitest';
import type * as Errors from '../services/errors';
import type * as Request from '../services/request';
import type * as WxRequest from '../services/wx-request';
import { useShopper } from './marketplace';
import { waitFor } from './pages';

const { market, mp } = useShopper(() => 'shopper-request');

describe('request()', () => {
  it('keeps at most 10 requests in flight and finishes them all', async () => {
    const { wxRequest } = mp().require<typeof WxRequest>('services/wx-request');
    const wx = (globalThis as any).wx;
    const real = wx.request;
    const held: WechatMiniprogram.RequestOption[] = [];
    let inFlight = 0;
    let most = 0;
    wx.request = (o: WechatMiniprogram.RequestOption) => {
      inFlight++;
      most = Math.max(most, inFlight);
      held.push(o);
      return { abort() {} };
    };
    try {
      const all = Promise.all(
        Array.from({ length: 25 }, (_, i) => wxRequest({ method: 'GET', path: `/n/${i}` })),
      );
      let answered = 0;
      while (answered < 25) {
        await waitFor(() => held.length > 0, 'a request');
        const next = held.shift()!;
        inFlight--;
        answered++;
        next.success!({
          statusCode: 200,
          data: { n: answered },
          header: {},
          cookies: [],
          errMsg: 'request:ok',
        } as any);
      }
      expect(await all).toHaveLength(25);
      expect(most).toBe(10);
    } finally {
      wx.request = real;
    }
  });

  it('turns a non-2xx answer into our {code, message} error', async () => {
    const { request } = mp().require<typeof Request>('services/request');
    const { ApiError } = mp().require<typeof Errors>('services/errors');
    const err = await request({ path: '/v1/products/pr_nope' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: '内容不存在或已下架' });
    const bad = await request({ path: '/v1/search', query: { limit: 1000 } }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'validation_failed', message: '请求有误，请检查后重试' });
  });

  it('retries a 401 only once: a refused sign-in ends it', async () => {
    const { request } = mp().require<typeof Request>('services/request');
    mp().wx.storage.set('session', { token: 'revoked', user: { id: 'us_old', roles: [] } });
    market.emulator().injectFault(40029);
    const before = mp().wx.records.requests.length;
    const err = await request({ path: '/v1/me/follows', auth: 'required' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, message: '请先登录' });
    expect(
      mp()
        .wx.records.requests.slice(before)
        .map((r) => `${new URL(r.url).pathname} ${r.status}`),
    ).toEqual(['/v1/me/follows 401', '/v1/auth/miniprogram 401']);
    expect(mp().wx.storage.has('session')).toBe(false);
  });

  it('shares one wx.login among requests that need a session at the same time', async () => {
    const { request } = mp().require<typeof Request>('services/request');
    mp().wx.storage.delete('session');
    const before = mp().wx.records.requests.length;
    await Promise.all([
      request({ path: '/v1/me/follows', auth: 'required' }),
      request({ path: '/v1/me/friend-requests', auth: 'required' }),
    ]);
    const signIns = mp()
      .wx.records.requests.slice(before)
      .filter((r) => r.url.endsWith('/v1/auth/miniprogram'));
    expect(signIns).toHaveLength(1);
  });

  it('signs in through dev login when a development openid is configured', async () => {
    const { request } = mp().require<typeof Request>('services/request');
    mp().wx.storage.delete('session');
    mp().config.devOpenid = 'dev-shopper';
    try {
      const before = mp().wx.records.requests.length;
      await request({ path: '/v1/me/follows', auth: 'required' });
      expect(
        mp()
          .wx.records.requests.slice(before)
          .map((r) => new URL(r.url).pathname),
      ).toEqual(['/v1/auth/dev', '/v1/me/follows']);
    } finally {
      mp().config.devOpenid = '';
      mp().wx.storage.delete('session');
    }
  });
});
