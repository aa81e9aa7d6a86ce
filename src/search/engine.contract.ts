/**
 * The search contract every engine must honour, exercised through GET /v1/search on the real app.
 * Each engine's test file calls `engineContract` with a factory for an app using that engine.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../test/harness';

export interface ContractOptions {
  /** A fresh app whose deps.search is the engine under test. */
  makeApp(): TestApp;
  /** Waits until writes made so far are searchable (the outbox drained, for Meilisearch). */
  settle(t: TestApp): Promise<void>;
}

const catalog = [
  {
    externalId: 'P1',
    title: '雅诗兰黛 特润修护精华露 50ml 小棕瓶',
    brand: '雅诗兰黛',
    price: 79_900,
    category: 'beauty',
  },
  {
    externalId: 'P2',
    title: '兰蔻 小黑瓶 精华肌底液 眼霜 15ml',
    brand: '兰蔻 Lancôme',
    price: 52_000,
    category: 'beauty',
  },
  {
    externalId: 'P3',
    title: '妮维雅 男士洗面奶 控油 150g',
    brand: '妮维雅',
    price: 4_990,
    category: 'beauty',
    description: '温和清洁',
  },
  { externalId: 'P4', title: '樱桃 机械键盘 青轴 87键', brand: 'Cherry', price: 39_900, category: 'digital' },
  {
    externalId: 'P5',
    title: '华为 HUAWEI Mate 60 Pro 12GB+512GB 雅丹黑',
    brand: '华为',
    price: 699_900,
    category: 'digital',
  },
  {
    externalId: 'P6',
    title: '任天堂 Nintendo Switch OLED 游戏机',
    brand: 'Nintendo',
    price: 229_900,
    category: 'digital',
  },
  {
    externalId: 'P7',
    title: '新秀丽 电脑包 15.6寸 商务双肩',
    brand: '新秀丽',
    price: 89_900,
    category: 'fashion',
  },
  {
    externalId: 'P8',
    title: '贝亲 宽口径玻璃奶瓶 240ml',
    brand: '贝亲',
    price: 12_900,
    category: 'mother_baby',
  },
  {
    externalId: 'P9',
    title: '罗技 Logitech K380 蓝牙键盘',
    brand: '罗技',
    price: 19_900,
    category: 'digital',
  },
];

export function engineContract(name: string, options: ContractOptions) {
  describe(`search engine contract: ${name}`, () => {
    let t: TestApp;
    let a: { storeId: string; owner: string; moderator: string };
    let b: { storeId: string; owner: string; moderator: string };
    const search = async (query: string) => {
      const res = await t.call('GET', `/v1/search?${query}`);
      expect(res.status).toBe(200);
      return res.body as {
        hits: any[];
        total: number;
        exhaustive: boolean;
        facets?: Record<string, Record<string, number>>;
      };
    };
    const ids = async (query: string) => (await search(query)).hits.map((h) => h.externalId).sort();
    const q = (text: string) => `q=${encodeURIComponent(text)}`;

    beforeAll(async () => {
      t = options.makeApp();
      a = await t.approvedStore('vendor-a');
      b = await t.approvedStore('vendor-b');
      await t.call('PATCH', `/v1/stores/${b.storeId}`, {
        token: b.owner,
        body: { city: '上海', name: '上海数码小铺' },
      });
      const upsertA = catalog.filter((_, i) => i % 2 === 0);
      const upsertB = catalog.filter((_, i) => i % 2 === 1);
      await t.call('POST', `/v1/stores/${a.storeId}/products/batch`, {
        token: a.owner,
        body: { upsert: upsertA },
      });
      await t.call('POST', `/v1/stores/${b.storeId}/products/batch`, {
        token: b.owner,
        body: { upsert: upsertB },
      });
      await t.call('POST', `/v1/stores/${a.storeId}/posts/batch`, {
        token: a.owner,
        body: {
          upsert: [
            {
              externalId: 'N1',
              title: '新品上架：雅诗兰黛小棕瓶到货',
              body: '限量五十瓶，先到先得。',
              publishedAt: '2026-10-30T00:00:00Z',
            },
          ],
        },
      });
      await options.settle(t);
    });

    it('finds two-character words, compounds typed without spaces, and spaced words', async () => {
      expect(await ids(q('眼霜'))).toEqual(['P2']);
      expect(await ids(q('奶瓶'))).toEqual(['P8']);
      expect(await ids(q('男士洗面奶'))).toEqual(['P3']);
      expect(await ids(q('洗面奶'))).toEqual(['P3']);
      expect(await ids(q('机械 键盘'))).toEqual(['P4']);
    });

    it('normalises traditional characters, full-width letters and case', async () => {
      expect(await ids(q('電腦包'))).toEqual(['P7']);
      expect(await ids(q('ＮＩＮＴＥＮＤＯ'))).toEqual(['P6']);
      expect(await ids(q('huawei'))).toEqual(['P5']);
    });

    it('matches pinyin, model numbers however spaced, typos and a prefix of the last word', async () => {
      expect(await ids(q('diannaobao'))).toEqual(['P7']);
      expect(await ids(q('mate60'))).toEqual(['P5']);
      expect(await ids(q('k380'))).toEqual(['P9']);
      expect(await ids(q('nintendoo'))).toEqual(['P6']);
      expect(await ids(q('logitec'))).toEqual(['P9']);
      expect(await ids(q('nint'))).toEqual(['P6']);
    });

    it('finds a known brand by its other name, and model names typed as one word', async () => {
      await t.call('POST', `/v1/stores/${a.storeId}/products/batch`, {
        token: a.owner,
        body: {
          upsert: [
            { externalId: 'S1', title: '资生堂 防晒露 60ml 户外', brand: '资生堂', price: 19_900 },
            {
              externalId: 'S2',
              title: 'Apple iPhone 15 Pro Max 256GB 原色钛金属',
              brand: 'Apple',
              price: 899_900,
            },
          ],
        },
      });
      await options.settle(t);
      t.clock.advance(61_000); // the typo and word-split vocabulary refreshes at most once a minute
      expect(await ids(q('shiseido'))).toEqual(['S1']);
      expect(await ids(q('iphone15promax'))).toEqual(['S2']);
    });

    it('ranks a title match above a description-only match', async () => {
      await t.call('POST', `/v1/stores/${a.storeId}/products/batch`, {
        token: a.owner,
        body: {
          upsert: [
            { externalId: 'D1', title: '旅行分装瓶套装', description: '适合装洗面奶和爽肤水', price: 1990 },
          ],
        },
      });
      await options.settle(t);
      const hits = (await search(q('洗面奶'))).hits.map((h) => h.externalId);
      expect(hits).toEqual(['P3', 'D1']);
    });

    it('filters by category, city, store, brand and price, and facets agree with the result set', async () => {
      expect(await ids(`${q('键盘')}&category=digital`)).toEqual(['P4', 'P9']);
      expect(await ids(`${q('键盘')}&city=上海`)).toEqual(['P4']);
      expect(await ids(`${q('键盘')}&storeId=${a.storeId}`)).toEqual(['P9']);
      expect(await ids(`category=digital&brand=${encodeURIComponent('华为')}`)).toEqual(['P5']);
      expect(await ids(`category=digital&priceMin=20000&priceMax=300000`)).toEqual(['P4', 'P6']);
      const r = await search('category=digital&facets=city,brand,category,storeId');
      expect(r).toMatchObject({ total: 4, exhaustive: true });
      expect(r.facets?.city).toEqual({ 杭州: 2, 上海: 2 });
      expect(r.facets?.category).toEqual({ digital: 4 });
      expect(Object.values(r.facets?.brand ?? {}).reduce((x, y) => x + y, 0)).toBe(4);
      expect(Object.values(r.facets?.storeId ?? {}).reduce((x, y) => x + y, 0)).toBe(4);
      const words = await search(`${q('键盘')}&facets=city,category`);
      expect(words).toMatchObject({ total: 2, exhaustive: true, facets: { city: { 杭州: 1, 上海: 1 } } });
      expect(words.facets?.category).toEqual({ digital: 2 });
    });

    it('sorts by price and pages without overlap', async () => {
      const asc = (await search('category=digital&sort=price_asc')).hits.map((h) => h.price);
      expect(asc).toEqual([...asc].sort((x, y) => x - y));
      const desc = (await search('category=digital&sort=price_desc')).hits.map((h) => h.price);
      expect(desc).toEqual([...asc].reverse());
      const p1 = await search('category=digital&sort=price_asc&limit=2&page=1');
      const p2 = await search('category=digital&sort=price_asc&limit=2&page=2');
      expect([...p1.hits, ...p2.hits].map((h) => h.price)).toEqual(asc);
      expect(p2.total).toBe(4);
    });

    it('highlights matches in <em> and escapes everything else', async () => {
      const hit = (await search(q('眼霜'))).hits[0];
      expect(hit.highlight.title).toContain('<em>眼霜</em>');
      expect(hit.highlight.title.replace(/<\/?em>/g, '')).toBe(hit.title);
      expect(hit).toMatchObject({
        type: 'product',
        store: { id: b.storeId, city: '上海' },
        price: 52_000,
        category: 'beauty',
      });
    });

    it('searches posts and stores too', async () => {
      const posts = await search(`type=post&${q('小棕瓶')}`);
      expect(posts.hits.map((h) => h.externalId)).toEqual(['N1']);
      const stores = await search(`type=store&${q('数码')}`);
      expect(stores.hits.map((h) => h.id)).toEqual([b.storeId]);
    });

    it('shows only approved stores’ active content, and follows suspension and reinstatement at once', async () => {
      const pending = await t.signIn('vendor-c');
      const storeId = await t.createStore(pending, { name: '待审核的店' });
      await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
        token: pending,
        body: { upsert: [{ externalId: 'H1', title: '隐藏的 Nintendo 卡带', price: 100 }] },
      });
      await t.call('POST', `/v1/stores/${a.storeId}/products/batch`, {
        token: a.owner,
        body: {
          upsert: [{ externalId: 'H2', title: '下架的 Nintendo 手柄', price: 100, status: 'inactive' }],
        },
      });
      await options.settle(t);
      expect(await ids(q('nintendo'))).toEqual(['P6']);

      const decide = (action: string) =>
        t.call('POST', `/v1/moderation/stores/${b.storeId}/decision`, {
          token: a.moderator,
          body: { action, reason: '测试' },
        });
      await decide('suspend');
      await options.settle(t);
      expect(await ids(q('nintendo'))).toEqual([]);
      expect((await search(`type=store&${q('数码')}`)).hits).toEqual([]);
      await decide('reinstate');
      await options.settle(t);
      expect(await ids(q('nintendo'))).toEqual(['P6']);
    });

    it('follows edits and deletions of products', async () => {
      await t.call('POST', `/v1/stores/${a.storeId}/products/batch`, {
        token: a.owner,
        body: { upsert: [{ externalId: 'E1', title: '复古胶片相机', price: 5000 }] },
      });
      await options.settle(t);
      expect(await ids(q('胶片相机'))).toEqual(['E1']);
      await t.call('POST', `/v1/stores/${a.storeId}/products/batch`, {
        token: a.owner,
        body: { upsert: [{ externalId: 'E1', title: '复古拍立得', price: 5000 }] },
      });
      await options.settle(t);
      expect(await ids(q('胶片相机'))).toEqual([]);
      expect(await ids(q('拍立得'))).toEqual(['E1']);
      await t.call('POST', `/v1/stores/${a.storeId}/products/batch`, {
        token: a.owner,
        body: { delete: ['E1'] },
      });
      await options.settle(t);
      expect(await ids(q('拍立得'))).toEqual([]);
    });

    it('never treats the query as search syntax: any text gives a 200 or a clear 400', async () => {
      const specials = fc.constantFrom(
        '"',
        'OR',
        'AND',
        'NOT',
        'NEAR(',
        '*',
        '^',
        '-',
        ':',
        'title:',
        '(',
        ')',
        '{',
        '}',
        '\u0000',
        '😀',
        '\\',
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ maxLength: 60 }),
            fc.array(specials, { maxLength: 12 }).map((x) => x.join(' ')),
            fc.string({ unit: 'binary', maxLength: 40 }),
          ),
          async (text) => {
            const res = await t.call('GET', `/v1/search?q=${encodeURIComponent(text)}`);
            expect([200, 400]).toContain(res.status);
          },
        ),
        { numRuns: 150 },
      );
      const long = await t.call('GET', `/v1/search?q=${encodeURIComponent('键盘'.repeat(2500))}`);
      expect(long.status).toBe(200);
    });
  });
}
