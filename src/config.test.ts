import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to a local run with demo data and dev login on', () => {
    expect(loadConfig({})).toMatchObject({
      production: false,
      port: 8787,
      dataDir: './data',
      demoData: true,
      devLogin: true,
      wechat: null,
      wechatApiBase: 'https://api.weixin.qq.com',
      marketplaceName: '集市',
      searchCacheEntries: 2000,
    });
  });

  it('turns dev login and demo data off in production and requires a session secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    const cfg = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40) });
    expect(cfg).toMatchObject({ production: true, devLogin: false, demoData: false });
  });

  it('refuses to turn dev login on in production', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DEV_LOGIN: 'true' }),
    ).toThrow(/DEV_LOGIN/);
  });

  it('names every bad variable', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DEMO_DATA: 'maybe',
        WECHAT_APP_ID: 'nope',
        WECHAT_API_BASE: 'ftp://x',
        SEARCH_CACHE_ENTRIES: '-1',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      for (const name of ['PORT', 'DEMO_DATA', 'WECHAT_APP_ID', 'WECHAT_API_BASE', 'SEARCH_CACHE_ENTRIES']) {
        expect((error as Error).message).toContain(name);
      }
    }
  });

  it('needs both WeChat credentials or neither', () => {
    expect(() => loadConfig({ WECHAT_APP_ID: 'wx0123456789abcdef' })).toThrow(/WECHAT_APP_SECRET/);
    expect(loadConfig({ WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 'x' }).wechat).toEqual({
      appId: 'wx0123456789abcdef',
      appSecret: 'x',
    });
  });

  it('reads flags in the usual spellings', () => {
    expect(loadConfig({ DEV_LOGIN: 'off', DEMO_DATA: '0' })).toMatchObject({
      devLogin: false,
      demoData: false,
    });
  });
});
