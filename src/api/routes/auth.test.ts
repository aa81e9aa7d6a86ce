import { beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from '../../../test/harness';
import { useWeChatEmulator } from '../../../test/loopback';
import { createWeChatClient } from '../../wechat/client';
import type { WeChatEmulator } from '../../wechat/emulator';

const wechat = useWeChatEmulator();
const { wxApp } = wechat;
let emulator: WeChatEmulator;

let t: TestApp;
beforeEach(() => {
  emulator = wechat.emulator();
  t = testApp({ wechat: wechat.client() });
});

const signIn = (code: unknown) => t.call('POST', '/v1/auth/miniprogram', { body: { code } });

describe('POST /v1/auth/miniprogram', () => {
  it('signs a shopper in with a wx.login code, the same user every time', async () => {
    const first = await signIn(emulator.issueCode('o-shopper-1', { unionid: 'u-1' }));
    expect(first.status).toBe(200);
    expect(first.body.user.roles).toEqual(['shopper']);
    const me = await t.call('GET', '/v1/me', { token: first.body.token });
    expect(me.body.user.id).toBe(first.body.user.id);
    const again = await signIn(emulator.issueCode('o-shopper-1'));
    expect(again.body.user.id).toBe(first.body.user.id);
    const row = await t.db.kysely
      .selectFrom('users')
      .selectAll()
      .where('id', '=', first.body.user.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ openid: 'o-shopper-1', unionid: 'u-1' });
    expect(JSON.stringify(first.body)).not.toMatch(/session_?key/i);
  });

  it('maps WeChat’s errors to 401, 403, 429 and 503', async () => {
    const code = emulator.issueCode('o-shopper-2');
    expect((await signIn(code)).status).toBe(200);
    const used = await signIn(code);
    expect([used.status, used.body.error.code]).toEqual([401, 'wechat_code_used']);
    const invalid = await signIn('not-a-code');
    expect([invalid.status, invalid.body.error.code]).toEqual([401, 'wechat_code_invalid']);
    emulator.injectFault(45011);
    const limited = await signIn(emulator.issueCode('o-shopper-2'));
    expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
    expect(limited.headers.get('retry-after')).toBe('60');
    emulator.injectFault(40226);
    const risky = await signIn(emulator.issueCode('o-shopper-2'));
    expect([risky.status, risky.body.error.code]).toEqual([403, 'wechat_risky_user']);
    emulator.injectFault(-1);
    const busy = await signIn(emulator.issueCode('o-shopper-2'));
    expect([busy.status, busy.body.error.code]).toEqual([503, 'wechat_unavailable']);
    expect(busy.headers.get('retry-after')).toBeTruthy();
  });

  it('answers 503 when WeChat cannot be reached, and when no WeChat app is configured', async () => {
    const down = testApp({
      wechat: createWeChatClient({ apiBase: 'http://127.0.0.1:9', ...wxApp, timeoutMs: 500 }),
    });
    const res = await down.call('POST', '/v1/auth/miniprogram', { body: { code: 'abc' } });
    expect([res.status, res.body.error.code]).toEqual([503, 'wechat_unavailable']);
    const unconfigured = testApp({ wechat: null });
    const res2 = await unconfigured.call('POST', '/v1/auth/miniprogram', { body: { code: 'abc' } });
    expect([res2.status, res2.body.error.code]).toEqual([503, 'wechat_not_configured']);
  });

  it('names the code field when it is missing', async () => {
    const res = await t.call('POST', '/v1/auth/miniprogram', { body: {} });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toEqual(['code']);
  });
});

describe('POST /v1/auth/dev', () => {
  it('signs anyone in with the roles asked for while dev login is on', async () => {
    const res = await t.call('POST', '/v1/auth/dev', { body: { openid: 'alice', roles: ['moderator'] } });
    expect(res.status).toBe(200);
    expect(res.body.user.roles).toEqual(['shopper', 'moderator']);
  });

  it('does not exist when dev login is off, or in production whatever the flag says', async () => {
    for (const app of [testApp({ devLogin: false }), testApp({ devLogin: true, production: true })]) {
      const res = await app.call('POST', '/v1/auth/dev', { body: { openid: 'alice', roles: ['moderator'] } });
      expect(res.status).toBe(404);
      expect(await app.db.kysely.selectFrom('users').selectAll().execute()).toEqual([]);
    }
  });
});

describe('GET /v1/me', () => {
  it('needs a session: 401 without, 403 for a store API key', async () => {
    expect((await t.call('GET', '/v1/me')).status).toBe(401);
    const { storeId, owner } = await t.approvedStore();
    const key = await t.apiKey(owner, storeId);
    expect((await t.call('GET', '/v1/me', { token: key })).status).toBe(403);
    expect((await t.call('GET', '/v1/me', { token: owner })).status).toBe(200);
  });

  it('refuses a token signed with another secret', async () => {
    const other = testApp();
    other.deps.config.sessionSecret = 'a-different-secret-a-different-secret-!!';
    const token = await other.signIn('alice');
    expect((await t.call('GET', '/v1/me', { token })).status).toBe(401);
  });
});
