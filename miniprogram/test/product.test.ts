import { describe, expect, it } from 'vitest';
import { useShopper } from './marketplace';
import { type Rendered, text, waitFor } from './pages';

const { market, mp } = useShopper(() => 'shopper-product');

async function openProduct(n: number): Promise<Rendered> {
  const page = mp().open('pages/product/index', { id: market.seeded().home.productIds[n - 1]! });
  await waitFor(() => text(page.querySelector('#product-title')), 'the product');
  return page;
}

describe('product page', () => {
  it('shows the title, price, original price and store, and opens the store', async () => {
    const page = await openProduct(3);
    expect(text(page.querySelector('#product-title'))).toBe('北欧风实木餐桌 3号 1.4米 橡木原木色');
    expect(text(page.querySelector('#product-price'))).toBe('¥1299.03');
    expect(text(page)).toContain('¥1599.03');
    await waitFor(() => page.querySelectorAll('.cell').length === 6, 'more from the store');
    page.querySelector('#product-store')!.dispatchEvent('tap');
    await waitFor(() => mp().wx.records.navigations.at(-1)?.startsWith('/pages/store/'), 'navigation');
    expect(mp().wx.records.navigations.at(-1)).toBe(`/pages/store/index?id=${market.seeded().home.storeId}`);
  });

  it('goes to buy in the vendor’s own mini-program at this product', async () => {
    const page = await openProduct(3);
    page.querySelector('#buy')!.dispatchEvent('tap');
    await waitFor(() => mp().wx.records.jumps.length === 1, 'the jump');
    expect(mp().wx.records.jumps[0]).toEqual({
      appId: 'wx0123456789abcdef',
      path: 'pages/goods/detail?id=SKU-000003',
    });
  });

  it('offers the QR code to long-press, the WeChat ID and the greeting to copy after recording the request', async () => {
    const page = await openProduct(4);
    page.querySelector('#ask-vendor')!.dispatchEvent('tap');
    const sheet = await waitFor(() => page.querySelector('#friend-sheet'), 'the sheet');
    await waitFor(() => sheet.querySelector('#friend-qr'), 'the contact');
    sheet.querySelector('#friend-qr')!.dispatchEvent('tap');
    sheet.querySelector('#copy-wechat-id')!.dispatchEvent('tap');
    sheet.querySelector('#copy-greeting')!.dispatchEvent('tap');
    await waitFor(() => mp().wx.records.clipboard.length === 2, 'copies');

    const qr = 'https://img.example.com/qr/xiaolin.png';
    expect(mp().wx.records.previews.at(-1)).toEqual({ urls: [qr], current: qr });
    expect(mp().wx.records.clipboard).toEqual([
      'xiaolin_home',
      '你好，我在集市看到你的「北欧风实木餐桌 4号 1.4米 橡木原木色」，想了解一下',
    ]);
    expect(mp().wx.records.toasts).toContain('微信号已复制，去微信添加好友');

    sheet.querySelector('.close')!.dispatchEvent('tap');
    await waitFor(() => !page.data.sheetVisible, 'the sheet closed');
  });

  it('files a report with the reason picked', async () => {
    const page = await openProduct(5);
    mp().wx.actionSheetIndex = 0;
    page.querySelector('#report')!.dispatchEvent('tap');
    await waitFor(() => mp().wx.records.toasts.includes('已收到举报，我们会尽快处理'), 'the report');
    const moderator = await market.t().signIn('moderator-1', ['moderator']);
    const queue = await market.t().call('GET', '/v1/moderation/reports', { token: moderator });
    expect(queue.body.items).toEqual([
      expect.objectContaining({
        target: expect.objectContaining({ id: page.data.id }),
        reasons: { counterfeit: 1 },
      }),
    ]);
  });

  it('shares with its title, price and path', async () => {
    const page = await openProduct(6);
    expect(page.instance.onShareAppMessage()).toEqual({
      title: '北欧风实木餐桌 6号 1.4米 橡木原木色 ¥1299.06',
      path: `/pages/product/index?id=${page.data.id}`,
    });
  });

  it('says so when the product is gone', async () => {
    const page = mp().open('pages/product/index', { id: 'pr_gone' });
    await waitFor(() => page.querySelector('#product-error'), 'the error');
    expect(text(page.querySelector('#product-error'))).toBe('内容不存在或已下架');
  });
});
