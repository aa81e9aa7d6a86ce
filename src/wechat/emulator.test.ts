/** The emulator answers like WeChat's code2Session, access token and getwxacodeunlimit, through `app.request()`. */
import { beforeEach, describe, expect, it } from 'vitest';
import { createWeChatEmulator, EMULATED_WXACODE_PNG } from './emulator';
import { wechatErrorCodes } from './errors';

const appA = { appId: 'wx00000000000000aa', appSecret: 'secret-a' };
const appB = { appId: 'wx00000000000000bb', appSecret: 'secret-b' };

function testClock() {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
  };
}

function setup() {
  const clock = testClock();
  const emulator = createWeChatEmulator({ apps: [appA, appB], clock });
  const code2Session = async (params: Record<string, string>) => {
    const query = new URLSearchParams({ grant_type: 'authorization_code', ...params });
    const res = await emulator.app.request(`/sns/jscode2session?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };
  const exchange = (code: string, app = appA) =>
    code2Session({ appid: app.appId, secret: app.appSecret, js_code: code });
  const postJson = (path: string, body: unknown) =>
    emulator.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { clock, emulator, code2Session, exchange, postJson };
}

describe('WeChat emulator: GET /sns/jscode2session', () => {
  it('turns an issued code into openid, unionid and a 16-byte base64 session_key', async () => {
    const { emulator, exchange } = setup();
    const body = await exchange(emulator.issueCode('o-1', { unionid: 'u-1' }));
    expect(body).toEqual({ openid: 'o-1', unionid: 'u-1', session_key: expect.any(String) });
    expect(atob(body.session_key as string)).toHaveLength(16);
  });

  it('leaves unionid out when the user has none', async () => {
    const { emulator, exchange } = setup();
    const body = await exchange(emulator.issueCode('o-2'));
    expect(Object.keys(body).sort()).toEqual(['openid', 'session_key']);
  });

  it('issues URL-safe codes that are never the same twice', () => {
    const { emulator } = setup();
    const codes = Array.from({ length: 50 }, () => emulator.issueCode('o-1'));
    expect(new Set(codes).size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it.each([
    ['appid', wechatErrorCodes.missingAppId, 'appid missing'],
    ['secret', wechatErrorCodes.missingAppSecret, 'appsecret missing'],
    ['js_code', wechatErrorCodes.missingCode, 'missing code'],
  ])('answers a request without %s with errcode %i', async (param, errcode, errmsg) => {
    const { emulator, code2Session } = setup();
    const params: Record<string, string> = { appid: appA.appId, secret: appA.appSecret };
    params.js_code = emulator.issueCode('o-1');
    delete params[param];
    const body = await code2Session(params);
    expect(body.errcode).toBe(errcode);
    expect(body.errmsg).toMatch(new RegExp(`^${errmsg}, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$`));
  });

  it('answers an unknown appid with 40013 and a wrong secret with 40125', async () => {
    const { emulator, code2Session } = setup();
    const js_code = emulator.issueCode('o-1');
    const unknown = await code2Session({ appid: 'wx-nobody', secret: appA.appSecret, js_code });
    expect(unknown.errcode).toBe(wechatErrorCodes.invalidAppId);
    const wrong = await code2Session({ appid: appA.appId, secret: appB.appSecret, js_code });
    expect(wrong.errcode).toBe(wechatErrorCodes.invalidAppSecret);
  });

  it('answers an unknown code, or a code issued for another app, with 40029', async () => {
    const { emulator, exchange } = setup();
    expect((await exchange('not-a-code')).errcode).toBe(wechatErrorCodes.invalidCode);
    const forB = emulator.issueCode('o-1', { appId: appB.appId });
    expect((await exchange(forB, appA)).errcode).toBe(wechatErrorCodes.invalidCode);
    expect((await exchange(forB, appB)).openid).toBe('o-1');
  });

  it('accepts a code once and answers its second use with 40163', async () => {
    const { emulator, exchange } = setup();
    const code = emulator.issueCode('o-1');
    expect((await exchange(code)).openid).toBe('o-1');
    const again = await exchange(code);
    expect(again.errcode).toBe(wechatErrorCodes.codeUsed);
    expect(again.errmsg).toMatch(/^code been used, rid: /);
  });

  it('accepts a code until five minutes after issue, then answers 40029', async () => {
    const { clock, emulator, exchange } = setup();
    const early = emulator.issueCode('o-1');
    const late = emulator.issueCode('o-2');
    clock.advance(5 * 60_000 - 1);
    expect((await exchange(early)).openid).toBe('o-1');
    clock.advance(1);
    expect((await exchange(late)).errcode).toBe(wechatErrorCodes.invalidCode);
  });

  it('answers injected faults first and in the order injected, each as many times as asked', async () => {
    const { emulator, exchange } = setup();
    emulator.injectFault(wechatErrorCodes.rateLimited, 2);
    emulator.injectFault(wechatErrorCodes.riskyUser);
    emulator.injectFault(wechatErrorCodes.busy);
    const code = emulator.issueCode('o-1');
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await exchange(code));
    expect(answers.map((a) => a.errcode)).toEqual([45011, 45011, 40226, -1]);
    expect(answers.map((a) => String(a.errmsg).split(',')[0])).toEqual([
      'api minute-quota reach limit mustslower retry next minute',
      'api minute-quota reach limit mustslower retry next minute',
      'code blocked',
      'system error',
    ]);
    expect((await exchange(code)).openid).toBe('o-1');
  });
});

describe('WeChat emulator: HTTP controls', () => {
  it('POST /emulator/codes issues a code for the given app and user', async () => {
    const { exchange, postJson } = setup();
    const res = await postJson('/emulator/codes', { openid: 'o-9', unionid: 'u-9', appId: appB.appId });
    expect(res.status).toBe(200);
    const { code } = (await res.json()) as { code: string };
    expect(await exchange(code, appB)).toMatchObject({ openid: 'o-9', unionid: 'u-9' });
  });

  it('POST /emulator/codes rejects a missing openid, an unknown app and a body that is not JSON', async () => {
    const { emulator, postJson } = setup();
    expect((await postJson('/emulator/codes', { unionid: 'u-1' })).status).toBe(400);
    expect((await postJson('/emulator/codes', { openid: 'o-1', appId: 'wx-nobody' })).status).toBe(400);
    const notJson = await emulator.app.request('/emulator/codes', { method: 'POST', body: 'openid=o-1' });
    expect(notJson.status).toBe(400);
  });

  it('POST /emulator/faults injects faults that the next calls answer', async () => {
    const { emulator, exchange, postJson } = setup();
    const res = await postJson('/emulator/faults', { errcode: 40226, times: 2 });
    expect(res.status).toBe(204);
    const code = emulator.issueCode('o-1');
    expect((await exchange(code)).errcode).toBe(40226);
    expect((await exchange(code)).errcode).toBe(40226);
    expect((await exchange(code)).openid).toBe('o-1');
  });

  it('POST /emulator/faults rejects errcode 0, a non-integer errcode and times below 1', async () => {
    const { postJson } = setup();
    for (const body of [{ errcode: 0 }, { errcode: '45011' }, { errcode: 45011, times: 0 }, {}]) {
      expect((await postJson('/emulator/faults', body)).status).toBe(400);
    }
  });
});

describe('WeChat emulator: GET /cgi-bin/token and POST /wxa/getwxacodeunlimit', () => {
  const token = async (params: Record<string, string>) => {
    const res = await setupRef.emulator.app.request(`/cgi-bin/token?${new URLSearchParams(params)}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const tokenFor = async (app = appA) =>
    (await token({ grant_type: 'client_credential', appid: app.appId, secret: app.appSecret }))
      .access_token as string;
  const wxaCode = async (accessToken: string | null, body: unknown) => {
    const query = accessToken === null ? '' : `?access_token=${accessToken}`;
    const res = await setupRef.emulator.app.request(`/wxa/getwxacodeunlimit${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    return type.startsWith('image/')
      ? { type, bytes: new Uint8Array(await res.arrayBuffer()) }
      : { type, json: (await res.json()) as { errcode: number; errmsg: string } };
  };
  let setupRef: ReturnType<typeof setup>;
  beforeEach(() => {
    setupRef = setup();
  });

  it('issues a two-hour access token for the app’s id and secret', async () => {
    const body = await token({ grant_type: 'client_credential', appid: appA.appId, secret: appA.appSecret });
    expect(body).toEqual({ access_token: expect.any(String), expires_in: 7200 });
  });

  it.each([
    [{ grant_type: 'authorization_code', appid: appA.appId, secret: appA.appSecret }, 40002],
    [{ grant_type: 'client_credential', secret: appA.appSecret }, 41002],
    [{ grant_type: 'client_credential', appid: appA.appId }, 41004],
    [{ grant_type: 'client_credential', appid: 'wx-nobody', secret: appA.appSecret }, 40013],
    [{ grant_type: 'client_credential', appid: appA.appId, secret: appB.appSecret }, 40125],
  ])('refuses a token request %j with errcode %i', async (params, errcode) => {
    expect((await token(params)).errcode).toBe(errcode);
  });

  it('answers a valid request with the same small PNG every time and records what was asked', async () => {
    const accessToken = await tokenFor();
    const body = { scene: "p=AZaz09!#$&'()*+,/:;=?@-._~", page: 'pages/product/index', check_path: false };
    const answer = await wxaCode(accessToken, body);
    expect(answer).toEqual({ type: 'image/png', bytes: EMULATED_WXACODE_PNG });
    expect([...EMULATED_WXACODE_PNG.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(setupRef.emulator.wxaCodes).toEqual([
      { appId: appA.appId, scene: body.scene, page: 'pages/product/index', envVersion: 'release' },
    ]);
  });

  it.each([
    ['no access token', null, { scene: 'a=1' }, 41001],
    ['an unknown access token', 'nope', { scene: 'a=1' }, 40001],
    ['a body that is not JSON', 'TOKEN', 'scene=a', 47001],
    ['no scene', 'TOKEN', { page: 'pages/index/index' }, 40169],
    ['a scene of 33 characters', 'TOKEN', { scene: 'x'.repeat(33) }, 40169],
    ['a scene with %', 'TOKEN', { scene: 'q=%E4' }, 40129],
    ['a scene in Chinese', 'TOKEN', { scene: 'q=口红' }, 40129],
    ['a page with a leading slash', 'TOKEN', { scene: 'a=1', page: '/pages/index/index' }, 41030],
    ['a page with a query', 'TOKEN', { scene: 'a=1', page: 'pages/index/index?id=1' }, 41030],
    ['an unknown env_version', 'TOKEN', { scene: 'a=1', env_version: 'beta' }, 40097],
  ])('answers %s with errcode %i', async (_, accessToken, body, errcode) => {
    const real = accessToken === 'TOKEN' ? await tokenFor() : accessToken;
    const answer = await wxaCode(real, body);
    expect(answer.type).toMatch(/^application\/json/);
    expect(answer.json?.errcode).toBe(errcode);
    expect(answer.json?.errmsg).toMatch(/, rid: /);
  });

  it('checks the page against the released app only while check_path is on', async () => {
    const emulator = createWeChatEmulator({ apps: [appA], publishedPages: ['pages/index/index'] });
    const accessToken = (await (
      await emulator.app.request(
        `/cgi-bin/token?grant_type=client_credential&appid=${appA.appId}&secret=${appA.appSecret}`,
      )
    ).json()) as { access_token: string };
    const ask = (body: unknown) =>
      emulator.app.request(`/wxa/getwxacodeunlimit?access_token=${accessToken.access_token}`, {
        method: 'POST',
        body: JSON.stringify(body),
      });
    const unpublished = await ask({ scene: 'a=1', page: 'pages/new/index' });
    expect(((await unpublished.json()) as { errcode: number }).errcode).toBe(41030);
    const unchecked = await ask({ scene: 'a=1', page: 'pages/new/index', check_path: false });
    expect(unchecked.headers.get('content-type')).toBe('image/png');
  });

  it('answers 42001 once a token expires, after two hours or when told to', async () => {
    const early = await tokenFor();
    setupRef.clock.advance(7200 * 1000);
    expect((await wxaCode(early, { scene: 'a=1' })).json?.errcode).toBe(42001);
    const fresh = await tokenFor();
    expect((await wxaCode(fresh, { scene: 'a=1' })).type).toBe('image/png');
    setupRef.emulator.expireAccessTokens();
    expect((await wxaCode(fresh, { scene: 'a=1' })).json?.errcode).toBe(42001);
  });

  it('answers faults injected for an API on that API only', async () => {
    const { emulator, exchange } = setupRef;
    emulator.injectFault(45009, 1, 'wxacode');
    emulator.injectFault(-1, 1, 'token');
    expect((await exchange(emulator.issueCode('o-1'))).openid).toBe('o-1');
    expect(
      (await token({ grant_type: 'client_credential', appid: appA.appId, secret: appA.appSecret })).errcode,
    ).toBe(-1);
    const accessToken = await tokenFor();
    expect((await wxaCode(accessToken, { scene: 'a=1' })).json?.errcode).toBe(45009);
    expect((await wxaCode(accessToken, { scene: 'a=1' })).type).toBe('image/png');
  });
});
