/** The emulator answers like WeChat's code2Session, through `app.request()`. */
import { describe, expect, it } from 'vitest';
import { createWeChatEmulator } from './emulator';
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
