import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/harness';
import { useWeChatEmulator } from '../../../test/loopback';
import { safeReturnTo } from '../../users/return-to';

const wx = useWeChatEmulator();

/** The cookies a response sets, by name, with their attributes as written. */
function setCookies(res: Response): Map<string, string> {
  return new Map(res.headers.getSetCookie().map((line) => [line.slice(0, line.indexOf('=')), line]));
}
const cookieValue = (line: string | undefined) => line?.split(';')[0]?.split('=').slice(1).join('=') ?? '';

/** authorize → the emulator's page → confirm as `openid` → the callback URL WeChat sends the browser to. */
async function throughWeChat(
  t: ReturnType<typeof testApp>,
  returnTo: string,
  openid = 'o-web-1',
  decision = 'allow',
) {
  const start = await t.app.request(`/v1/auth/wechat/web/authorize?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  const page = await fetch(authorize);
  expect(await page.text()).toContain('确认登录');
  const confirm = await fetch(new URL('/connect/confirm', authorize), {
    method: 'POST',
    body: new URLSearchParams({
      appid: authorize.searchParams.get('appid')!,
      redirect_uri: authorize.searchParams.get('redirect_uri')!,
      state: authorize.searchParams.get('state')!,
      openid,
      nickname: '小林',
      decision,
    }),
    redirect: 'manual',
  });
  expect(confirm.status).toBe(302);
  return {
    callback: new URL(confirm.headers.get('location')!),
    stateCookie: cookieValue(setCookies(start).get('jishi_oauth')),
    authorize,
  };
}

const callback = (t: ReturnType<typeof testApp>, url: URL, stateCookie?: string) =>
  t.app.request(
    `${url.pathname}${url.search}`,
    stateCookie ? { headers: { Cookie: `jishi_oauth=${stateCookie}` } } : {},
  );

describe('console sign-in with WeChat (web OAuth)', () => {
  it('takes the browser to WeChat and back signed in, to the page it came from', async () => {
    const t = testApp({ wechatWeb: wx.webLogin() });
    const { callback: url, stateCookie, authorize } = await throughWeChat(t, '/console/stores?tab=keys');
    expect(authorize.pathname).toBe('/connect/qrconnect');
    expect(authorize.searchParams.get('scope')).toBe('snsapi_login');
    expect(authorize.searchParams.get('appid')).toBe(wx.webApp.appId);
    expect(url.pathname).toBe('/v1/auth/wechat/web/callback');

    const res = await callback(t, url, stateCookie);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/console/stores?tab=keys');
    const session = setCookies(res).get('jishi_session')!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    const me = await t.call('GET', '/v1/me', { token: cookieValue(session) });
    expect(me.status).toBe(200);
    expect(me.body.user.nickname).toBe('小林');
  });

  it('refuses a callback without the state cookie, with another state, or used twice', async () => {
    const t = testApp({ wechatWeb: wx.webLogin() });
    const first = await throughWeChat(t, '/console');
    const noCookie = await callback(t, first.callback);
    expect(noCookie.headers.get('location')).toBe('/console/sign-in?error=unauthorized');
    expect(setCookies(noCookie).get('jishi_session')).toBeUndefined();

    const second = await throughWeChat(t, '/console');
    const crossed = await callback(t, second.callback, first.stateCookie);
    expect(crossed.headers.get('location')).toBe('/console/sign-in?error=unauthorized');

    const ok = await callback(t, second.callback, second.stateCookie);
    expect(ok.headers.get('location')).toBe('/console');
    const replay = await callback(t, second.callback, second.stateCookie);
    expect(replay.headers.get('location')).toBe('/console/sign-in?error=wechat_code_used');
  });

  it('comes back signed out when the user cancels on WeChat', async () => {
    const t = testApp({ wechatWeb: wx.webLogin() });
    const { callback: url, stateCookie } = await throughWeChat(t, '/console', 'o-web-2', 'deny');
    expect(url.searchParams.has('code')).toBe(false);
    const res = await callback(t, url, stateCookie);
    expect(res.headers.get('location')).toBe('/console/sign-in?error=unauthorized');
  });

  it('never returns to another origin', async () => {
    const t = testApp({ wechatWeb: wx.webLogin() });
    for (const evil of [
      '//evil.example/x',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const { callback: url, stateCookie } = await throughWeChat(t, evil);
      const res = await callback(t, url, stateCookie);
      expect(res.headers.get('location')).toBe('/console');
    }
  });

  it('uses a Secure __Host- cookie in production', async () => {
    const t = testApp({ wechatWeb: wx.webLogin(), production: true, devLogin: false });
    const start = await t.app.request('/v1/auth/wechat/web/authorize');
    expect(setCookies(start).get('jishi_oauth')).toMatch(/Secure/);
    const code = wx.emulator().issueWebCode('o-web-3');
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const res = await t.app.request(`/v1/auth/wechat/web/callback?code=${code}&state=${state}`, {
      headers: { Cookie: `jishi_oauth=${cookieValue(setCookies(start).get('jishi_oauth'))}` },
    });
    const session = setCookies(res).get('__Host-jishi_session')!;
    expect(session).toMatch(/Secure/);
    expect(session).toMatch(/HttpOnly/);
  });

  it('answers 503 when no website app is configured', async () => {
    const t = testApp();
    const res = await t.call('GET', '/v1/auth/wechat/web/authorize');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('wechat_not_configured');
  });
});

describe('safeReturnTo', () => {
  it('keeps same-origin paths and their query', () => {
    expect(safeReturnTo('/console/stores/st_1?x=1#a')).toBe('/console/stores/st_1?x=1#a');
    expect(safeReturnTo(undefined)).toBe('/console');
  });

  it('never yields anything that leaves the site, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.string().map((s) => `/${s}`),
          fc.string().map((s) => `//${s}`),
        ),
        (raw) => {
          const out = safeReturnTo(raw);
          expect(out.startsWith('/')).toBe(true);
          expect(out.startsWith('//')).toBe(false);
          expect(new URL(out, 'https://site.example').origin).toBe('https://site.example');
        },
      ),
    );
  });
});
