import { describe, expect, it } from 'vitest';
import { useWeChatEmulator } from '../../test/loopback';
import { createWeChatEmulator } from './emulator';
import { WeChatApiError } from './errors';

const wx = useWeChatEmulator();
const web = {
  appId: 'wx00000000000000bb',
  appSecret: 'emulator-web-secret',
  callbackHost: 'console.example.com',
};

describe('the emulator’s web OAuth', () => {
  const emulator = createWeChatEmulator({
    apps: [{ appId: 'wx00000000000000aa', appSecret: 's' }],
    webApps: [web],
  });
  const get = async (path: string) => emulator.app.request(path);

  it('shows WeChat’s error page for a bad appid, scope or callback domain', async () => {
    const q = (over: Record<string, string>) =>
      new URLSearchParams({
        appid: web.appId,
        redirect_uri: 'https://console.example.com/v1/auth/wechat/web/callback',
        response_type: 'code',
        scope: 'snsapi_login',
        state: 's1',
        ...over,
      });
    expect(await (await get(`/connect/qrconnect?${q({})}`)).text()).toContain('确认登录');
    expect(await (await get(`/connect/qrconnect?${q({ appid: 'wx0000000000000999' })}`)).text()).toContain(
      'Appid 参数错误',
    );
    expect(await (await get(`/connect/qrconnect?${q({ scope: 'snsapi_base' })}`)).text()).toContain(
      'Scope 参数错误',
    );
    const elsewhere = q({ redirect_uri: 'https://evil.example/cb' });
    expect(await (await get(`/connect/qrconnect?${elsewhere}`)).text()).toContain('redirect_uri 参数错误');
  });

  it('answers the token exchange with WeChat’s errcodes', async () => {
    const token = async (over: Record<string, string>) =>
      (await get(
        `/sns/oauth2/access_token?${new URLSearchParams({
          appid: web.appId,
          secret: web.appSecret,
          grant_type: 'authorization_code',
          ...over,
        })}`,
      ).then((r) => r.json())) as Record<string, unknown>;
    expect((await token({})).errcode).toBe(41008);
    expect((await token({ code: 'nope' })).errcode).toBe(40029);
    const code = emulator.issueWebCode('o-1', { unionid: 'u-1' });
    expect((await token({ code, secret: 'wrong' })).errcode).toBe(40125);
    const ok = await token({ code });
    expect(ok).toMatchObject({ openid: 'o-1', unionid: 'u-1', scope: 'snsapi_login', expires_in: 7200 });
    expect((await token({ code })).errcode).toBe(40163);
    const info = (await get(`/sns/userinfo?access_token=${ok.access_token}&openid=o-2`).then((r) =>
      r.json(),
    )) as {
      errcode: number;
    };
    expect(info.errcode).toBe(40003);
  });
});

describe('the web sign-in client', () => {
  it('exchanges a code for the identity and nickname', async () => {
    const code = wx.emulator().issueWebCode('o-web-9', { nickname: '林老板', unionid: 'u-9' });
    expect(await wx.webLogin().exchangeCode(code)).toEqual({
      openid: 'o-web-9',
      unionid: 'u-9',
      nickname: '林老板',
    });
  });

  it('throws WeChat’s errcode for a bad or reused code, and maps injected faults', async () => {
    const login = wx.webLogin();
    await expect(login.exchangeCode('bad')).rejects.toMatchObject({ errcode: 40029 });
    const code = wx.emulator().issueWebCode('o-web-10');
    await login.exchangeCode(code);
    await expect(login.exchangeCode(code)).rejects.toBeInstanceOf(WeChatApiError);
    wx.emulator().injectFault(-1, 1, 'webOAuth');
    await expect(login.exchangeCode(wx.emulator().issueWebCode('o-web-11'))).rejects.toMatchObject({
      errcode: -1,
    });
  });

  it('builds WeChat’s authorize address', () => {
    const url = new URL(wx.webLogin().authorizeUrl('https://console.example.com/cb', 'n0nce'));
    expect(url.pathname).toBe('/connect/qrconnect');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      appid: wx.webApp.appId,
      redirect_uri: 'https://console.example.com/cb',
      response_type: 'code',
      scope: 'snsapi_login',
      state: 'n0nce',
    });
    expect(url.hash).toBe('#wechat_redirect');
  });
});
