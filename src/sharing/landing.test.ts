import { describe, expect, it } from 'vitest';
import { product, testApp } from '../../test/harness';
import { useWeChatEmulator } from '../../test/loopback';

const wx = useWeChatEmulator();

async function shop(t: ReturnType<typeof testApp>) {
  const s = await t.approvedStore();
  await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
    token: s.owner,
    body: { upsert: [product(1), product(2, { status: 'inactive' })] },
  });
  const items = (await t.call('GET', `/v1/stores/${s.storeId}/products`, { token: s.owner })).body.items;
  const id = (n: number) => items.find((p: { externalId: string }) => p.externalId.endsWith(`${n}`)).id;
  return { ...s, live: id(1), inactive: id(2) };
}

const page = async (t: ReturnType<typeof testApp>, path: string) => {
  const res = await t.app.request(path);
  return { status: res.status, html: await res.text(), csp: res.headers.get('content-security-policy') };
};

describe('shared item pages (/p/:id, /s/:id)', () => {
  it('shows a product with its price and store, and the mini-program code to long-press', async () => {
    const t = testApp({ wechat: wx.client() });
    const { live } = await shop(t);
    const res = await page(t, `/p/${live}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('<h1>北欧风实木餐桌 1号 1.4米 橡木原木色</h1>');
    expect(res.html).toContain('¥1299.01');
    expect(res.html).toContain('杭州小林家居馆 · 杭州');
    expect(res.html).toContain(`src="/v1/products/${live}/share-code?kind=wxacode"`);
    expect(res.csp).toMatch(/default-src 'self'/);
  });

  it('shows a store with its products; without WeChat configured it says to search for the mini-program', async () => {
    const t = testApp();
    const { storeId } = await shop(t);
    const res = await page(t, `/s/${storeId}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('<h1>杭州小林家居馆</h1>');
    expect(res.html).toContain('北欧风实木餐桌 1号');
    expect(res.html).not.toContain('北欧风实木餐桌 2号');
    expect(res.html).not.toContain('share-code');
    expect(res.html).toContain('在微信中搜索「集市」小程序');
  });

  it('is a 404 page for what shoppers may not see: inactive products, suspended stores, unknown ids', async () => {
    const t = testApp();
    const { live, inactive, storeId, moderator } = await shop(t);
    expect((await page(t, `/p/${inactive}`)).status).toBe(404);
    expect((await page(t, '/p/pr_nothing')).status).toBe(404);
    await t.call('POST', `/v1/moderation/stores/${storeId}/decision`, {
      token: moderator,
      body: { action: 'suspend', reason: '核查中' },
    });
    expect((await page(t, `/p/${live}`)).status).toBe(404);
    expect((await page(t, `/s/${storeId}`)).status).toBe(404);
  });

  it('escapes what vendors wrote, even if markup got into the database', async () => {
    const t = testApp();
    const { live, storeId } = await shop(t);
    t.db.raw
      .prepare('UPDATE products SET title = ?, description = ?')
      .run('<script>x()</script>', '"><img src=x>');
    t.db.raw.prepare('UPDATE stores SET name = ?').run('<b>店</b>');
    for (const path of [`/p/${live}`, `/s/${storeId}`]) {
      const { html } = await page(t, path);
      expect(html).not.toMatch(/<script>x|<img src=x|<b>店/);
    }
    expect((await page(t, `/p/${live}`)).html).toContain('&lt;script&gt;x()&lt;/script&gt;');
  });
});
