/**
 * The console end to end in a real browser: WeChat sign-in through the emulator, a vendor onboarding
 * a store, a moderator reviewing it, a catalog pushed with an API key, suspension and rejection.
 * Screenshots of the main pages land in test-artifacts/console/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertUserByOpenid } from '../../src/users/users';
import { browserTestsRun, launchChromium, screenshot } from '../browser';
import { product, testApp } from '../harness';
import { serveOnLoopback, useWeChatEmulator } from '../loopback';

const wx = useWeChatEmulator();

describe.runIf(browserTestsRun)('console in Chromium', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveOnLoopback>>;
  let t: ReturnType<typeof testApp>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = testApp({ wechatWeb: wx.webLogin(), devLogin: false });
    site = await serveOnLoopback(t.app.fetch);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** A fresh browser signed in with WeChat as `openid`, through the emulator's confirm page. */
  async function signInWithWeChat(openid: string, shots?: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1100, height: 800 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${site.url}/console`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/sign-in');
    if (shots) await screenshot(page, 'console', shots);
    await page.getByRole('link', { name: '微信扫码登录' }).click();
    await page.getByLabel('openid').fill(openid);
    await page.getByRole('button', { name: '确认登录' }).click();
    await page.waitForURL(`${site.url}/console`);
    return page;
  }

  async function fillStore(page: Page, fields: { name: string; wechatId: string; appId: string }) {
    await page.getByLabel('店铺名称').fill(fields.name);
    await page.getByLabel('店铺介绍').fill('专注北欧风家居好物，十年老店，支持七天无理由退换。');
    await page.getByLabel('经营类目').selectOption('home');
    await page.getByLabel('所在城市').fill('杭州');
    await page.getByLabel('微信号').fill(fields.wechatId);
    await page.getByLabel('微信二维码图片地址').fill('https://img.example.com/qr.png');
    await page.getByLabel('店铺 Logo 地址').fill('https://img.example.com/logo.png');
    await page.getByLabel('小程序 AppID').fill(fields.appId);
    await page.getByLabel('商品页路径模板').fill('pages/goods/detail?id={externalId}');
  }

  async function createAndSubmit(page: Page, name: string, wechatId: string, shots?: string) {
    await page.getByRole('link', { name: '入驻新店铺' }).click();
    await fillStore(page, { name, wechatId, appId: 'wx-bad' });
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByText('must be wx followed by 16 hex digits').isVisible()).toBe(true);
    if (shots) await screenshot(page, 'console', `${shots}-field-errors`);
    await page.getByLabel('小程序 AppID').fill('wx0123456789abcdef');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByText('已提交审核').isVisible()).toBe(true);
    return /\/console\/stores\/(st_\w+)/.exec(page.url())![1]!;
  }

  async function decide(moderator: Page, storeName: string, status: string, action: string, reason = '') {
    await moderator.goto(`${site.url}/console/review?status=${status}`);
    await moderator.getByRole('link', { name: storeName }).click();
    if (reason) await moderator.getByLabel('理由').fill(reason);
    await moderator.getByRole('button', { name: action }).click();
    await expect.poll(() => moderator.getByText('已处理。').isVisible()).toBe(true);
  }

  const searchTotal = async (q: string) =>
    ((await (await fetch(`${site.url}/v1/search?q=${encodeURIComponent(q)}`)).json()) as { total: number })
      .total;

  it('takes a store from sign-up through review, catalog sync, suspension and rejection', async () => {
    const vendor = await signInWithWeChat('o-web-vendor', 'sign-in');
    await expect.poll(() => vendor.getByText('你还没有店铺').isVisible()).toBe(true);
    const storeId = await createAndSubmit(vendor, '杭州小林家居馆', 'xiaolin_home', 'store-form');
    await screenshot(vendor, 'console', 'store-submitted');

    await upsertUserByOpenid(t.db, t.clock.now(), 'web:o-web-moderator', { grant: ['moderator'] });
    const moderator = await signInWithWeChat('o-web-moderator');
    await moderator.getByRole('link', { name: '入驻审核' }).click();
    await moderator.getByRole('link', { name: '杭州小林家居馆' }).click();
    await screenshot(moderator, 'console', 'review-store');
    await moderator.getByRole('button', { name: '通过' }).click();
    await expect.poll(() => moderator.getByText('已处理。').isVisible()).toBe(true);

    await vendor.goto(`${site.url}/console/stores/${storeId}`);
    await vendor.getByRole('link', { name: 'API 密钥' }).click();
    await vendor.getByLabel('密钥名称').fill('ERP');
    await vendor.getByRole('button', { name: '创建密钥' }).click();
    const secret = (await vendor.getByTestId('new-secret').textContent())!.trim();
    expect(secret).toMatch(/^mk_/);
    await screenshot(vendor, 'console', 'api-key-created');

    const pushed = await fetch(`${site.url}/v1/stores/${storeId}/products/batch`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ upsert: [product(1), product(2, { title: '橡木书架 五层 可调节' })] }),
    });
    expect(((await pushed.json()) as { upserted: number }).upserted).toBe(2);

    await vendor.getByRole('link', { name: '商品与动态' }).click();
    await expect
      .poll(() => vendor.getByRole('cell', { name: '橡木书架 五层 可调节' }).isVisible())
      .toBe(true);
    await expect.poll(() => vendor.getByRole('cell', { name: '✓ 顾客可见' }).count()).toBe(2);
    await screenshot(vendor, 'console', 'catalog');
    expect(await searchTotal('书架')).toBe(1);

    await decide(moderator, '杭州小林家居馆', 'approved', '暂停店铺', '多名顾客反映售假，暂停核查');
    expect(await searchTotal('书架')).toBe(0);
    await vendor.goto(`${site.url}/console/stores/${storeId}`);
    await expect
      .poll(() => vendor.getByTestId('review-reason').textContent())
      .toBe('多名顾客反映售假，暂停核查');

    await vendor.goto(`${site.url}/console`);
    await createAndSubmit(vendor, '小林的第二家店', 'xiaolin_two');
    await decide(moderator, '小林的第二家店', 'pending_review', '驳回', 'Logo 与店铺名称不符，请更换');
    await vendor.goto(`${site.url}/console`);
    await vendor.getByRole('link', { name: '小林的第二家店' }).click();
    await expect
      .poll(() => vendor.getByTestId('review-reason').textContent())
      .toBe('Logo 与店铺名称不符，请更换');
    await expect.poll(() => vendor.getByRole('button', { name: '修改后重新提交' }).isVisible()).toBe(true);
    await screenshot(vendor, 'console', 'store-rejected');

    await moderator.goto(`${site.url}/console/audit?storeId=${storeId}`);
    await expect.poll(() => moderator.getByText('store.suspend').isVisible()).toBe(true);
    await screenshot(moderator, 'console', 'audit');

    await vendor.setViewportSize({ width: 390, height: 844 });
    await vendor.goto(`${site.url}/console/stores/${storeId}/catalog`);
    await screenshot(vendor, 'console', 'catalog-mobile');
  });

  it('shows where the keyboard focus is, starting with a skip link', async () => {
    const vendor = await signInWithWeChat('o-web-keyboard');
    await vendor.goto(`${site.url}/console/stores/new`);
    await vendor.keyboard.press('Tab');
    const skip = await vendor.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return {
        text: el.textContent,
        outline: getComputedStyle(el).outlineStyle,
        left: el.getBoundingClientRect().left,
      };
    });
    expect(skip).toEqual({ text: '跳到正文', outline: 'solid', left: 16 });
    await vendor.keyboard.press('Tab');
    expect(await vendor.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
  });
});
