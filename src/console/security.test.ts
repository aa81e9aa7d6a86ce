/** Who may open and post to the console's pages, CSRF, cookies, and escaping of vendors' and shoppers' text. */
import { describe, expect, it } from 'vitest';
import { consoleClient } from '../../test/console-client';
import { testApp } from '../../test/harness';

describe('console access', () => {
  it('sends someone signed out to sign in, and back to the page they wanted', async () => {
    const t = testApp();
    const browser = consoleClient(t);
    const res = await browser.get('/console/stores/st_x/keys?x=1');
    expect(res.status).toBe(303);
    expect(res.location).toBe(
      `/console/sign-in?returnTo=${encodeURIComponent('/console/stores/st_x/keys?x=1')}`,
    );
  });

  it("never shows a vendor another vendor's store pages, nor lets them post to them", async () => {
    const t = testApp();
    const { storeId } = await t.shopWithProduct('vendor-a');
    const other = consoleClient(t);
    await other.signIn('vendor-b');
    for (const page of ['', '/edit', '/keys', '/catalog', '/leads', '/stats']) {
      const res = await other.get(`/console/stores/${storeId}${page}`);
      expect(res.status, page).toBe(404);
      expect(res.html).not.toContain('xiaolin_home');
    }
    await other.get('/console');
    const edit = await other.post(`/console/stores/${storeId}/edit`, {
      name: '被改了',
      category: 'home',
      city: '杭州',
      wechatId: 'hijacker01',
    });
    expect(edit.status).toBe(404);
    const keys = await other.post(`/console/stores/${storeId}/keys`, { name: 'stolen' });
    expect(keys.status).toBe(404);
    const store = await t.call('GET', `/v1/stores/${storeId}`);
    expect(store.body.store.name).toBe(t.completeStore.name);
  });

  it('keeps moderator pages and actions from anyone without the role', async () => {
    const t = testApp();
    const owner = await t.signIn('vendor-a');
    const storeId = await t.createStore(owner);
    await t.call('POST', `/v1/stores/${storeId}/submit`, { token: owner });
    const vendor = consoleClient(t);
    await vendor.signIn('vendor-c');
    for (const page of [
      '/console/review',
      `/console/review/${storeId}`,
      '/console/reports',
      '/console/audit',
    ]) {
      const res = await vendor.get(page);
      expect(res.status, page).toBe(403);
    }
    await vendor.get('/console');
    const decision = await vendor.post(`/console/review/${storeId}/decision`, { action: 'approve' });
    expect(decision.status).toBe(403);
    const store = await t.call('GET', `/v1/stores/${storeId}`, { token: owner });
    expect(store.body.store.status).toBe('pending_review');
  });

  it('refuses a form without a valid CSRF token, and changes nothing', async () => {
    const t = testApp();
    const vendor = consoleClient(t);
    await vendor.signIn('vendor-a');
    const body = { name: '没有令牌的店', category: 'home', city: '杭州', wechatId: 'no_token_1' };
    expect((await vendor.post('/console/stores', { ...body, _csrf: '' })).status).toBe(403);
    expect((await vendor.post('/console/stores', { ...body, _csrf: 'forged-token' })).status).toBe(403);

    // A token from another browser does not fit this browser's cookie.
    const attacker = consoleClient(t);
    await attacker.get('/console/sign-in');
    const theirs = /name="_csrf" value="([^"]+)"/.exec((await attacker.get('/console/sign-in')).html)![1]!;
    expect((await vendor.post('/console/stores', { ...body, _csrf: theirs })).status).toBe(403);

    const token = await t.signIn('vendor-a');
    expect((await t.call('GET', '/v1/me/stores', { token })).body.stores).toHaveLength(0);
    expect((await vendor.post('/console/stores', body)).status).toBe(303);
    expect((await t.call('GET', '/v1/me/stores', { token })).body.stores).toHaveLength(1);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, and sends a strict CSP', async () => {
    const t = testApp();
    const browser = consoleClient(t);
    await browser.get('/console/sign-in');
    const res = await t.app.request('/console/sign-in/dev', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      body: new URLSearchParams({
        _csrf: /name="_csrf" value="([^"]+)"/.exec((await browser.get('/console/sign-in')).html)![1]!,
        openid: 'vendor-a',
      }).toString(),
    });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('jishi_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const page = await t.app.request('/console/sign-in');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
  });

  it('has no dev sign-in when dev login is off', async () => {
    const t = testApp({ devLogin: false });
    const browser = consoleClient(t);
    const page = await browser.get('/console/sign-in');
    expect(page.html).not.toContain('/console/sign-in/dev');
    // No page offers a form, so there is no token to send; and the route itself is gone.
    const res = await browser.post('/console/sign-in/dev', { openid: 'intruder' });
    expect(res.status).toBe(403);
    expect(browser.jar.has('jishi_session')).toBe(false);
  });
});

describe('escaping', () => {
  const evil = `<img src=x onerror="alert('x')">&amp;`;

  it('escapes store names, product titles and report details on every page, even if markup got into the database', async () => {
    const t = testApp();
    const { storeId, productId } = await t.shopWithProduct('vendor-a');
    const shopper = await t.signIn('shopper-1');
    const filed = await t.call('POST', '/v1/reports', {
      token: shopper,
      body: { targetType: 'product', targetId: productId, reason: 'fraud', details: '价格可疑' },
    });
    expect(filed.status).toBe(201);
    await t.call('POST', `/v1/stores/${storeId}/friend-requests`, {
      token: shopper,
      body: { productId, message: '在吗' },
    });
    // Bypass validation, as a bug or an old row might: the pages must still escape.
    t.db.raw.prepare('UPDATE stores SET name = ?').run(evil);
    t.db.raw.prepare('UPDATE products SET title = ?').run(evil);
    t.db.raw.prepare('UPDATE report_filings SET details = ?').run(evil);
    t.db.raw.prepare('UPDATE leads SET message = ?').run(evil);

    const vendor = consoleClient(t);
    await vendor.signIn('vendor-a');
    const moderator = consoleClient(t);
    await moderator.signIn('moderator-1', true);
    const pages = [
      [vendor, '/console'],
      [vendor, `/console/stores/${storeId}`],
      [vendor, `/console/stores/${storeId}/catalog`],
      [vendor, `/console/stores/${storeId}/leads`],
      [moderator, `/console/review?status=approved`],
      [moderator, `/console/review/${storeId}`],
      [moderator, '/console/reports'],
    ] as const;
    for (const [browser, path] of pages) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(200);
      expect(res.html, path).not.toContain('<img src=x');
      expect(res.html, path).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;amp;');
    }
  });
});
