/** Builds the real app on a fresh SQLite database with the real migrations, plus helpers for route tests. */
import { createApp } from '../src/api/app';
import { manualClock } from '../src/clock';
import { openSqlite } from '../src/db/sqlite';
import type { Deps } from '../src/deps';
import { Engagement } from '../src/feed/engagement';
import { type Logger, silentLogger } from '../src/ops/logger';
import { Metrics } from '../src/ops/metrics';
import { createEmbeddedEngine } from '../src/search/embedded/engine';
import type { SearchEngine, SearchQuery } from '../src/search/engine';
import { HotQueries } from '../src/search/hot-queries';
import { createSearchCache } from '../src/search/service';
import { nodeAnalyzer } from '../src/search/text/node-analyzer';
import { createMemoryRateLimiter } from '../src/shoppers/rate-limit';
import type { WeChatClient } from '../src/wechat/client';
import type { WeChatWebLogin } from '../src/wechat/web-login';

export interface TestOptions {
  devLogin?: boolean;
  production?: boolean;
  wechat?: WeChatClient | null;
  wechatWeb?: WeChatWebLogin | null;
  logger?: Logger;
  filename?: string;
  /** Another engine than the embedded one, built on this test's database and clock. */
  search?: (db: Deps['db'], clock: Deps['clock']) => SearchEngine;
  /** How many search answers to remember (the service's default 2000; 0 turns remembering off). */
  searchCacheEntries?: number;
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A store with everything a review needs. */
export const completeStore = {
  name: '杭州小林家居馆',
  description: '专注北欧风家居好物，十年老店，支持七天无理由退换。',
  category: 'home',
  city: '杭州',
  wechatId: 'xiaolin_home',
  contactQrUrl: 'https://img.example.com/qr/xiaolin.png',
  logoUrl: 'https://img.example.com/logo/xiaolin.png',
  miniProgram: {
    appId: 'wx0123456789abcdef',
    homePath: 'pages/index/index',
    productPath: 'pages/goods/detail?id={externalId}',
  },
};

export function testApp(options: TestOptions = {}) {
  const db = openSqlite(options.filename ?? ':memory:');
  const clock = manualClock(new Date('2026-11-01T08:00:00Z'));
  const deps: Deps = {
    db,
    clock,
    logger: options.logger ?? silentLogger,
    metrics: new Metrics(),
    config: {
      production: options.production ?? false,
      devLogin: options.devLogin ?? true,
      sessionSecret: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      marketplaceName: '集市',
      publicBaseUrl: 'https://jishi.example.com',
    },
    wechat: options.wechat ?? null,
    wechatWeb: options.wechatWeb ?? null,
    search: options.search?.(db, clock) ?? createEmbeddedEngine({ db, clock, analyzer: nodeAnalyzer() }),
    searchCache: createSearchCache(db, options.searchCacheEntries ?? 2000, clock),
    hotQueries: new HotQueries(),
    engagement: new Engagement(),
    limiter: createMemoryRateLimiter(),
    docsScript: '/* scalar */',
  };
  const app = createApp(deps);

  async function call<T = any>(
    method: string,
    path: string,
    init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    }
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {}
    return { status: res.status, headers: res.headers, body: parsed as T };
  }

  /** A session token for a dev-login user with these roles. */
  async function signIn(openid: string, roles: ('vendor' | 'moderator')[] = []): Promise<string> {
    const res = await call('POST', '/v1/auth/dev', { body: { openid, roles } });
    if (res.status !== 200) throw new Error(`dev sign-in failed: ${JSON.stringify(res.body)}`);
    return res.body.token;
  }

  async function createStore(token: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await call('POST', '/v1/stores', { token, body: { ...completeStore, ...overrides } });
    if (res.status !== 201) throw new Error(`create store failed: ${JSON.stringify(res.body)}`);
    return res.body.store.id;
  }

  /** A store taken through submit and approval; returns its id and the tokens involved. */
  async function approvedStore(ownerOpenid = 'vendor-a') {
    const owner = await signIn(ownerOpenid);
    const moderator = await signIn('moderator-1', ['moderator']);
    const storeId = await createStore(owner);
    await call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
    const res = await call('POST', `/v1/moderation/stores/${storeId}/decision`, {
      token: moderator,
      body: { action: 'approve' },
    });
    if (res.status !== 200) throw new Error(`approve failed: ${JSON.stringify(res.body)}`);
    return { storeId, owner, moderator };
  }

  /** An approved store with one product (`product(1)`); returns the ids and tokens involved. */
  async function shopWithProduct(ownerOpenid = 'vendor-a') {
    const store = await approvedStore(ownerOpenid);
    await call('POST', `/v1/stores/${store.storeId}/products/batch`, {
      token: store.owner,
      body: { upsert: [product(1)] },
    });
    const productId: string = (await call('GET', `/v1/stores/${store.storeId}/products`)).body.items[0].id;
    return { ...store, productId };
  }

  /** A shopper reports the product and a moderator takes it down. */
  async function takeDown(shop: { productId: string; moderator: string }) {
    const shopper = await signIn('shopper-reporting');
    const filed = await call('POST', '/v1/reports', {
      token: shopper,
      body: { targetType: 'product', targetId: shop.productId, reason: 'counterfeit' },
    });
    const res = await call('POST', `/v1/moderation/reports/${filed.body.report.id}/resolve`, {
      token: shop.moderator,
      body: { action: 'takedown', note: '假货，下架' },
    });
    if (res.status !== 200) throw new Error(`takedown failed: ${JSON.stringify(res.body)}`);
  }

  async function apiKey(token: string, storeId: string): Promise<string> {
    const res = await call('POST', `/v1/stores/${storeId}/api-keys`, { token, body: { name: 'erp' } });
    if (res.status !== 201) throw new Error(`api key failed: ${JSON.stringify(res.body)}`);
    return res.body.apiKey.secret;
  }

  return {
    app,
    deps,
    db,
    clock,
    call,
    signIn,
    createStore,
    approvedStore,
    shopWithProduct,
    takeDown,
    apiKey,
    completeStore,
  };
}

export type TestApp = ReturnType<typeof testApp>;

export function product(n: number, overrides: Record<string, unknown> = {}) {
  return {
    externalId: `SKU-${String(n).padStart(6, '0')}`,
    title: `北欧风实木餐桌 ${n}号 1.4米 橡木原木色`,
    description: '进口白橡木，环保水性漆，可定制尺寸。',
    brand: '林氏木业',
    price: 129_900 + n,
    originalPrice: 159_900 + n,
    images: [`https://img.example.com/p/${n}.jpg`],
    tags: ['实木', '北欧'],
    ...overrides,
  };
}

export function post(n: number, overrides: Record<string, unknown> = {}) {
  return {
    externalId: `POST-${n}`,
    title: `新品上架：北欧餐桌第${n}期`,
    body: '本周新到一批白橡木餐桌，欢迎进店咨询。',
    productExternalIds: ['SKU-000001'],
    publishedAt: '2026-10-30T10:00:00Z',
    ...overrides,
  };
}

/** An engine query: a product search for 餐桌, first page of 20, unless overridden. */
export function searchQuery(overrides: Partial<SearchQuery> = {}): SearchQuery {
  return {
    type: 'product',
    q: '餐桌',
    filters: {},
    sort: 'relevance',
    page: 1,
    limit: 20,
    facets: [],
    ...overrides,
  };
}
