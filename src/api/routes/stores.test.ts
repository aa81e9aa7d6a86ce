import { beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness';
import { Store } from '../../vendors/store-schema';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});

describe('POST /v1/stores', () => {
  it('creates a draft store owned by the caller, who becomes a vendor', async () => {
    const token = await t.signIn('vendor-a');
    const res = await t.call('POST', '/v1/stores', { token, body: t.completeStore });
    expect(res.status).toBe(201);
    const store = Store.parse(res.body.store);
    expect(store.status).toBe('draft');
    expect(store.wechatId).toBe('xiaolin_home');
    const me = await t.call('GET', '/v1/me', { token });
    expect(me.body.user.roles).toEqual(['shopper', 'vendor']);
  });

  it('refuses anonymous callers with 401 and API keys with 403', async () => {
    expect((await t.call('POST', '/v1/stores', { body: t.completeStore })).status).toBe(401);
    const { storeId, owner } = await t.approvedStore();
    const key = await t.apiKey(owner, storeId);
    const res = await t.call('POST', '/v1/stores', { token: key, body: t.completeStore });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('names every bad field in a 400', async () => {
    const token = await t.signIn('vendor-a');
    const res = await t.call('POST', '/v1/stores', {
      token,
      body: {
        ...t.completeStore,
        name: '<b>店</b>',
        category: 'weapons',
        wechatId: '1bad',
        logoUrl: 'http://insecure.example.com/logo.png',
        miniProgram: { appId: 'wxNOTHEX', productPath: 'pages/goods/detail' },
        extra: true,
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.details.map((d: { path: string[] }) => d.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'name',
        'category',
        'wechatId',
        'logoUrl',
        'miniProgram.appId',
        'miniProgram.productPath',
        '',
      ]),
    );
    expect(res.body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('gives a 400 for a body that is not JSON', async () => {
    const token = await t.signIn('vendor-a');
    const res = await t.call('POST', '/v1/stores', { token, body: '{not json' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});

describe('GET /v1/stores/:storeId', () => {
  it('shows a draft only to its owner and moderators', async () => {
    const owner = await t.signIn('vendor-a');
    const other = await t.signIn('vendor-b');
    const moderator = await t.signIn('mod', ['moderator']);
    const storeId = await t.createStore(owner);
    expect((await t.call('GET', `/v1/stores/${storeId}`)).status).toBe(404);
    expect((await t.call('GET', `/v1/stores/${storeId}`, { token: other })).status).toBe(404);
    expect((await t.call('GET', `/v1/stores/${storeId}`, { token: owner })).status).toBe(200);
    expect((await t.call('GET', `/v1/stores/${storeId}`, { token: moderator })).status).toBe(200);
  });

  it('shows an approved store to anyone, without its contact details', async () => {
    const { storeId, owner } = await t.approvedStore();
    const anon = await t.call('GET', `/v1/stores/${storeId}`);
    expect(anon.status).toBe(200);
    expect(anon.body.store.status).toBe('approved');
    expect(anon.body.store.wechatId).toBeUndefined();
    expect(anon.body.store.review).toBeUndefined();
    const mine = await t.call('GET', `/v1/stores/${storeId}`, { token: owner });
    expect(mine.body.store.wechatId).toBe('xiaolin_home');
  });

  it('answers 404 for a store that does not exist', async () => {
    const res = await t.call('GET', '/v1/stores/st_nope');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('refuses a bad or expired session token with 401', async () => {
    const { storeId } = await t.approvedStore();
    expect((await t.call('GET', `/v1/stores/${storeId}`, { token: 'garbage' })).status).toBe(401);
    const token = await t.signIn('shopper-1');
    t.clock.advance(31 * 24 * 3600 * 1000);
    const res = await t.call('GET', `/v1/stores/${storeId}`, { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});

describe('PATCH /v1/stores/:storeId', () => {
  it('lets the owner edit, and an approved store’s edits show at once', async () => {
    const { storeId, owner } = await t.approvedStore();
    const res = await t.call('PATCH', `/v1/stores/${storeId}`, {
      token: owner,
      body: { name: '小林家居·北欧馆', logoUrl: null },
    });
    expect(res.status).toBe(200);
    expect(res.body.store.name).toBe('小林家居·北欧馆');
    expect(res.body.store.logoUrl).toBeNull();
    expect((await t.call('GET', `/v1/stores/${storeId}`)).body.store.name).toBe('小林家居·北欧馆');
  });

  it('answers 409 to an edit that lost to a concurrent one, and search keeps the winner’s name', async () => {
    const { storeId, owner } = await t.approvedStore();
    const batch = t.db.batch;
    // Another edit lands between this edit's read and its write.
    t.db.batch = async (statements) => {
      t.db.batch = batch;
      t.db.raw
        .prepare("UPDATE stores SET name = '北欧木作工坊', version = version + 1 WHERE id = ?")
        .run(storeId);
      await batch(
        t.deps.search.indexStatements({
          kind: 'store',
          storeId,
          text: { externalId: storeId, title: '北欧木作工坊' },
        }).after,
      );
      return batch(statements);
    };
    const res = await t.call('PATCH', `/v1/stores/${storeId}`, {
      token: owner,
      body: { name: '失败的改名' },
    });
    expect(res.status).toBe(409);
    expect((await t.call('GET', '/v1/search?type=store&q=失败的改名')).body.total).toBe(0);
    expect((await t.call('GET', '/v1/search?type=store&q=木作工坊')).body.total).toBe(1);
  });

  it('audits a change of WeChat ID, and nothing else', async () => {
    const { storeId, owner, moderator } = await t.approvedStore();
    await t.call('PATCH', `/v1/stores/${storeId}`, { token: owner, body: { city: '宁波' } });
    await t.call('PATCH', `/v1/stores/${storeId}`, { token: owner, body: { wechatId: 'xiaolin_new' } });
    const audit = await t.call('GET', '/v1/moderation/audit', { token: moderator });
    const changes = audit.body.items.filter(
      (i: { action: string }) => i.action === 'store.wechat_id_changed',
    );
    expect(changes).toHaveLength(1);
    expect(changes[0].details).toEqual({ from: 'xiaolin_home', to: 'xiaolin_new' });
  });

  it('refuses other vendors (403 on a public store, 404 on a hidden one), moderators, keys and anonymous callers', async () => {
    const { storeId, owner, moderator } = await t.approvedStore();
    const other = await t.signIn('vendor-b');
    const draftId = await t.createStore(owner);
    const key = await t.apiKey(owner, storeId);
    const body = { name: '被篡改的店名' };
    expect((await t.call('PATCH', `/v1/stores/${storeId}`, { body })).status).toBe(401);
    expect((await t.call('PATCH', `/v1/stores/${storeId}`, { token: other, body })).status).toBe(403);
    expect((await t.call('PATCH', `/v1/stores/${draftId}`, { token: other, body })).status).toBe(404);
    expect((await t.call('PATCH', `/v1/stores/${storeId}`, { token: moderator, body })).status).toBe(403);
    expect((await t.call('PATCH', `/v1/stores/${storeId}`, { token: key, body })).status).toBe(403);
  });
});

describe('POST /v1/stores/:storeId/submit', () => {
  it('moves a complete draft to pending review', async () => {
    const owner = await t.signIn('vendor-a');
    const storeId = await t.createStore(owner);
    const res = await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
    expect(res.status).toBe(200);
    expect(res.body.store.status).toBe('pending_review');
    expect(res.body.store.review.submittedAt).toBe(t.clock.now().toISOString());
  });

  it('answers 422 naming what an incomplete store is missing', async () => {
    const owner = await t.signIn('vendor-a');
    const storeId = await t.createStore(owner, {
      description: undefined,
      logoUrl: undefined,
      contactQrUrl: undefined,
    });
    const res = await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('store_incomplete');
    expect(res.body.error.details.map((d: { path: string[] }) => d.path[0]).sort()).toEqual([
      'contactQrUrl',
      'description',
      'logoUrl',
    ]);
  });

  it('refuses to submit a store twice (409) and lets only the owner submit', async () => {
    const owner = await t.signIn('vendor-a');
    const other = await t.signIn('vendor-b');
    const storeId = await t.createStore(owner);
    expect((await t.call('POST', `/v1/stores/${storeId}/submit`)).status).toBe(401);
    expect((await t.call('POST', `/v1/stores/${storeId}/submit`, { token: other })).status).toBe(404);
    expect((await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner })).status).toBe(200);
    const again = await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
  });
});

describe('GET /v1/me/stores', () => {
  it('lists only the caller’s stores, with their review status', async () => {
    const a = await t.signIn('vendor-a');
    const b = await t.signIn('vendor-b');
    await t.createStore(a);
    t.clock.advance(1000);
    await t.createStore(a, { name: '第二家店' });
    await t.createStore(b);
    const res = await t.call('GET', '/v1/me/stores', { token: a });
    expect(res.status).toBe(200);
    expect(res.body.stores.map((s: { name: string }) => s.name)).toEqual(['杭州小林家居馆', '第二家店']);
    expect((await t.call('GET', '/v1/me/stores')).status).toBe(401);
  });
});

describe('GET /v1/categories', () => {
  it('serves the taxonomy with Chinese labels to anyone', async () => {
    const res = await t.call('GET', '/v1/categories');
    expect(res.status).toBe(200);
    expect(res.body.categories).toContainEqual({ id: 'mother_baby', label: '母婴' });
    expect(res.body.categories).toHaveLength(11);
  });
});

describe('store API keys', () => {
  it('shows the secret once, lists keys without it, and a revoked key stops working at once', async () => {
    const { storeId, owner } = await t.approvedStore();
    const created = await t.call('POST', `/v1/stores/${storeId}/api-keys`, {
      token: owner,
      body: { name: 'ERP 同步' },
    });
    expect(created.status).toBe(201);
    const { id, secret, prefix } = created.body.apiKey;
    expect(secret).toMatch(/^mk_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(prefix)).toBe(true);

    const listed = await t.call('GET', `/v1/stores/${storeId}/api-keys`, { token: owner });
    expect(listed.body.apiKeys).toEqual([expect.objectContaining({ id, name: 'ERP 同步', prefix })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const stored = await t.db.kysely.selectFrom('api_keys').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(secret);

    const batch = { upsert: [{ externalId: 'A1', title: '测试商品', price: 100 }] };
    expect(
      (await t.call('POST', `/v1/stores/${storeId}/products/batch`, { token: secret, body: batch })).status,
    ).toBe(200);
    expect((await t.call('DELETE', `/v1/stores/${storeId}/api-keys/${id}`, { token: owner })).status).toBe(
      204,
    );
    const after = await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: secret,
      body: batch,
    });
    expect(after.status).toBe(401);
    expect((await t.call('GET', `/v1/stores/${storeId}/api-keys`, { token: owner })).body.apiKeys).toEqual(
      [],
    );
  });

  it('lets only the owner create, list and revoke keys', async () => {
    const { storeId, owner, moderator } = await t.approvedStore();
    const other = await t.signIn('vendor-b');
    const key = await t.apiKey(owner, storeId);
    const keyId = (await t.call('GET', `/v1/stores/${storeId}/api-keys`, { token: owner })).body.apiKeys[0]
      .id;
    for (const token of [undefined, other, moderator, key]) {
      const expected = token === undefined ? 401 : 403;
      expect((await t.call('POST', `/v1/stores/${storeId}/api-keys`, { token, body: {} })).status).toBe(
        expected,
      );
      expect((await t.call('GET', `/v1/stores/${storeId}/api-keys`, { token })).status).toBe(expected);
      expect((await t.call('DELETE', `/v1/stores/${storeId}/api-keys/${keyId}`, { token })).status).toBe(
        expected,
      );
    }
    expect(
      (await t.call('DELETE', `/v1/stores/${storeId}/api-keys/ak_unknown`, { token: owner })).status,
    ).toBe(404);
  });

  it('creates a key without a body, named by default', async () => {
    const { storeId, owner } = await t.approvedStore();
    const res = await t.call('POST', `/v1/stores/${storeId}/api-keys`, { token: owner });
    expect(res.status).toBe(201);
    expect(res.body.apiKey.name).toBe('API key');
  });
});
