import { beforeEach, describe, expect, it } from 'vitest';
import { post, product, type TestApp, testApp } from '../../../test/harness';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});

async function pendingStore(openid = 'vendor-a', name = '杭州小林家居馆') {
  const owner = await t.signIn(openid);
  const storeId = await t.createStore(owner, { name });
  await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
  return { owner, storeId };
}

const decide = (token: string | undefined, storeId: string, body: unknown) =>
  t.call('POST', `/v1/moderation/stores/${storeId}/decision`, { token, body });

describe('GET /v1/moderation/stores', () => {
  it('lists stores waiting for review, oldest first, page by page', async () => {
    const moderator = await t.signIn('mod', ['moderator']);
    const first = await pendingStore('vendor-a', '第一家');
    t.clock.advance(1000);
    const second = await pendingStore('vendor-b', '第二家');
    t.clock.advance(1000);
    await t.createStore(await t.signIn('vendor-c'));
    const page1 = await t.call('GET', '/v1/moderation/stores?limit=1', { token: moderator });
    expect(page1.body.items.map((s: { id: string }) => s.id)).toEqual([first.storeId]);
    expect(page1.body.items[0].ownerId).toBeDefined();
    const page2 = await t.call('GET', `/v1/moderation/stores?limit=1&cursor=${page1.body.nextCursor}`, {
      token: moderator,
    });
    expect(page2.body.items.map((s: { id: string }) => s.id)).toEqual([second.storeId]);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('is for moderators only', async () => {
    const vendor = await t.signIn('vendor-a');
    expect((await t.call('GET', '/v1/moderation/stores')).status).toBe(401);
    expect((await t.call('GET', '/v1/moderation/stores', { token: vendor })).status).toBe(403);
    const bad = await t.call('GET', '/v1/moderation/stores?status=deleted', {
      token: await t.signIn('m', ['moderator']),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toEqual(['status']);
  });
});

describe('POST /v1/moderation/stores/:storeId/decision', () => {
  it('approves a pending store, which then becomes public', async () => {
    const moderator = await t.signIn('mod', ['moderator']);
    const { storeId } = await pendingStore();
    expect((await t.call('GET', `/v1/stores/${storeId}`)).status).toBe(404);
    const res = await decide(moderator, storeId, { action: 'approve' });
    expect(res.status).toBe(200);
    expect(res.body.store.status).toBe('approved');
    expect((await t.call('GET', `/v1/stores/${storeId}`)).status).toBe(200);
  });

  it('rejects with a reason the owner sees, and the owner can fix and resubmit', async () => {
    const moderator = await t.signIn('mod', ['moderator']);
    const { storeId, owner } = await pendingStore();
    const noReason = await decide(moderator, storeId, { action: 'reject' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toEqual(['reason']);
    await decide(moderator, storeId, { action: 'reject', reason: 'Logo 不清晰' });
    const mine = await t.call('GET', `/v1/stores/${storeId}`, { token: owner });
    expect(mine.body.store.status).toBe('rejected');
    expect(mine.body.store.review.reason).toBe('Logo 不清晰');
    await t.call('PATCH', `/v1/stores/${storeId}`, {
      token: owner,
      body: { logoUrl: 'https://img.example.com/new.png' },
    });
    const resubmitted = await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
    expect(resubmitted.body.store.status).toBe('pending_review');
  });

  it('suspends an approved store, hiding it and all its content at once, and reinstates it', async () => {
    const { storeId, owner, moderator } = await t.approvedStore();
    await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert: [product(1)] },
    });
    await t.call('POST', `/v1/stores/${storeId}/posts/batch`, { token: owner, body: { upsert: [post(1)] } });
    const productId = (await t.db.kysely.selectFrom('products').select('id').executeTakeFirstOrThrow()).id;
    const postId = (await t.db.kysely.selectFrom('posts').select('id').executeTakeFirstOrThrow()).id;
    const publicReads = [
      `/v1/stores/${storeId}`,
      `/v1/stores/${storeId}/products`,
      `/v1/stores/${storeId}/posts`,
      `/v1/products/${productId}`,
      `/v1/posts/${postId}`,
    ];
    for (const path of publicReads) expect((await t.call('GET', path)).status).toBe(200);

    expect((await decide(moderator, storeId, { action: 'suspend' })).status).toBe(400);
    const suspended = await decide(moderator, storeId, { action: 'suspend', reason: '售卖假冒商品' });
    expect(suspended.body.store.status).toBe('suspended');
    for (const path of publicReads) expect((await t.call('GET', path)).status).toBe(404);
    expect((await t.call('GET', `/v1/products/${productId}`, { token: owner })).status).toBe(200);

    await decide(moderator, storeId, { action: 'reinstate', reason: '申诉通过' });
    for (const path of publicReads) expect((await t.call('GET', path)).status).toBe(200);
  });

  it('refuses a decision that does not fit the store’s status with 409', async () => {
    const { storeId, moderator } = await t.approvedStore();
    const res = await decide(moderator, storeId, { action: 'approve' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
    expect((await decide(moderator, storeId, { action: 'reinstate', reason: 'x' })).status).toBe(409);
  });

  it('is for moderators only, and not on their own store', async () => {
    const { storeId, owner } = await pendingStore();
    const vendor = await t.signIn('vendor-b');
    const key = await t.apiKey(owner, storeId);
    expect((await decide(undefined, storeId, { action: 'approve' })).status).toBe(401);
    expect((await decide(vendor, storeId, { action: 'approve' })).status).toBe(403);
    expect((await decide(owner, storeId, { action: 'approve' })).status).toBe(403);
    expect((await decide(key, storeId, { action: 'approve' })).status).toBe(403);
    const selfModerator = await t.signIn('vendor-a', ['moderator']);
    expect((await decide(selfModerator, storeId, { action: 'approve' })).status).toBe(403);
    const moderator = await t.signIn('mod', ['moderator']);
    expect((await decide(moderator, 'st_missing', { action: 'approve' })).status).toBe(404);
    expect((await decide(moderator, storeId, { action: 'delete', reason: 'x' })).status).toBe(400);
  });
});

describe('GET /v1/moderation/audit', () => {
  it('records every decision with who, when, what and why, newest first', async () => {
    const moderator = await t.signIn('mod', ['moderator']);
    const { storeId } = await pendingStore();
    await decide(moderator, storeId, { action: 'approve' });
    t.clock.advance(1000);
    await decide(moderator, storeId, { action: 'suspend', reason: '售卖假冒商品' });
    const res = await t.call('GET', '/v1/moderation/audit', { token: moderator });
    expect(res.status).toBe(200);
    const me = (await t.call('GET', '/v1/me', { token: moderator })).body.user.id;
    expect(res.body.items).toEqual([
      expect.objectContaining({
        action: 'store.suspend',
        actor: { id: me, nickname: null },
        target: { type: 'store', id: storeId },
        reason: '售卖假冒商品',
        at: t.clock.now().toISOString(),
        details: { from: 'approved', to: 'suspended' },
      }),
      expect.objectContaining({ action: 'store.approve', reason: null }),
    ]);
  });

  it('narrows by actor, action, store and dates, and names a bad filter', async () => {
    const moderator = await t.signIn('mod', ['moderator']);
    const other = await t.signIn('mod-2', ['moderator']);
    const first = await pendingStore();
    const second = await pendingStore('vendor-b');
    await decide(moderator, first.storeId, { action: 'approve' });
    t.clock.advance(86_400_000);
    await decide(other, second.storeId, { action: 'reject', reason: '资料不全' });
    const audit = async (q: string) =>
      (await t.call('GET', `/v1/moderation/audit?${q}`, { token: moderator })).body.items.map(
        (i: any) => i.action,
      );
    const otherId = (await t.call('GET', '/v1/me', { token: other })).body.user.id;
    expect(await audit(`actorId=${otherId}`)).toEqual(['store.reject']);
    expect(await audit('action=store.approve')).toEqual(['store.approve']);
    expect(await audit(`storeId=${first.storeId}`)).toEqual(['store.approve']);
    const today = t.clock.now().toISOString().slice(0, 10);
    expect(await audit(`from=${today}`)).toEqual(['store.reject']);
    expect(await audit(`to=${today}`)).toEqual(['store.reject', 'store.approve']);
    const bad = await t.call('GET', '/v1/moderation/audit?from=last-week', { token: moderator });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toEqual(['from']);
  });

  it('is for moderators only', async () => {
    const vendor = await t.signIn('vendor-a');
    expect((await t.call('GET', '/v1/moderation/audit')).status).toBe(401);
    expect((await t.call('GET', '/v1/moderation/audit', { token: vendor })).status).toBe(403);
  });

  it('writes no audit entry when a decision loses a race', async () => {
    const moderator = await t.signIn('mod', ['moderator']);
    const { storeId } = await pendingStore();
    const [a, b] = await Promise.all([
      decide(moderator, storeId, { action: 'approve' }),
      decide(moderator, storeId, { action: 'reject', reason: '重复' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const audit = await t.call('GET', '/v1/moderation/audit', { token: moderator });
    expect(audit.body.items).toHaveLength(1);
  });
});
