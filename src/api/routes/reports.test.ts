import { beforeEach, describe, expect, it } from 'vitest';
import { post, product, type TestApp, testApp } from '../../../test/harness';
import { Report } from '../../reports/schema';

let t: TestApp;
let shop: { storeId: string; owner: string; moderator: string; productId: string; postId: string };

beforeEach(async () => {
  t = testApp();
  const store = await t.approvedStore();
  await t.call('POST', `/v1/stores/${store.storeId}/products/batch`, {
    token: store.owner,
    body: { upsert: [product(1, { title: '高仿名牌手袋 一比一复刻' }), product(2)] },
  });
  await t.call('POST', `/v1/stores/${store.storeId}/posts/batch`, {
    token: store.owner,
    body: { upsert: [post(1)] },
  });
  const productId = (await t.call('GET', `/v1/stores/${store.storeId}/products`)).body.items.find(
    (p: { externalId: string }) => p.externalId === 'SKU-000001',
  ).id;
  const postId = (await t.call('GET', `/v1/stores/${store.storeId}/posts`)).body.items[0].id;
  shop = { ...store, productId, postId };
  t.clock.advance(1000);
});

const report = (token: string | undefined, body: Record<string, unknown>) =>
  t.call('POST', '/v1/reports', { token, body: { reason: 'counterfeit', ...body } });
const reportProduct = (token: string | undefined, details?: string) =>
  report(token, { targetType: 'product', targetId: shop.productId, details });
const resolve = (token: string | undefined, reportId: string, body: unknown) =>
  t.call('POST', `/v1/moderation/reports/${reportId}/resolve`, { token, body });
const queue = async (query = '') => {
  const res = await t.call('GET', `/v1/moderation/reports${query}`, { token: shop.moderator });
  expect(res.status).toBe(200);
  return res.body as { items: Report[]; nextCursor: string | null };
};
/** The audit entries of report resolutions, newest first. */
const auditOf = async () =>
  (await t.call('GET', '/v1/moderation/audit', { token: shop.moderator })).body.items.filter(
    (e: { action: string }) => e.action.startsWith('report.'),
  );

describe('POST /v1/reports', () => {
  it('files a report once per shopper: a repeat returns the open report with 200', async () => {
    const shopper = await t.signIn('shopper-1');
    const first = await reportProduct(shopper, '图片和官网一模一样，价格只要一折');
    expect(first.status).toBe(201);
    expect(first.body.report).toEqual({ id: expect.stringMatching(/^rp_/), status: 'open' });
    const again = await reportProduct(shopper, '再举报一次');
    expect(again.status).toBe(200);
    expect(again.body.report).toEqual(first.body.report);
    t.clock.advance(1000);
    const other = await report(await t.signIn('shopper-2'), {
      targetType: 'product',
      targetId: shop.productId,
      reason: 'fraud',
    });
    expect([other.status, other.body.report.id]).toEqual([201, first.body.report.id]);
    const [item] = (await queue()).items;
    expect(item).toMatchObject({ reporters: 2, reasons: { counterfeit: 1, fraud: 1 } });
    expect(item?.filings.map((f) => f.details)).toEqual([null, '图片和官网一模一样，价格只要一折']);
  });

  it('is for signed-in people: anonymous 401, a store API key 403; shoppers, vendors and moderators may', async () => {
    const key = await t.apiKey(shop.owner, shop.storeId);
    expect((await reportProduct(undefined)).status).toBe(401);
    expect((await reportProduct(key)).status).toBe(403);
    expect((await reportProduct(await t.signIn('shopper-1'))).status).toBe(201);
    expect((await reportProduct(await t.signIn('vendor-b', ['vendor']))).status).toBe(201);
    expect((await reportProduct(shop.moderator)).status).toBe(201);
  });

  it('answers 404 for anything shoppers cannot see', async () => {
    const shopper = await t.signIn('shopper-1');
    const draft = await t.createStore(await t.signIn('vendor-b'));
    await resolveTakedown(shopper, shop.productId);
    for (const [targetType, targetId] of [
      ['product', shop.productId],
      ['product', 'pr_missing'],
      ['post', 'po_missing'],
      ['store', draft],
    ]) {
      const res = await report(shopper, { targetType, targetId });
      expect([targetType, targetId, res.status]).toEqual([targetType, targetId, 404]);
    }
    expect((await report(shopper, { targetType: 'post', targetId: shop.postId })).status).toBe(201);
    expect((await report(shopper, { targetType: 'store', targetId: shop.storeId })).status).toBe(201);
  });

  it('names each bad field in a 400', async () => {
    const shopper = await t.signIn('shopper-1');
    const cases: [Record<string, unknown>, string][] = [
      [{ targetType: 'user', targetId: 'us_1' }, 'targetType'],
      [{ targetType: 'product', targetId: shop.productId, reason: 'ugly' }, 'reason'],
      [{ targetType: 'product', targetId: shop.productId, details: '很'.repeat(1001) }, 'details'],
      [{ targetType: 'product', targetId: shop.productId, details: '<script>x</script>' }, 'details'],
    ];
    for (const [body, field] of cases) {
      const res = await report(shopper, body);
      expect([res.status, res.body.error.details[0].path]).toEqual([400, [field]]);
    }
  });
});

/** Files a report as `shopper` and takes the product down; returns the report id. */
async function resolveTakedown(shopper: string, productId: string) {
  const filed = await report(shopper, { targetType: 'product', targetId: productId });
  const res = await resolve(shop.moderator, filed.body.report.id, { action: 'takedown', note: '假货，下架' });
  expect(res.status).toBe(200);
  return filed.body.report.id as string;
}

describe('GET /v1/moderation/reports', () => {
  it('lists open reports oldest first with a preview of each target, page by page', async () => {
    const shopper = await t.signIn('shopper-1');
    await reportProduct(shopper);
    t.clock.advance(1000);
    await report(shopper, { targetType: 'store', targetId: shop.storeId, reason: 'fraud' });
    const page1 = await queue('?limit=1');
    expect(Report.array().parse(page1.items)).toHaveLength(1);
    expect(page1.items[0]?.target).toEqual({
      type: 'product',
      id: shop.productId,
      preview: {
        title: '高仿名牌手袋 一比一复刻',
        store: {
          id: shop.storeId,
          name: t.completeStore.name,
          city: '杭州',
          logoUrl: t.completeStore.logoUrl,
        },
        price: 129_901,
        currency: 'CNY',
        imageUrl: 'https://img.example.com/p/1.jpg',
        visible: true,
      },
    });
    const page2 = await queue(`?limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items[0]?.target).toMatchObject({ type: 'store', preview: { title: t.completeStore.name } });
    expect(page2.nextCursor).toBeNull();
    expect((await queue('?status=resolved')).items).toEqual([]);
  });

  it('is for moderators only', async () => {
    const key = await t.apiKey(shop.owner, shop.storeId);
    expect((await t.call('GET', '/v1/moderation/reports')).status).toBe(401);
    for (const token of [await t.signIn('shopper-1'), shop.owner, key]) {
      expect((await t.call('GET', '/v1/moderation/reports', { token })).status).toBe(403);
    }
    const bad = await t.call('GET', '/v1/moderation/reports?status=closed', { token: shop.moderator });
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, ['status']]);
  });
});

describe('POST /v1/moderation/reports/:reportId/resolve', () => {
  it('takes a product down: gone from its page, its store’s list and search at once, and audited', async () => {
    const search = async () =>
      (await t.call('GET', '/v1/search?q=手袋')).body.hits.map((h: { id: string }) => h.id);
    const listed = async () =>
      (await t.call('GET', `/v1/stores/${shop.storeId}/products`)).body.items.map(
        (p: { id: string }) => p.id,
      );
    expect(await search()).toEqual([shop.productId]);
    const reportId = await resolveTakedown(await t.signIn('shopper-1'), shop.productId);
    expect((await t.call('GET', `/v1/products/${shop.productId}`)).status).toBe(404);
    expect(await listed()).not.toContain(shop.productId);
    expect(await search()).toEqual([]);
    expect((await t.call('GET', `/v1/products/${shop.productId}`, { token: shop.owner })).status).toBe(200);
    const [entry] = await auditOf();
    expect(entry).toMatchObject({
      action: 'report.takedown',
      target: { type: 'product', id: shop.productId },
      reason: '假货，下架',
      details: { reportId, reporters: 1 },
    });
    const [resolved] = (await queue('?status=resolved')).items;
    expect(resolved).toMatchObject({ id: reportId, status: 'resolved', resolution: { action: 'takedown' } });
    expect(resolved?.target.preview?.visible).toBe(false);
  });

  it('takes a post down', async () => {
    const filed = await report(await t.signIn('shopper-1'), { targetType: 'post', targetId: shop.postId });
    await resolve(shop.moderator, filed.body.report.id, { action: 'takedown', note: '违规内容' });
    expect((await t.call('GET', `/v1/posts/${shop.postId}`)).status).toBe(404);
  });

  it('takes a store down by suspending it, like the decision route', async () => {
    const filed = await report(await t.signIn('shopper-1'), { targetType: 'store', targetId: shop.storeId });
    const res = await resolve(shop.moderator, filed.body.report.id, { action: 'takedown', note: '售卖假货' });
    expect(res.status).toBe(200);
    expect((await t.call('GET', `/v1/stores/${shop.storeId}`)).status).toBe(404);
    expect((await t.call('GET', `/v1/products/${shop.productId}`)).status).toBe(404);
    const store = (await t.call('GET', `/v1/stores/${shop.storeId}`, { token: shop.owner })).body.store;
    expect([store.status, store.review.reason]).toEqual(['suspended', '售卖假货']);
    expect((await auditOf())[0]).toMatchObject({
      action: 'report.takedown',
      target: { type: 'store', id: shop.storeId },
      details: { from: 'approved', to: 'suspended' },
    });
    const reinstate = { action: 'reinstate', reason: '申诉通过' };
    const back = await t.call('POST', `/v1/moderation/stores/${shop.storeId}/decision`, {
      token: shop.moderator,
      body: reinstate,
    });
    expect(back.body.store.status).toBe('approved');
  });

  it('dismisses a report, leaving the target visible; a later report opens a new one', async () => {
    const shopper = await t.signIn('shopper-1');
    const filed = await reportProduct(shopper);
    const res = await resolve(shop.moderator, filed.body.report.id, {
      action: 'dismiss',
      note: '正品，有授权书',
    });
    expect(res.body.report).toMatchObject({ status: 'resolved', resolution: { action: 'dismiss' } });
    expect((await t.call('GET', `/v1/products/${shop.productId}`)).status).toBe(200);
    expect((await auditOf())[0]).toMatchObject({ action: 'report.dismiss', reason: '正品，有授权书' });
    const again = await reportProduct(shopper);
    expect(again.status).toBe(201);
    expect(again.body.report.id).not.toBe(filed.body.report.id);
  });

  it('refuses to resolve twice with 409, and a lost race changes and audits nothing', async () => {
    const filed = await reportProduct(await t.signIn('shopper-1'));
    const id = filed.body.report.id;
    const [a, b] = await Promise.all([
      resolve(shop.moderator, id, { action: 'dismiss', note: '没问题' }),
      resolve(shop.moderator, id, { action: 'takedown', note: '下架' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((a.status === 409 ? a : b).body.error.code).toBe('invalid_transition');
    const takenDown = b.status === 200;
    expect((await t.call('GET', `/v1/products/${shop.productId}`)).status).toBe(takenDown ? 404 : 200);
    expect(await auditOf()).toHaveLength(1);
    expect((await resolve(shop.moderator, id, { action: 'dismiss', note: '再来' })).status).toBe(409);
  });

  it('changes and audits nothing when the store changed between reading and suspending it', async () => {
    const filed = await report(await t.signIn('shopper-1'), { targetType: 'store', targetId: shop.storeId });
    const batch = t.db.batch;
    t.db.batch = async (queries) => {
      t.db.batch = batch;
      t.db.raw
        .prepare("UPDATE stores SET city = '苏州', version = version + 1 WHERE id = ?")
        .run(shop.storeId);
      return batch(queries);
    };
    const res = await resolve(shop.moderator, filed.body.report.id, { action: 'takedown', note: '售假' });
    expect([res.status, res.body.error.code]).toEqual([409, 'conflict']);
    const store = (await t.call('GET', `/v1/stores/${shop.storeId}`)).body.store;
    expect([store.status, store.city]).toEqual(['approved', '苏州']);
    expect((await queue()).items.map((r) => r.id)).toEqual([filed.body.report.id]);
    expect(await auditOf()).toEqual([]);
    const retry = await resolve(shop.moderator, filed.body.report.id, { action: 'takedown', note: '售假' });
    expect(retry.status).toBe(200);
  });

  it('is for moderators only, not about their own store, and names bad input', async () => {
    const id = (await reportProduct(await t.signIn('shopper-1'))).body.report.id;
    const key = await t.apiKey(shop.owner, shop.storeId);
    const body = { action: 'dismiss', note: '没问题' };
    expect((await resolve(undefined, id, body)).status).toBe(401);
    for (const token of [await t.signIn('shopper-2'), shop.owner, key]) {
      expect((await resolve(token, id, body)).status).toBe(403);
    }
    expect((await resolve(await t.signIn('vendor-a', ['moderator']), id, body)).status).toBe(403);
    expect((await resolve(shop.moderator, 'rp_missing', body)).status).toBe(404);
    const noNote = await resolve(shop.moderator, id, { action: 'dismiss' });
    expect([noNote.status, noNote.body.error.details[0].path]).toEqual([400, ['note']]);
    const badAction = await resolve(shop.moderator, id, { action: 'delete', note: 'x' });
    expect([badAction.status, badAction.body.error.details[0].path]).toEqual([400, ['action']]);
  });
});
