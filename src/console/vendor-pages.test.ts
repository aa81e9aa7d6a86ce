/** A vendor's console pages through the real app: forms in, the same rules as the API out. */
import { describe, expect, it } from 'vitest';
import { consoleClient } from '../../test/console-client';
import { product, testApp } from '../../test/harness';

const storeForm = {
  name: '杭州小林家居馆',
  description: '专注北欧风家居好物，十年老店。',
  category: 'home',
  city: '杭州',
  wechatId: 'xiaolin_home',
  contactQrUrl: 'https://img.example.com/qr.png',
  logoUrl: 'https://img.example.com/logo.png',
  'miniProgram.appId': 'wx0123456789abcdef',
  'miniProgram.homePath': '',
  'miniProgram.productPath': 'pages/goods/detail?id={externalId}',
  'location.lat': '',
  'location.lng': '',
};

async function vendorWithStore(t: ReturnType<typeof testApp>, fields: Record<string, string> = storeForm) {
  const vendor = consoleClient(t);
  await vendor.signIn('vendor-a');
  await vendor.get('/console/stores/new');
  const created = await vendor.post('/console/stores', fields);
  expect(created.status).toBe(303);
  const storeId = /\/console\/stores\/(st_\w+)/.exec(created.location!)![1]!;
  return { vendor, storeId };
}

describe('vendor console', () => {
  it('shows the validation errors beside the fields they name and keeps what was typed', async () => {
    const t = testApp();
    const vendor = consoleClient(t);
    await vendor.signIn('vendor-a');
    await vendor.get('/console/stores/new');
    const res = await vendor.post('/console/stores', {
      ...storeForm,
      name: '好',
      'miniProgram.appId': 'not-an-app-id',
      'location.lat': 'north',
      'location.lng': '120',
    });
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/id="f-name"[^>]*aria-invalid="true"/);
    expect(res.html).toMatch(/id="f-miniProgram-appId"[^>]*aria-invalid="true"/);
    expect(res.html).toContain('id="f-miniProgram-appId-error">must be wx followed by 16 hex digits');
    expect(res.html).toMatch(/id="f-location-lat"[^>]*aria-invalid="true"/);
    expect(res.html).toContain('value="not-an-app-id"');
    expect(res.html).not.toMatch(/id="f-city"[^>]*aria-invalid/);
    const token = await t.signIn('vendor-a');
    expect((await t.call('GET', '/v1/me/stores', { token })).body.stores).toHaveLength(0);
  });

  it('creates a store, names what a review still needs, then submits it once complete', async () => {
    const t = testApp();
    const { vendor, storeId } = await vendorWithStore(t, { ...storeForm, logoUrl: '', contactQrUrl: '' });
    const incomplete = await vendor.post(`/console/stores/${storeId}/submit`);
    expect(incomplete.status).toBe(422);
    expect(incomplete.html).toContain('店铺 Logo 地址');
    expect(incomplete.html).toContain('微信二维码图片地址');

    const saved = await vendor.post(`/console/stores/${storeId}/edit`, storeForm);
    expect(saved.status).toBe(303);
    const submitted = await vendor.post(`/console/stores/${storeId}/submit`);
    expect(submitted.location).toBe(`/console/stores/${storeId}?flash=submitted`);
    const page = await vendor.get(submitted.location!);
    expect(page.html).toContain('审核中');
    const token = await t.signIn('vendor-a');
    const store = (await t.call('GET', `/v1/stores/${storeId}`, { token })).body.store;
    expect(store.status).toBe('pending_review');
    expect(store.miniProgram).toEqual({
      appId: 'wx0123456789abcdef',
      homePath: null,
      productPath: 'pages/goods/detail?id={externalId}',
    });
  });

  it('clears an optional field that is emptied on edit', async () => {
    const t = testApp();
    const { vendor, storeId } = await vendorWithStore(t);
    await vendor.get(`/console/stores/${storeId}/edit`);
    await vendor.post(`/console/stores/${storeId}/edit`, {
      ...storeForm,
      'miniProgram.appId': '',
      'miniProgram.productPath': '',
    });
    const token = await t.signIn('vendor-a');
    expect((await t.call('GET', `/v1/stores/${storeId}`, { token })).body.store.miniProgram).toBeNull();
  });

  it('shows a new API key once, with an example request, and revokes it', async () => {
    const t = testApp();
    const { storeId } = await t.approvedStore('vendor-a');
    const vendor = consoleClient(t);
    await vendor.signIn('vendor-a');
    await vendor.get(`/console/stores/${storeId}/keys`);
    const created = await vendor.post(`/console/stores/${storeId}/keys`, { name: 'ERP 同步' });
    expect(created.status).toBe(201);
    const secret = /data-testid="new-secret">(mk_[\w-]+)</.exec(created.html)![1]!;
    expect(created.html).toContain(`/v1/stores/${storeId}/products/batch`);
    expect(created.html).toContain(`Authorization: Bearer ${secret}`);
    const push = await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: secret,
      body: { upsert: [product(1)] },
    });
    expect(push.body.upserted).toBe(1);

    const listed = await vendor.get(`/console/stores/${storeId}/keys`);
    expect(listed.html).toContain('ERP 同步');
    expect(listed.html).not.toContain(secret);
    const keyId = /keys\/(ak_\w+)\/revoke/.exec(listed.html)![1]!;
    const revoked = await vendor.post(`/console/stores/${storeId}/keys/${keyId}/revoke`);
    expect(revoked.status).toBe(303);
    const after = await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: secret,
      body: { upsert: [product(2)] },
    });
    expect(after.status).toBe(401);
  });

  it('uploads a CSV through the batch ingest, naming the bad rows and storing the good ones', async () => {
    const t = testApp();
    const { storeId } = await t.approvedStore('vendor-a');
    const vendor = consoleClient(t);
    await vendor.signIn('vendor-a');
    await vendor.get(`/console/stores/${storeId}/catalog`);
    const csv =
      'externalId,title,price,images\nA1,北欧风实木餐桌,129900,https://img.example.com/a.jpg\nA2,没有价格的椅子,,\nA3,橡木书架,45900,\n';
    const form = new FormData();
    form.set('kind', 'product');
    form.set('file', new File([csv], 'items.csv', { type: 'text/csv' }));
    const res = await vendor.postMultipart(`/console/stores/${storeId}/catalog/upload`, form);
    expect(res.status).toBe(200);
    expect(res.html).toContain('已保存 2 条，1 条有错误。');
    expect(res.html).toContain('第 2 行（A2）');
    expect(res.html).toContain('price');
    const listed = await vendor.get(`/console/stores/${storeId}/catalog?q=${encodeURIComponent('餐桌')}`);
    expect(listed.html).toContain('北欧风实木餐桌');
    expect(listed.html).not.toContain('橡木书架');
    expect(listed.html).toContain('✓ 顾客可见');
    const search = await t.call('GET', `/v1/search?q=${encodeURIComponent('书架')}`);
    expect(search.body.hits.map((h: any) => h.externalId)).toEqual(['A3']);
  });

  it('says why a product is not live', async () => {
    const t = testApp();
    const owner = await t.signIn('vendor-a');
    const storeId = await t.createStore(owner);
    await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert: [product(1), product(2, { status: 'inactive' })] },
    });
    const vendor = consoleClient(t);
    await vendor.signIn('vendor-a');
    const page = await vendor.get(`/console/stores/${storeId}/catalog`);
    expect(page.html.match(/未上线（店铺未上线）/g)).toHaveLength(2);
  });

  it('lists leads and moves them along, and charts views and friend-adds for 30 days', async () => {
    const t = testApp();
    const { storeId, productId } = await t.shopWithProduct('vendor-a');
    const shopper = await t.signIn('shopper-1');
    await t.call('GET', `/v1/products/${productId}`);
    await t.call('POST', `/v1/stores/${storeId}/friend-requests`, {
      token: shopper,
      body: { productId, message: '有现货吗' },
    });
    await t.deps.engagement.flushIfDue(t.db, t.clock.now(), true);

    const vendor = consoleClient(t);
    await vendor.signIn('vendor-a');
    const inbox = await vendor.get(`/console/stores/${storeId}/leads`);
    expect(inbox.html).toContain('有现货吗');
    expect(inbox.html).toContain('新咨询');
    const leadId = /leads\/(ld_\w+)/.exec(inbox.html)![1]!;
    await vendor.post(`/console/stores/${storeId}/leads/${leadId}`, { status: 'contacted' });
    const contacted = await vendor.get(`/console/stores/${storeId}/leads?status=contacted`);
    expect(contacted.html).toContain('有现货吗');
    expect((await vendor.get(`/console/stores/${storeId}/leads?status=new`)).html).toContain('还没有咨询');

    const stats = await vendor.get(`/console/stores/${storeId}/stats`);
    expect(stats.html).toContain('共 1 次浏览，1 次加好友。');
    expect(stats.html.match(/<rect /g)).toHaveLength(30);
  });
});
