import { beforeEach, describe, expect, it } from 'vitest';
import { product, type TestApp, testApp } from '../../../test/harness';
import { SearchResponse } from '../../search/service';

let t: TestApp;
let store: { storeId: string; owner: string; moderator: string };
beforeEach(async () => {
  t = testApp();
  store = await t.approvedStore();
  await t.call('POST', `/v1/stores/${store.storeId}/products/batch`, {
    token: store.owner,
    body: {
      upsert: [
        product(1, { title: '兰蔻 小黑瓶 精华肌底液', brand: '兰蔻' }),
        product(2, { title: '兰蔻 菁纯 口红 196', brand: '兰蔻' }),
        product(3, { title: '罗技 K380 蓝牙键盘', brand: '罗技' }),
      ],
    },
  });
});

describe('GET /v1/search', () => {
  it('is open to anyone, signed in or not, and answers in the documented shape', async () => {
    const shopper = await t.signIn('shopper-1');
    const key = await t.apiKey(store.owner, store.storeId);
    for (const token of [undefined, shopper, key]) {
      const res = await t.call('GET', '/v1/search?q=兰蔻&facets=brand', { token });
      expect(res.status).toBe(200);
      const body = SearchResponse.parse(res.body);
      expect(body.total).toBe(2);
      expect(body.facets).toEqual({ brand: { 兰蔻: 2 } });
    }
  });

  it('names each bad parameter in a 400', async () => {
    const cases: [string, string][] = [
      ['type=video', 'type'],
      ['sort=cheapest', 'sort'],
      ['priceMin=-1', 'priceMin'],
      ['priceMin=500&priceMax=100', 'priceMax'],
      ['facets=colour', 'facets'],
      ['limit=101', 'limit'],
      ['page=0', 'page'],
      ['page=600&limit=20', 'page'],
      ['category=weapons', 'category'],
      ['type=post&sort=price_asc', 'sort'],
      ['type=store&brand=x', 'brand'],
      [`q=${'长'.repeat(5001)}`, 'q'],
    ];
    for (const [query, field] of cases) {
      const res = await t.call('GET', `/v1/search?${encodeURI(query)}`);
      expect(res.status, query).toBe(400);
      expect(
        res.body.error.details.map((d: { path: string[] }) => d.path[0]),
        query,
      ).toContain(field);
    }
  });
});

describe('GET /v1/search/hot', () => {
  it('lists queries that found something, the most searched first, and never those that found nothing', async () => {
    for (const q of ['兰蔻', '兰蔻', '兰蔻', '键盘', '不存在的东西'])
      await t.call('GET', `/v1/search?q=${encodeURIComponent(q)}`);
    const res = await t.call('GET', '/v1/search/hot');
    expect(res.status).toBe(200);
    expect(res.body.keywords).toEqual(['兰蔻', '键盘']);
  });

  it('lets yesterday’s trend fade behind today’s', async () => {
    for (let i = 0; i < 3; i++) await t.call('GET', '/v1/search?q=%E5%85%B0%E8%94%BB');
    await t.call('GET', '/v1/search/hot');
    t.clock.advance(3 * 24 * 3600 * 1000);
    for (let i = 0; i < 2; i++) await t.call('GET', '/v1/search?q=%E9%94%AE%E7%9B%98');
    expect((await t.call('GET', '/v1/search/hot')).body.keywords).toEqual(['键盘', '兰蔻']);
  });
});

describe('GET /v1/search/suggest', () => {
  it('completes brands by name and by pinyin, and product titles by prefix', async () => {
    const byName = await t.call('GET', '/v1/search/suggest?q=%E5%85%B0');
    expect(byName.status).toBe(200);
    expect(byName.body.suggestions).toContainEqual({ text: '兰蔻', type: 'brand' });
    const byPinyin = await t.call('GET', '/v1/search/suggest?q=lank');
    expect(byPinyin.body.suggestions).toContainEqual({ text: '兰蔻', type: 'brand' });
    const titles = await t.call('GET', '/v1/search/suggest?q=%E8%93%9D%E7%89%99');
    expect(titles.body.suggestions.map((s: { text: string }) => s.text)).toContain('罗技 K380 蓝牙键盘');
  });

  it('answers an empty list for an empty prefix and 400 for an over-long one', async () => {
    expect((await t.call('GET', '/v1/search/suggest?q=')).body).toEqual({ suggestions: [] });
    expect((await t.call('GET', `/v1/search/suggest?q=${'a'.repeat(101)}`)).status).toBe(400);
  });
});
