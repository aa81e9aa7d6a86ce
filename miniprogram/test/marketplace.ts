/**
 * The real service for mini-program tests: the app on in-memory SQLite with real migrations, seeded
 * with two approved stores (24 products and 14 posts in Hangzhou, 2 products in Shanghai), served on loopback next to the WeChat emulator.
 */
import './node-globals';
import { afterAll, beforeAll } from 'vitest';
import { post, product, type TestApp, type TestOptions, testApp } from '../../test/harness';
import { serveOnLoopback, useWeChatEmulator } from '../../test/loopback';
import { useMiniProgram } from './pages';

export interface Seeded {
  home: { storeId: string; owner: string; productIds: string[]; postIds: string[] };
  fashion: { storeId: string; owner: string; productIds: string[] };
}

async function approve(t: TestApp, ownerOpenid: string, overrides: Record<string, unknown> = {}) {
  const owner = await t.signIn(ownerOpenid);
  const moderator = await t.signIn('moderator-1', ['moderator']);
  const storeId = await t.createStore(owner, overrides);
  await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
  await t.call('POST', `/v1/moderation/stores/${storeId}/decision`, {
    token: moderator,
    body: { action: 'approve' },
  });
  return { storeId, owner };
}

async function catalog(
  t: TestApp,
  storeId: string,
  token: string,
  kind: 'products' | 'posts',
  upsert: unknown[],
) {
  const res = await t.call('POST', `/v1/stores/${storeId}/${kind}/batch`, { token, body: { upsert } });
  if (res.status !== 200 || res.body.failed.length)
    throw new Error(`seed failed: ${JSON.stringify(res.body)}`);
  const items = (await t.call('GET', `/v1/stores/${storeId}/${kind}?limit=100`)).body.items;
  return [...items]
    .sort((a: { externalId: string }, b: { externalId: string }) => a.externalId.localeCompare(b.externalId))
    .map((i: { id: string }) => i.id);
}

async function seed(t: TestApp): Promise<Seeded> {
  const home = await approve(t, 'vendor-home');
  const productIds = await catalog(
    t,
    home.storeId,
    home.owner,
    'products',
    Array.from({ length: 24 }, (_, i) => product(i + 1)),
  );
  const postIds = await catalog(
    t,
    home.storeId,
    home.owner,
    'posts',
    Array.from({ length: 14 }, (_, i) =>
      post(i + 1, { publishedAt: `2026-10-${String(10 + i).padStart(2, '0')}T10:00:00Z` }),
    ),
  );
  const fashion = await approve(t, 'vendor-fashion', {
    name: '上海阿美服饰',
    category: 'fashion',
    city: '上海',
    wechatId: 'amei_fashion',
    contactQrUrl: 'https://img.example.com/qr/amei.png',
    miniProgram: { appId: 'wx00000000000000bb', homePath: 'pages/home/index' },
  });
  const fashionIds = await catalog(t, fashion.storeId, fashion.owner, 'products', [
    product(101, { title: '羊毛围巾 <秋冬> 加厚款', brand: '阿美', price: 19_900, originalPrice: 29_900 }),
    product(102, { title: '真丝餐桌布 北欧风', brand: '阿美', price: 8_900, originalPrice: 9_900 }),
  ]);
  return {
    home: { ...home, productIds, postIds },
    fashion: { ...fashion, productIds: fashionIds },
  };
}

/** The service and the emulator for the enclosing tests; `options` as testApp takes them. */
export function useMarketplace(options: TestOptions = {}) {
  const wechat = useWeChatEmulator();
  const state: { t?: TestApp; seeded?: Seeded; loopback?: Awaited<ReturnType<typeof serveOnLoopback>> } = {};
  beforeAll(async () => {
    state.t = testApp({ ...options, wechat: wechat.client() });
    state.seeded = await seed(state.t);
    state.loopback = await serveOnLoopback(state.t.app.fetch);
  });
  afterAll(() => state.loopback?.close());
  return {
    t: () => state.t!,
    seeded: () => state.seeded!,
    url: () => state.loopback!.url,
    emulator: wechat.emulator,
  };
}

/** The service, and the mini-program pointed at it, whose `wx.login` signs in as `openid()`. */
export function useShopper(openid: () => string, options: TestOptions = {}) {
  const market = useMarketplace(options);
  const mp = useMiniProgram(() => market.emulator().issueCode(openid()));
  beforeAll(() => {
    mp().config.apiBase = market.url();
  });
  return { market, mp };
}
