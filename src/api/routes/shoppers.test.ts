import { beforeEach, describe, expect, it } from 'vitest';
import { post, product, type TestApp, testApp } from '../../../test/harness';
import { Contact, FriendRequestResult, Lead, MyFriendRequest } from '../../shoppers/schema';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});

const DAY = 86_400_000;
const paths = (body: { error: { details: { path: (string | number)[] }[] } }) =>
  body.error.details.map((d) => d.path.join('.'));

/** An approved store with `n` products and one post; ids by position. */
async function storeWithCatalog(ownerOpenid = 'vendor-a', n = 2) {
  const s = await t.approvedStore(ownerOpenid);
  const upsert = Array.from({ length: n }, (_, i) => product(i + 1));
  await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, { token: s.owner, body: { upsert } });
  await t.call('POST', `/v1/stores/${s.storeId}/posts/batch`, {
    token: s.owner,
    body: { upsert: [post(1)] },
  });
  const items = (await t.call('GET', `/v1/stores/${s.storeId}/products?limit=100`)).body.items;
  const productIds: string[] = [...items]
    .sort((a: { externalId: string }, b: { externalId: string }) => a.externalId.localeCompare(b.externalId))
    .map((p: { id: string }) => p.id);
  const postId: string = (await t.call('GET', `/v1/stores/${s.storeId}/posts`)).body.items[0].id;
  return { ...s, productIds, postId };
}

const friendRequest = (token: string | undefined, storeId: string, body: unknown = {}) =>
  t.call('POST', `/v1/stores/${storeId}/friend-requests`, { token, body });

const suspend = (moderator: string, storeId: string) =>
  t.call('POST', `/v1/moderation/stores/${storeId}/decision`, {
    token: moderator,
    body: { action: 'suspend', reason: '售卖假冒商品' },
  });

describe('GET /v1/stores/:storeId/contact', () => {
  it('gives a signed-in shopper the WeChat ID, QR code and a generic greeting', async () => {
    const { storeId } = await t.approvedStore();
    const shopper = await t.signIn('shopper-1');
    const res = await t.call('GET', `/v1/stores/${storeId}/contact`, { token: shopper });
    expect(res.status).toBe(200);
    expect(Contact.parse(res.body)).toEqual({
      wechatId: 'xiaolin_home',
      contactQrUrl: 'https://img.example.com/qr/xiaolin.png',
      greeting: '你好，我在集市看到你的店铺，想了解一下',
    });
  });

  it('refuses anonymous callers with 401 and API keys with 403', async () => {
    const { storeId, owner } = await t.approvedStore();
    const key = await t.apiKey(owner, storeId);
    expect((await t.call('GET', `/v1/stores/${storeId}/contact`)).status).toBe(401);
    expect((await t.call('GET', `/v1/stores/${storeId}/contact`, { token: key })).status).toBe(403);
  });

  it('answers 404 for a suspended, unapproved or unknown store, even to its owner', async () => {
    const { storeId, owner, moderator } = await t.approvedStore();
    const draftId = await t.createStore(owner);
    const shopper = await t.signIn('shopper-1');
    await suspend(moderator, storeId);
    for (const [id, token] of [
      [storeId, shopper],
      [storeId, owner],
      [draftId, owner],
      ['st_nope', shopper],
    ]) {
      const res = await t.call('GET', `/v1/stores/${id}/contact`, { token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
  });
});

describe('POST /v1/stores/:storeId/friend-requests', () => {
  it('records a new lead and greets naming the product, with the marketplace name', async () => {
    const { storeId, productIds } = await storeWithCatalog();
    const shopper = await t.signIn('shopper-1');
    const res = await friendRequest(shopper, storeId, { productId: productIds[0], message: '还有货吗？' });
    expect(res.status).toBe(201);
    const body = FriendRequestResult.parse(res.body);
    expect(body.lead).toEqual({ id: expect.stringMatching(/^ld_/), status: 'new' });
    expect(body.contact.wechatId).toBe('xiaolin_home');
    expect(body.contact.greeting).toBe(
      '你好，我在集市看到你的「北欧风实木餐桌 1号 1.4米 橡木原木色」，想了解一下',
    );
    const [row] = await t.db.kysely.selectFrom('leads').selectAll().execute();
    expect(row).toMatchObject({ store_id: storeId, product_id: productIds[0], message: '还有货吗？' });
  });

  it('names the post, or else the store, in the greeting', async () => {
    const { storeId, postId } = await storeWithCatalog();
    const shopper = await t.signIn('shopper-1');
    const fromPost = FriendRequestResult.parse((await friendRequest(shopper, storeId, { postId })).body);
    expect(fromPost.contact.greeting).toBe('你好，我在集市看到你的「新品上架：北欧餐桌第1期」，想了解一下');
    const res = await t.call('POST', `/v1/stores/${storeId}/friend-requests`, { token: shopper });
    expect(res.status).toBe(201);
    expect(res.body.contact.greeting).toBe('你好，我在集市看到你的店铺「杭州小林家居馆」，想了解一下');
  });

  it('names each bad field in a 400, including another store’s product', async () => {
    const a = await storeWithCatalog('vendor-a');
    const b = await storeWithCatalog('vendor-b');
    const shopper = await t.signIn('shopper-1');
    const bad = await friendRequest(shopper, a.storeId, { message: `<b>${'好'.repeat(201)}</b>`, extra: 1 });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(expect.arrayContaining(['message', '']));
    const foreign = await friendRequest(shopper, a.storeId, { productId: b.productIds[0] });
    expect(foreign.status).toBe(400);
    expect(paths(foreign.body)).toEqual(['productId']);
    const foreignPost = await friendRequest(shopper, a.storeId, { postId: b.postId });
    expect(paths(foreignPost.body)).toEqual(['postId']);
  });

  it('answers 404 naming the field for a product that is unknown or not public', async () => {
    const { storeId, owner, productIds } = await storeWithCatalog();
    const shopper = await t.signIn('shopper-1');
    await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert: [product(2, { status: 'inactive' })] },
    });
    for (const productId of ['pr_nope', productIds[1]]) {
      const res = await friendRequest(shopper, storeId, { productId });
      expect(res.status).toBe(404);
      expect(paths(res.body)).toEqual(['productId']);
    }
  });

  it('refuses anonymous callers (401), API keys (403) and a suspended store (404)', async () => {
    const { storeId, owner, moderator } = await t.approvedStore();
    const key = await t.apiKey(owner, storeId);
    expect((await friendRequest(undefined, storeId)).status).toBe(401);
    expect((await friendRequest(key, storeId)).status).toBe(403);
    await suspend(moderator, storeId);
    expect((await friendRequest(await t.signIn('shopper-1'), storeId)).status).toBe(404);
  });

  it('answers a repeat for the same item on the same day with the first lead (200), and a new one the next day', async () => {
    const { storeId, productIds } = await storeWithCatalog();
    const shopper = await t.signIn('shopper-1');
    const first = await friendRequest(shopper, storeId, { productId: productIds[0] });
    const again = await friendRequest(shopper, storeId, { productId: productIds[0], message: '在吗' });
    expect(again.status).toBe(200);
    expect(again.body.lead.id).toBe(first.body.lead.id);
    expect((await friendRequest(shopper, storeId, { productId: productIds[1] })).status).toBe(201);
    t.clock.advance(DAY);
    const tomorrow = await friendRequest(shopper, storeId, { productId: productIds[0] });
    expect(tomorrow.status).toBe(201);
    expect(await t.db.kysely.selectFrom('leads').select('id').execute()).toHaveLength(3);
  });

  it('rate-limits a shopper to 5 requests a day per store with 429 and Retry-After, resetting the next day', async () => {
    const { storeId, productIds } = await storeWithCatalog('vendor-a', 7);
    const shopper = await t.signIn('shopper-1');
    for (const productId of productIds.slice(0, 5)) {
      expect((await friendRequest(shopper, storeId, { productId })).status).toBe(201);
    }
    const limited = await friendRequest(shopper, storeId, { productId: productIds[5] });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.headers.get('Retry-After')).toBe(String(16 * 3600));
    expect((await friendRequest(await t.signIn('shopper-2'), storeId)).status).toBe(201);
    t.clock.advance(16 * 3600 * 1000);
    expect((await friendRequest(shopper, storeId, { productId: productIds[5] })).status).toBe(201);
  });

  it('rate-limits a shopper to 30 requests a day across stores', async () => {
    const shopper = await t.signIn('shopper-1');
    for (let s = 0; s < 7; s++) {
      const { storeId, productIds } = await storeWithCatalog(`vendor-${s}`, 5);
      for (const productId of productIds) {
        const res = await friendRequest(shopper, storeId, { productId });
        expect(res.status).toBe(s < 6 ? 201 : 429);
      }
    }
  });

  it('counts each friend-add in item_stats once flushed', async () => {
    const { storeId, productIds } = await storeWithCatalog();
    await friendRequest(await t.signIn('shopper-1'), storeId, { productId: productIds[0] });
    await friendRequest(await t.signIn('shopper-2'), storeId, { productId: productIds[0] });
    await friendRequest(await t.signIn('shopper-2'), storeId, { productId: productIds[0] });
    await friendRequest(await t.signIn('shopper-3'), storeId);
    await t.deps.engagement.flushIfDue(t.db, t.clock.now(), true);
    const stats = await t.db.kysely.selectFrom('item_stats').selectAll().orderBy('item_type').execute();
    expect(stats.map((s) => [s.item_type, s.item_id, s.friend_adds])).toEqual([
      ['product', productIds[0], 2],
      ['store', storeId, 1],
    ]);
  });
});

describe('GET /v1/stores/:storeId/leads', () => {
  it('shows the owner the store’s leads newest first, with shopper, product and post, by status and page', async () => {
    const { storeId, owner, productIds, postId } = await storeWithCatalog();
    const s1 = await t.signIn('shopper-1');
    const first = await friendRequest(s1, storeId, { productId: productIds[0], message: '有现货吗' });
    t.clock.advance(1000);
    const second = await friendRequest(await t.signIn('shopper-2'), storeId, { postId });
    const res = await t.call('GET', `/v1/stores/${storeId}/leads`, { token: owner });
    expect(res.status).toBe(200);
    const leads = res.body.items.map((l: unknown) => Lead.parse(l));
    expect(leads.map((l: Lead) => l.id)).toEqual([second.body.lead.id, first.body.lead.id]);
    expect(leads[1]).toMatchObject({
      status: 'new',
      message: '有现货吗',
      product: { id: productIds[0], title: '北欧风实木餐桌 1号 1.4米 橡木原木色', price: 129_901 },
    });
    expect(leads[0]).toMatchObject({ message: null, post: { id: postId, title: '新品上架：北欧餐桌第1期' } });
    expect(leads[0].shopper.id).toMatch(/^us_/);

    const page1 = await t.call('GET', `/v1/stores/${storeId}/leads?limit=1`, { token: owner });
    const page2 = await t.call('GET', `/v1/stores/${storeId}/leads?limit=1&cursor=${page1.body.nextCursor}`, {
      token: owner,
    });
    expect([...page1.body.items, ...page2.body.items].map((l: Lead) => l.id)).toEqual(
      leads.map((l: Lead) => l.id),
    );
    expect(page2.body.nextCursor).toBeNull();

    await t.call('PATCH', `/v1/stores/${storeId}/leads/${first.body.lead.id}`, {
      token: owner,
      body: { status: 'contacted' },
    });
    const contacted = await t.call('GET', `/v1/stores/${storeId}/leads?status=contacted`, { token: owner });
    expect(contacted.body.items.map((l: Lead) => l.id)).toEqual([first.body.lead.id]);
  });

  it('names a bad status, limit or cursor in a 400', async () => {
    const { storeId, owner } = await t.approvedStore();
    const bad = await t.call('GET', `/v1/stores/${storeId}/leads?status=won&limit=0`, { token: owner });
    expect(bad.status).toBe(400);
    expect(paths(bad.body).sort()).toEqual(['limit', 'status']);
    const cursor = await t.call('GET', `/v1/stores/${storeId}/leads?cursor=nope`, { token: owner });
    expect(paths(cursor.body)).toEqual(['cursor']);
  });

  it('is the owner’s only: others get 403 (404 for a hidden store), keys 403, anonymous 401', async () => {
    const { storeId, owner, moderator } = await t.approvedStore();
    const draftId = await t.createStore(owner);
    const key = await t.apiKey(owner, storeId);
    const shopper = await t.signIn('shopper-1');
    await friendRequest(shopper, storeId);
    const other = await t.signIn('vendor-b');
    const leads = (id: string, token?: string) => t.call('GET', `/v1/stores/${id}/leads`, { token });
    expect((await leads(storeId)).status).toBe(401);
    expect((await leads(storeId, key)).status).toBe(403);
    expect((await leads(storeId, shopper)).status).toBe(403);
    expect((await leads(storeId, other)).status).toBe(403);
    expect((await leads(storeId, moderator)).status).toBe(403);
    expect((await leads(draftId, other)).status).toBe(404);
    expect((await leads(storeId, owner)).body.items).toHaveLength(1);
  });
});

describe('PATCH /v1/stores/:storeId/leads/:leadId', () => {
  it('moves a lead new → contacted → closed → contacted, never back to new', async () => {
    const { storeId, owner } = await t.approvedStore();
    const { lead } = (await friendRequest(await t.signIn('shopper-1'), storeId)).body;
    const patch = (status: string) =>
      t.call('PATCH', `/v1/stores/${storeId}/leads/${lead.id}`, { token: owner, body: { status } });
    t.clock.advance(1000);
    const contacted = await patch('contacted');
    expect(contacted.status).toBe(200);
    const parsed = Lead.parse(contacted.body.lead);
    expect(parsed.status).toBe('contacted');
    expect(parsed.updatedAt).toBe(t.clock.now().toISOString());
    expect((await patch('contacted')).status).toBe(200);
    expect((await patch('closed')).body.lead.status).toBe('closed');
    expect((await patch('contacted')).body.lead.status).toBe('contacted');
    const back = await patch('new');
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('invalid_transition');
    const bad = await patch('won');
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['status']);
  });

  it('answers 404 for a lead of another store, and refuses everyone but the owner', async () => {
    const a = await t.approvedStore('vendor-a');
    const b = await t.approvedStore('vendor-b');
    const key = await t.apiKey(a.owner, a.storeId);
    const { lead } = (await friendRequest(await t.signIn('shopper-1'), a.storeId)).body;
    const body = { status: 'contacted' };
    const viaB = await t.call('PATCH', `/v1/stores/${b.storeId}/leads/${lead.id}`, { token: b.owner, body });
    expect(viaB.status).toBe(404);
    const path = `/v1/stores/${a.storeId}/leads/${lead.id}`;
    expect((await t.call('PATCH', path, { body })).status).toBe(401);
    expect((await t.call('PATCH', path, { token: key, body })).status).toBe(403);
    expect((await t.call('PATCH', path, { token: b.owner, body })).status).toBe(403);
    expect((await t.call('PATCH', path, { token: a.moderator, body })).status).toBe(403);
    expect((await t.call('PATCH', path, { token: a.owner, body })).status).toBe(200);
  });
});

describe('GET /v1/me/friend-requests', () => {
  it('lists only the caller’s own requests, newest first, with store and item', async () => {
    const { storeId, productIds } = await storeWithCatalog();
    const shopper = await t.signIn('shopper-1');
    const first = await friendRequest(shopper, storeId, { productId: productIds[0] });
    t.clock.advance(1000);
    const second = await friendRequest(shopper, storeId);
    await friendRequest(await t.signIn('shopper-2'), storeId);
    const res = await t.call('GET', '/v1/me/friend-requests', { token: shopper });
    expect(res.status).toBe(200);
    const items = res.body.items.map((i: unknown) => MyFriendRequest.parse(i));
    expect(items.map((i: MyFriendRequest) => i.id)).toEqual([second.body.lead.id, first.body.lead.id]);
    expect(items[1]).toMatchObject({
      store: { id: storeId, name: '杭州小林家居馆' },
      product: { id: productIds[0] },
    });
    expect(items[0].product).toBeUndefined();
    expect(res.body.nextCursor).toBeNull();
  });

  it('refuses anonymous callers (401) and API keys (403), and names a bad limit', async () => {
    const { storeId, owner } = await t.approvedStore();
    const key = await t.apiKey(owner, storeId);
    expect((await t.call('GET', '/v1/me/friend-requests')).status).toBe(401);
    expect((await t.call('GET', '/v1/me/friend-requests', { token: key })).status).toBe(403);
    const bad = await t.call('GET', '/v1/me/friend-requests?limit=101', { token: owner });
    expect(paths(bad.body)).toEqual(['limit']);
  });
});

describe('follows', () => {
  const followRow = () => t.db.kysely.selectFrom('follows').selectAll().executeTakeFirstOrThrow();

  it('follows idempotently, soft-deletes on unfollow, and restarts the follow on re-follow', async () => {
    const { storeId } = await t.approvedStore();
    const shopper = await t.signIn('shopper-1');
    const started = t.clock.now().toISOString();
    expect((await t.call('PUT', `/v1/me/follows/${storeId}`, { token: shopper })).status).toBe(204);
    t.clock.advance(1000);
    expect((await t.call('PUT', `/v1/me/follows/${storeId}`, { token: shopper })).status).toBe(204);
    expect(await followRow()).toMatchObject({ created_at: started, deleted_at: null });

    t.clock.advance(1000);
    const unfollowedAt = t.clock.now().toISOString();
    expect((await t.call('DELETE', `/v1/me/follows/${storeId}`, { token: shopper })).status).toBe(204);
    t.clock.advance(1000);
    expect((await t.call('DELETE', `/v1/me/follows/${storeId}`, { token: shopper })).status).toBe(204);
    expect(await followRow()).toMatchObject({ created_at: started, deleted_at: unfollowedAt });
    expect((await t.call('GET', '/v1/me/follows', { token: shopper })).body.stores).toEqual([]);

    const refollowedAt = t.clock.now().toISOString();
    await t.call('PUT', `/v1/me/follows/${storeId}`, { token: shopper });
    expect(await followRow()).toMatchObject({ created_at: refollowedAt, deleted_at: null });
  });

  it('tells a shopper whether they follow a store, and nobody else', async () => {
    const { storeId, moderator } = await t.approvedStore();
    const shopper = await t.signIn('shopper-1');
    const following = () => t.call('GET', `/v1/me/follows/${storeId}`, { token: shopper });
    expect((await following()).status).toBe(404);
    await t.call('PUT', `/v1/me/follows/${storeId}`, { token: shopper });
    expect((await following()).status).toBe(204);
    expect(
      (await t.call('GET', `/v1/me/follows/${storeId}`, { token: await t.signIn('shopper-2') })).status,
    ).toBe(404);
    expect((await t.call('GET', `/v1/me/follows/${storeId}`)).status).toBe(401);
    await suspend(moderator, storeId);
    expect((await following()).status).toBe(404);
  });

  it('lists the followed approved stores, most recently followed first, without suspended ones', async () => {
    const a = await t.approvedStore('vendor-a');
    const b = await t.approvedStore('vendor-b');
    const c = await t.approvedStore('vendor-c');
    const shopper = await t.signIn('shopper-1');
    for (const { storeId } of [a, b, c]) {
      await t.call('PUT', `/v1/me/follows/${storeId}`, { token: shopper });
      t.clock.advance(1000);
    }
    await suspend(c.moderator, c.storeId);
    const res = await t.call('GET', '/v1/me/follows', { token: shopper });
    expect(res.status).toBe(200);
    expect(res.body.stores.map((s: { id: string }) => s.id)).toEqual([b.storeId, a.storeId]);
    expect(res.body.stores[0]).toEqual({
      id: b.storeId,
      name: '杭州小林家居馆',
      city: '杭州',
      logoUrl: expect.any(String),
    });
    const other = await t.call('GET', '/v1/me/follows', { token: await t.signIn('shopper-2') });
    expect(other.body.stores).toEqual([]);
  });

  it('answers 404 for following a suspended, unapproved or unknown store', async () => {
    const { storeId, owner, moderator } = await t.approvedStore();
    const draftId = await t.createStore(owner);
    const shopper = await t.signIn('shopper-1');
    await suspend(moderator, storeId);
    for (const id of [storeId, draftId, 'st_nope']) {
      expect((await t.call('PUT', `/v1/me/follows/${id}`, { token: shopper })).status).toBe(404);
    }
    expect((await t.call('DELETE', `/v1/me/follows/${storeId}`, { token: shopper })).status).toBe(204);
  });

  it('refuses anonymous callers (401) and API keys (403)', async () => {
    const { storeId, owner } = await t.approvedStore();
    const key = await t.apiKey(owner, storeId);
    for (const [method, path] of [
      ['PUT', `/v1/me/follows/${storeId}`],
      ['DELETE', `/v1/me/follows/${storeId}`],
      ['GET', '/v1/me/follows'],
    ] as const) {
      expect((await t.call(method, path)).status).toBe(401);
      expect((await t.call(method, path, { token: key })).status).toBe(403);
    }
    expect(await t.db.kysely.selectFrom('follows').selectAll().execute()).toEqual([]);
  });
});
