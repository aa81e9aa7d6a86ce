/** Moderators' console pages through the real app: review queue and decisions, reports, the audit log. */
import { describe, expect, it } from 'vitest';
import { consoleClient } from '../../test/console-client';
import { product, testApp } from '../../test/harness';

async function pendingStore(t: ReturnType<typeof testApp>, openid: string, name: string) {
  const owner = await t.signIn(openid);
  const storeId = await t.createStore(owner, { name, wechatId: `${openid.replace('-', '_')}_wx` });
  await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
    token: owner,
    body: { upsert: [product(1)] },
  });
  await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
  return { storeId, owner };
}

describe('moderator console', () => {
  it('lists pending stores oldest first and shows one with its owner and a sample of its catalog', async () => {
    const t = testApp();
    const first = await pendingStore(t, 'vendor-a', '先提交的店');
    t.clock.advance(60_000);
    await pendingStore(t, 'vendor-b', '后提交的店');
    const mod = consoleClient(t);
    await mod.signIn('moderator-1', true);
    const queue = await mod.get('/console/review');
    expect(queue.html.indexOf('先提交的店')).toBeLessThan(queue.html.indexOf('后提交的店'));
    const page = await mod.get(`/console/review/${first.storeId}`);
    expect(page.html).toContain('北欧风实木餐桌 1号');
    expect(page.html).toContain('vendor_a_wx');
    expect(page.html).toContain('value="approve"');
    expect(page.html).toContain('value="reject"');
  });

  it('requires a reason to reject, and the vendor sees it; approve and suspend take the store in and out of search', async () => {
    const t = testApp();
    const { storeId } = await pendingStore(t, 'vendor-a', '待审的店');
    const mod = consoleClient(t);
    await mod.signIn('moderator-1', true);
    await mod.get(`/console/review/${storeId}`);
    const noReason = await mod.post(`/console/review/${storeId}/decision`, { action: 'reject', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toMatch(/id="f-reason"[^>]*aria-invalid="true"/);

    const rejected = await mod.post(`/console/review/${storeId}/decision`, {
      action: 'reject',
      reason: 'Logo 模糊，请换清晰的图',
    });
    expect(rejected.status).toBe(303);
    const vendor = consoleClient(t);
    await vendor.signIn('vendor-a');
    const seen = await vendor.get(`/console/stores/${storeId}`);
    expect(seen.html).toContain('Logo 模糊，请换清晰的图');
    expect(seen.html).toContain('修改后重新提交');

    await vendor.post(`/console/stores/${storeId}/submit`);
    await mod.get(`/console/review/${storeId}`);
    await mod.post(`/console/review/${storeId}/decision`, { action: 'approve', reason: '' });
    const q = `/v1/search?q=${encodeURIComponent('餐桌')}`;
    expect((await t.call('GET', q)).body.total).toBe(1);
    await mod.get(`/console/review/${storeId}`);
    await mod.post(`/console/review/${storeId}/decision`, { action: 'suspend', reason: '售假' });
    expect((await t.call('GET', q)).body.total).toBe(0);
  });

  it('takes down a reported product with a note, and the audit log finds it by store, action and date', async () => {
    const t = testApp();
    const { storeId, productId } = await t.shopWithProduct('vendor-a');
    const shopper = await t.signIn('shopper-1');
    await t.call('POST', '/v1/reports', {
      token: shopper,
      body: { targetType: 'product', targetId: productId, reason: 'counterfeit', details: '商标是仿的' },
    });
    const mod = consoleClient(t);
    await mod.signIn('moderator-1', true);
    const queue = await mod.get('/console/reports');
    expect(queue.html).toContain('商标是仿的');
    expect(queue.html).toContain('假冒 1');
    const reportId = /reports\/(rp_\w+)\/resolve/.exec(queue.html)![1]!;
    const noNote = await mod.post(`/console/reports/${reportId}/resolve`, { action: 'takedown', note: '' });
    expect(noNote.status).toBe(400);
    const done = await mod.post(`/console/reports/${reportId}/resolve`, {
      action: 'takedown',
      note: '核实为仿品',
    });
    expect(done.status).toBe(303);
    expect((await t.call('GET', `/v1/products/${productId}`)).status).toBe(404);
    expect((await mod.get('/console/reports?status=resolved')).html).toContain('核实为仿品');

    const day = t.clock.now().toISOString().slice(0, 10);
    const audit = await mod.get(`/console/audit?storeId=${storeId}&from=${day}&to=${day}`);
    expect(audit.html).toContain('store.approve');
    expect(audit.html).toContain('核实为仿品');
    const onlyApprove = await mod.get(`/console/audit?action=store.approve&storeId=${storeId}`);
    expect(onlyApprove.html).toContain('store.approve');
    expect(onlyApprove.html).not.toContain('核实为仿品');
    expect((await mod.get(`/console/audit?storeId=st_nothing`)).html).toContain('没有符合条件的记录');
    const before = await mod.get('/console/audit?to=2026-10-01');
    expect(before.html).toContain('没有符合条件的记录');
    const bad = await mod.get('/console/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/id="f-from"[^>]*aria-invalid="true"/);
  });
});
