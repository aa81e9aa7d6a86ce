/** Share codes through the real app: QR codes of marketplace pages, and mini-program codes via the WeChat emulator. */
import { inflateSync } from 'node:zlib';
import { create, toString as renderQr } from 'qrcode';
import { beforeEach, describe, expect, it } from 'vitest';
import { product, type TestApp, testApp } from '../../test/harness';
import { useWeChatEmulator } from '../../test/loopback';
import { EMULATED_WXACODE_PNG } from '../wechat/emulator';
import { parseScene } from './scene';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let t: TestApp;
let shop: { storeId: string; owner: string; moderator: string; productId: string };

async function setUp(app: TestApp) {
  t = app;
  const store = await t.approvedStore();
  await t.call('POST', `/v1/stores/${store.storeId}/products/batch`, {
    token: store.owner,
    body: { upsert: [product(1)] },
  });
  const productId = (await t.call('GET', `/v1/stores/${store.storeId}/products`)).body.items[0].id;
  shop = { ...store, productId };
}

async function image(path: string, token?: string) {
  const res = await t.app.request(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** The dark modules of a 1-bit greyscale PNG from our encoder, read at the centre of each module. */
function modulesOfPng(png: Uint8Array, size: number, margin = 4, scale = 8): boolean[][] {
  const view = new DataView(png.buffer, png.byteOffset);
  const width = view.getUint32(16);
  const idat: Uint8Array[] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    if (String.fromCharCode(...png.subarray(at + 4, at + 8)) === 'IDAT')
      idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  const stride = 1 + Math.ceil(width / 8);
  const dark = (x: number, y: number) => ((pixels[y * stride + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1) === 0;
  expect(width).toBe((size + 2 * margin) * scale);
  expect(dark(0, 0)).toBe(false);
  const centre = (i: number) => (margin + i) * scale + scale / 2;
  return Array.from({ length: size }, (_, r) =>
    Array.from({ length: size }, (_, c) => dark(centre(c), centre(r))),
  );
}

describe('GET /v1/products/:id/share-code and /v1/stores/:storeId/share-code', () => {
  beforeEach(() => setUp(testApp()));

  it('is an SVG QR code of the product’s marketplace page, cacheable', async () => {
    const url = `https://jishi.example.com/p/${shop.productId}`;
    const res = await t.call('GET', `/v1/products/${shop.productId}/share-code`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml');
    expect(res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
    expect(res.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body).toBe(await renderQr(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }));
    expect(res.body).not.toBe(
      await renderQr(`${url}x`, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }),
    );
  });

  it('is a PNG with the same modules as the QR code of the page, on request', async () => {
    const url = `https://jishi.example.com/s/${shop.storeId}`;
    const res = await image(`/v1/stores/${shop.storeId}/share-code?format=png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect([...res.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const { modules } = create(url, { errorCorrectionLevel: 'M' });
    const expected = Array.from({ length: modules.size }, (_, r) =>
      Array.from({ length: modules.size }, (_, c) => Boolean(modules.get(r, c))),
    );
    expect(modulesOfPng(res.bytes, modules.size)).toEqual(expected);
  });

  it('is public for what shoppers can see, whoever asks, and 404 for anything else', async () => {
    const key = await t.apiKey(shop.owner, shop.storeId);
    for (const token of [undefined, await t.signIn('shopper-1'), key, shop.moderator]) {
      expect((await image(`/v1/products/${shop.productId}/share-code`, token)).status).toBe(200);
    }
    const draft = await t.createStore(await t.signIn('vendor-b'));
    expect((await image(`/v1/stores/${draft}/share-code`, shop.moderator)).status).toBe(404);
    expect((await image('/v1/products/pr_missing/share-code')).status).toBe(404);
    await t.db.kysely.updateTable('products').set({ taken_down_at: '2026-11-01T00:00:00Z' }).execute();
    expect((await image(`/v1/products/${shop.productId}/share-code`, shop.owner)).status).toBe(404);
  });

  it('names a bad format or kind in a 400', async () => {
    for (const [query, field] of [
      ['format=gif', 'format'],
      ['kind=barcode', 'kind'],
    ]) {
      const res = await t.call('GET', `/v1/stores/${shop.storeId}/share-code?${query}`);
      expect([res.status, res.body.error.details[0].path]).toEqual([400, [field]]);
    }
  });

  it('answers kind=wxacode with 503 wechat_not_configured when no WeChat app is configured', async () => {
    const res = await t.call('GET', `/v1/products/${shop.productId}/share-code?kind=wxacode`);
    expect([res.status, res.body.error.code]).toEqual([503, 'wechat_not_configured']);
  });
});

describe('GET …/share-code?kind=wxacode with WeChat', () => {
  const wechat = useWeChatEmulator();
  beforeEach(() => setUp(testApp({ wechat: wechat.client() })));

  it('returns WeChat’s image of a code that opens the product page with the product in its scene', async () => {
    const res = await image(`/v1/products/${shop.productId}/share-code?kind=wxacode`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.bytes).toEqual(EMULATED_WXACODE_PNG);
    const call = wechat.emulator().wxaCodes.at(-1)!;
    expect(call).toMatchObject({
      appId: wechat.wxApp.appId,
      page: 'pages/product/index',
      envVersion: 'release',
    });
    expect(call.scene.length).toBeLessThanOrEqual(32);
    expect(parseScene(call.scene)).toEqual({ type: 'product', id: shop.productId });
    const store = await image(`/v1/stores/${shop.storeId}/share-code?kind=wxacode&format=png`);
    expect(store.status).toBe(200);
    expect(parseScene(wechat.emulator().wxaCodes.at(-1)!.scene)).toEqual({ type: 'store', id: shop.storeId });
  });

  it('maps WeChat refusing an over-long scene (40169) to 422 wxacode_rejected', async () => {
    const longId = `pr_${'a'.repeat(40)}`;
    await t.db.kysely.updateTable('products').set({ id: longId }).where('id', '=', shop.productId).execute();
    const res = await t.call('GET', `/v1/products/${longId}/share-code?kind=wxacode`);
    expect([res.status, res.body.error.code]).toEqual([422, 'wxacode_rejected']);
    expect(res.body.error.message).toContain('40169');
  });

  it('maps WeChat’s quota (45009) to 429 and WeChat failing to 503, and refuses an SVG', async () => {
    wechat.emulator().injectFault(45009, 1, 'wxacode');
    const limited = await t.call('GET', `/v1/products/${shop.productId}/share-code?kind=wxacode`);
    expect([limited.status, limited.body.error.code, limited.headers.get('retry-after')]).toEqual([
      429,
      'rate_limited',
      '60',
    ]);
    wechat.emulator().injectFault(-1, 1, 'wxacode');
    const busy = await t.call('GET', `/v1/products/${shop.productId}/share-code?kind=wxacode`);
    expect([busy.status, busy.body.error.code]).toEqual([503, 'wechat_unavailable']);
    const svg = await t.call('GET', `/v1/products/${shop.productId}/share-code?kind=wxacode&format=svg`);
    expect([svg.status, svg.body.error.details[0].path]).toEqual([400, ['format']]);
  });
});
