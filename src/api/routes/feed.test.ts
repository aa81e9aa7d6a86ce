import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { post, product, type TestApp, testApp } from '../../../test/harness';
import { FeedItem } from '../../feed/items';
import { loadCorpus } from '../../seed/load';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});

const HOUR = 3600_000;
const at = (hoursAgo: number) => new Date(t.clock.now().getTime() - hoursAgo * HOUR).toISOString();

async function storeWithPosts(
  openid: string,
  posts: { id: string; hoursAgo: number }[],
  name = `店铺${openid}`,
) {
  const owner = await t.signIn(openid);
  const moderator = await t.signIn('feed-moderator', ['moderator']);
  const storeId = await t.createStore(owner, { name });
  await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
  await t.call('POST', `/v1/moderation/stores/${storeId}/decision`, {
    token: moderator,
    body: { action: 'approve' },
  });
  await t.call('POST', `/v1/stores/${storeId}/posts/batch`, {
    token: owner,
    body: {
      upsert: posts.map((p) =>
        post(0, {
          externalId: p.id,
          title: `动态 ${p.id}`,
          productExternalIds: [],
          publishedAt: at(p.hoursAgo),
        }),
      ),
    },
  });
  return { storeId, owner, moderator };
}

async function walk(limit: number, token?: string, between?: () => Promise<void>) {
  const seen: { id: string; storeId: string; externalId: string }[][] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const res: { status: number; body: any } = await t.call(
      'GET',
      `/v1/feed?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(res.status).toBe(200);
    seen.push(
      res.body.items.map((i: { id: string; storeId: string; externalId: string }) => ({
        id: i.id,
        storeId: i.storeId,
        externalId: i.externalId,
      })),
    );
    cursor = res.body.nextCursor;
    if (!cursor) return seen;
    await between?.();
  }
  throw new Error('the walk did not end');
}

/** A follow made `hoursAgo` hours ago (a real one is made now, after any walk in progress began). */
const follow = (userId: string, storeId: string, hoursAgo = 48) =>
  t.db.raw
    .prepare('INSERT OR IGNORE INTO follows (user_id, store_id, created_at) VALUES (?, ?, ?)')
    .run(userId, storeId, at(hoursAgo));

describe('GET /v1/feed', () => {
  it('serves posts with their store and linked products (price and deep link) to anyone', async () => {
    const s = await t.approvedStore();
    await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
      token: s.owner,
      body: { upsert: [product(1)] },
    });
    await t.call('POST', `/v1/stores/${s.storeId}/posts/batch`, {
      token: s.owner,
      body: { upsert: [post(1)] },
    });
    const key = await t.apiKey(s.owner, s.storeId);
    for (const token of [undefined, await t.signIn('shopper'), key]) {
      const res = await t.call('GET', '/v1/feed', { token });
      expect(res.status).toBe(200);
      const item = FeedItem.parse(res.body.items[0]);
      expect(item.store.name).toBe('杭州小林家居馆');
      expect(item.products).toEqual([
        expect.objectContaining({
          externalId: 'SKU-000001',
          price: 129_901,
          deepLink: { appId: 'wx0123456789abcdef', path: 'pages/goods/detail?id=SKU-000001' },
        }),
      ]);
      expect(res.body.nextCursor).toBeNull();
    }
  });

  it('answers 400 for a cursor it did not give out, and for a bad limit', async () => {
    expect((await t.call('GET', '/v1/feed?cursor=abc')).body.error.details[0].path).toEqual(['cursor']);
    expect((await t.call('GET', '/v1/feed?limit=0')).status).toBe(400);
  });

  it('never shows more than two posts in a row from one store', async () => {
    await storeWithPosts(
      'busy',
      Array.from({ length: 12 }, (_, i) => ({ id: `B${i}`, hoursAgo: i * 0.1 })),
    );
    for (let s = 0; s < 4; s++)
      await storeWithPosts(`quiet${s}`, [
        { id: `Q${s}`, hoursAgo: 30 + s },
        { id: `R${s}`, hoursAgo: 40 + s },
      ]);
    const pages = await walk(6);
    for (const page of pages.slice(0, 2)) {
      for (let i = 2; i < page.length; i++) {
        expect(page[i]!.storeId === page[i - 1]!.storeId && page[i]!.storeId === page[i - 2]!.storeId).toBe(
          false,
        );
      }
    }
    expect(pages.flat()).toHaveLength(20);
  });

  it('gives a small store’s post exposure over a big store’s slightly newer one', async () => {
    const big = await storeWithPosts('big', [{ id: 'BIG', hoursAgo: 1.5 }]);
    await storeWithPosts('small', [{ id: 'SMALL', hoursAgo: 2 }]);
    for (let i = 0; i < 120; i++) {
      const fan = (await t.call('POST', '/v1/auth/dev', { body: { openid: `fan${i}` } })).body.user.id;
      follow(fan, big.storeId);
    }
    const first = (await walk(10))[0]!.map((i) => i.externalId);
    expect(first).toEqual(['SMALL', 'BIG']);
  });

  it('ranks a followed store higher for a signed-in shopper, and not for others', async () => {
    const liked = await storeWithPosts('liked', [{ id: 'LIKED', hoursAgo: 2 }]);
    await storeWithPosts('other', [{ id: 'OTHER', hoursAgo: 1 }]);
    const shopper = await t.signIn('shopper');
    const me = (await t.call('GET', '/v1/me', { token: shopper })).body.user.id;
    follow(me, liked.storeId);
    expect((await walk(10, shopper))[0]!.map((i) => i.externalId)).toEqual(['LIKED', 'OTHER']);
    expect((await walk(10))[0]!.map((i) => i.externalId)).toEqual(['OTHER', 'LIKED']);
  });

  it('ranks a post people engaged with on earlier days above an equally fresh one', async () => {
    await storeWithPosts('a', [{ id: 'PLAIN', hoursAgo: 1 }]);
    await storeWithPosts('b', [{ id: 'LOVED', hoursAgo: 2 }]);
    const loved = (
      await t.db.kysely
        .selectFrom('posts')
        .select('id')
        .where('external_id', '=', 'LOVED')
        .executeTakeFirstOrThrow()
    ).id;
    t.db.raw
      .prepare(
        `INSERT INTO item_stats (item_type, item_id, day, views, friend_adds) VALUES ('post', ?, '2026-10-20', 300, 20)`,
      )
      .run(loved);
    expect((await walk(10))[0]!.map((i) => i.externalId)).toEqual(['LOVED', 'PLAIN']);
  });

  it('drops a suspended store’s posts and a taken-down post at once, even mid-walk', async () => {
    const a = await storeWithPosts('a', [
      { id: 'A1', hoursAgo: 1 },
      { id: 'A2', hoursAgo: 5 },
    ]);
    await storeWithPosts('b', [
      { id: 'B1', hoursAgo: 2 },
      { id: 'B2', hoursAgo: 6 },
    ]);
    const pages = await walk(1, undefined, async () => {
      await t.call('POST', `/v1/moderation/stores/${a.storeId}/decision`, {
        token: a.moderator,
        body: { action: 'suspend', reason: '测试' },
      });
    });
    expect(pages.flat().map((i) => i.externalId)).not.toContain('A2');
    t.db.raw.prepare(`UPDATE posts SET taken_down_at = ? WHERE external_id = 'B2'`).run(at(0));
    expect((await walk(10)).flat().map((i) => i.externalId)).toEqual(['B1']);
  });
});

describe('walking the feed', () => {
  it('yields each eligible post exactly once, whatever the page size, while new posts and engagement arrive', async () => {
    const stores: Awaited<ReturnType<typeof storeWithPosts>>[] = [];
    for (let s = 0; s < 5; s++) {
      stores.push(
        await storeWithPosts(
          `w${s}`,
          Array.from({ length: 4 + s * 2 }, (_, i) => ({ id: `S${s}P${i}`, hoursAgo: (i * 7 + s * 3) % 50 })),
        ),
      );
    }
    const eligible = (await t.db.kysely.selectFrom('posts').select('id').execute()).map((r) => r.id).sort();
    const shopper = await t.signIn('walker');
    const me = (await t.call('GET', '/v1/me', { token: shopper })).body.user.id;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        fc.array(fc.nat(4), { maxLength: 6 }),
        async (limit, signedIn, events) => {
          const queue = [...events];
          const pages = await walk(limit, signedIn ? shopper : undefined, async () => {
            const e = queue.shift();
            if (e === undefined) return;
            const s = stores[e]!;
            n += 1;
            await t.call('POST', `/v1/stores/${s.storeId}/posts/batch`, {
              token: s.owner,
              body: {
                upsert: [post(0, { externalId: `NEW${n}`, productExternalIds: [], publishedAt: at(-0.001) })],
              },
            });
            t.clock.advance(1000);
            follow(me, s.storeId, 0);
            const some = eligible[n % eligible.length]!;
            t.db.raw
              .prepare(`INSERT INTO item_stats (item_type, item_id, day, views, friend_adds) VALUES ('post', ?, ?, 50, 5)
            ON CONFLICT DO UPDATE SET views = views + 50`)
              .run(some, t.clock.now().toISOString().slice(0, 10));
          });
          const walked = pages.flat().map((i) => i.id);
          expect(new Set(walked).size).toBe(walked.length);
          expect(walked.filter((id) => eligible.includes(id)).sort()).toEqual(eligible);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('views', () => {
  it('are counted per item and day without a write per read, and land on flush', async () => {
    const s = await t.approvedStore();
    await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
      token: s.owner,
      body: { upsert: [product(1)] },
    });
    const id = (await t.db.kysely.selectFrom('products').select('id').executeTakeFirstOrThrow()).id;
    for (let i = 0; i < 3; i++) expect((await t.call('GET', `/v1/products/${id}`)).status).toBe(200);
    const stats = () => t.db.kysely.selectFrom('item_stats').selectAll().where('item_id', '=', id).execute();
    expect(await stats()).toEqual([]);
    await t.deps.engagement.flushIfDue(t.db, t.clock.now(), true);
    expect(await stats()).toEqual([
      { item_type: 'product', item_id: id, day: '2026-11-01', views: 3, friend_adds: 0 },
    ]);
  });
});

describe('the feed of a generated marketplace', () => {
  it('keeps stores from running together on every page and shows small stores beside popular ones', async () => {
    await loadCorpus(t.deps, {
      seed: 8,
      stores: 30,
      productsPerStore: 2,
      postsPerStore: 8,
      now: t.clock.now(),
    });
    const stores = (
      await t.db.kysely
        .selectFrom('stores')
        .select('id')
        .where('status', '=', 'approved')
        .orderBy('name')
        .execute()
    ).map((s) => s.id);
    const popular = new Set(stores.slice(0, stores.length / 2));
    for (let i = 0; i < 150; i++) {
      const fan = (await t.call('POST', '/v1/auth/dev', { body: { openid: `fan${i}` } })).body.user.id;
      for (const storeId of popular) follow(fan, storeId);
    }
    const pages = await walk(20);
    for (const page of pages) {
      for (let i = 2; i < page.length; i++) {
        expect(page[i]!.storeId === page[i - 1]!.storeId && page[i]!.storeId === page[i - 2]!.storeId).toBe(
          false,
        );
      }
    }
    const first = pages[0]!;
    const small = first.filter((item) => !popular.has(item.storeId)).length;
    // Half the stores have 150 followers; the other half must still make up a fair share of the first page.
    expect(small).toBeGreaterThanOrEqual(first.length / 3);
    expect(new Set(first.map((i) => i.storeId)).size).toBeGreaterThanOrEqual(8);
  });
});
