/** The real client against the emulator, and against broken servers, all on loopback. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeChatClient } from './client';
import { createWeChatEmulator, EMULATED_WXACODE_PNG } from './emulator';
import { WeChatApiError, WeChatRequestError, wechatErrorCodes } from './errors';

const wxApp = { appId: 'wx00000000000000aa', appSecret: 'the-secret-s3cr3t' };
const emulator = createWeChatEmulator({ apps: [wxApp] });
const broken = new Hono()
  .get('/html/sns/jscode2session', (c) => c.html('<html><body>502 Bad Gateway</body></html>'))
  .get('/down/sns/jscode2session', (c) => c.json({ errcode: -1, errmsg: 'system error' }, 503))
  .get('/odd/sns/jscode2session', (c) => c.json({ openid: 'o-1' }))
  .get('/odd/cgi-bin/token', (c) => c.json({ access_token: 'odd-token', expires_in: 7200 }))
  .post('/odd/wxa/getwxacodeunlimit', (c) => c.json({ errcode: 0, errmsg: 'ok' }));

let emulatorServer: ServerType;
let brokenServer: ServerType;
let hangingServer: Server;
let emulatorBase: string;
let brokenBase: string;
let hangingBase: string;

const portOf = (server: { address(): unknown }) => (server.address() as AddressInfo).port;
const closed = (server: { close(cb: (err?: Error) => void): unknown }) =>
  new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));

beforeAll(async () => {
  emulatorServer = serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port: 0 });
  brokenServer = serve({ fetch: broken.fetch, hostname: '127.0.0.1', port: 0 });
  hangingServer = createServer(() => {});
  await new Promise<void>((resolve) => hangingServer.listen(0, '127.0.0.1', resolve));
  await Promise.all(
    [emulatorServer, brokenServer].map(
      (s) => new Promise<void>((resolve) => (s.listening ? resolve() : s.once('listening', resolve))),
    ),
  );
  emulatorBase = `http://127.0.0.1:${portOf(emulatorServer)}`;
  brokenBase = `http://127.0.0.1:${portOf(brokenServer)}`;
  hangingBase = `http://127.0.0.1:${portOf(hangingServer)}`;
});

afterAll(async () => {
  hangingServer.closeAllConnections();
  await Promise.all([closed(emulatorServer), closed(brokenServer), closed(hangingServer)]);
});

const client = (apiBase: string, overrides: { appSecret?: string; timeoutMs?: number } = {}) =>
  createWeChatClient({ apiBase, ...wxApp, ...overrides });

async function failure(promise: Promise<unknown>): Promise<Error> {
  const err = await promise.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    expect(String(e)).not.toContain(wxApp.appSecret);
  }
  return err as Error;
}

describe('WeChat client', () => {
  it('returns openid, unionid and session key for a code wx.login gave', async () => {
    const session = await client(emulatorBase).code2Session(emulator.issueCode('o-1', { unionid: 'u-1' }));
    expect(session).toEqual({ openid: 'o-1', unionid: 'u-1', sessionKey: expect.any(String) });
  });

  it('returns a null unionid when WeChat sends none, and copes with a trailing slash in apiBase', async () => {
    const session = await client(`${emulatorBase}/`).code2Session(emulator.issueCode('o-2'));
    expect(session).toMatchObject({ openid: 'o-2', unionid: null });
  });

  it('sends codes with characters that need encoding intact', async () => {
    const err = await failure(client(emulatorBase).code2Session('a&secret=x#b c'));
    expect(err).toBeInstanceOf(WeChatApiError);
    expect((err as WeChatApiError).errcode).toBe(wechatErrorCodes.invalidCode);
  });

  it('turns a used code into WeChatApiError 40163', async () => {
    const code = emulator.issueCode('o-3');
    await client(emulatorBase).code2Session(code);
    const err = await failure(client(emulatorBase).code2Session(code));
    expect(err).toBeInstanceOf(WeChatApiError);
    expect((err as WeChatApiError).errcode).toBe(wechatErrorCodes.codeUsed);
  });

  it.each([wechatErrorCodes.busy, wechatErrorCodes.rateLimited, wechatErrorCodes.riskyUser])(
    'turns errcode %i into a WeChatApiError carrying it',
    async (errcode) => {
      emulator.injectFault(errcode);
      const err = await failure(client(emulatorBase).code2Session(emulator.issueCode('o-4')));
      expect(err).toBeInstanceOf(WeChatApiError);
      expect((err as WeChatApiError).errcode).toBe(errcode);
      expect((err as WeChatApiError).errmsg).not.toBe('');
    },
  );

  it('turns an unknown appid, a wrong secret and an empty code into 40013, 40125 and 41008', async () => {
    const errcodeOf = async (p: Promise<unknown>) => ((await failure(p)) as WeChatApiError).errcode;
    const unknownApp = createWeChatClient({ apiBase: emulatorBase, appId: 'wx-nobody', appSecret: 'x' });
    expect(await errcodeOf(unknownApp.code2Session(emulator.issueCode('o-5')))).toBe(40013);
    const wrongSecret = client(emulatorBase, { appSecret: 'not-the-secret' });
    expect(await errcodeOf(wrongSecret.code2Session(emulator.issueCode('o-5')))).toBe(40125);
    expect(await errcodeOf(client(emulatorBase).code2Session(''))).toBe(41008);
  });

  it('gives a WeChatRequestError when the server never answers', async () => {
    const err = await failure(client(hangingBase, { timeoutMs: 200 }).code2Session('any'));
    expect(err).toBeInstanceOf(WeChatRequestError);
    expect(err.message).toContain('timed out');
  });

  it('gives a WeChatRequestError when nothing listens', async () => {
    const err = await failure(client('http://127.0.0.1:9', { timeoutMs: 2000 }).code2Session('any'));
    expect(err).toBeInstanceOf(WeChatRequestError);
    expect(err.cause).toBeDefined();
  });

  it('gives a WeChatRequestError for an answer that is not JSON', async () => {
    const err = await failure(client(`${brokenBase}/html`).code2Session('any'));
    expect(err).toBeInstanceOf(WeChatRequestError);
  });

  it('gives a WeChatRequestError carrying the status for a non-2xx answer', async () => {
    const err = await failure(client(`${brokenBase}/down`).code2Session('any'));
    expect(err).toBeInstanceOf(WeChatRequestError);
    expect((err as WeChatRequestError).status).toBe(503);
  });

  it('gives a WeChatRequestError for a success without session_key', async () => {
    const err = await failure(client(`${brokenBase}/odd`).code2Session('any'));
    expect(err).toBeInstanceOf(WeChatRequestError);
  });
});

describe('WeChat client: mini-program codes', () => {
  /** A client against the emulator that counts the requests per path and runs on a clock of its own. */
  function counted(overrides: { appSecret?: string } = {}) {
    const calls: string[] = [];
    let now = Date.parse('2026-11-01T08:00:00Z');
    const wx = createWeChatClient({
      apiBase: emulatorBase,
      ...wxApp,
      ...overrides,
      now: () => now,
      fetch: (input, init) => {
        calls.push(new URL(String(input)).pathname);
        return fetch(input, init);
      },
    });
    const tokenCalls = () => calls.filter((p) => p === '/cgi-bin/token').length;
    return { wx, calls, tokenCalls, advance: (ms: number) => (now += ms) };
  }
  const code = { scene: 'p=AAAAAAAAAAAAAAAAAAAAAA', page: 'pages/product/index' };

  it('returns the image WeChat sends, with its content type', async () => {
    const image = await counted().wx.getUnlimitedQrCode(code);
    expect(image).toEqual({ contentType: 'image/png', bytes: EMULATED_WXACODE_PNG });
    expect(emulator.wxaCodes.at(-1)).toMatchObject({ scene: code.scene, page: code.page });
  });

  it('fetches the access token once and keeps it until five minutes before it expires', async () => {
    const { wx, tokenCalls, advance } = counted();
    await Promise.all([wx.getUnlimitedQrCode(code), wx.getUnlimitedQrCode(code)]);
    await wx.getUnlimitedQrCode(code);
    expect(tokenCalls()).toBe(1);
    advance((7200 - 5 * 60) * 1000 - 1);
    await wx.getUnlimitedQrCode(code);
    expect(tokenCalls()).toBe(1);
    advance(1);
    await wx.getUnlimitedQrCode(code);
    expect(tokenCalls()).toBe(2);
  });

  it('fetches a new token and tries once more when WeChat says the token expired (42001) or is stale (40001)', async () => {
    const { wx, tokenCalls } = counted();
    await wx.getUnlimitedQrCode(code);
    emulator.expireAccessTokens();
    expect((await wx.getUnlimitedQrCode(code)).contentType).toBe('image/png');
    expect(tokenCalls()).toBe(2);
    emulator.injectFault(wechatErrorCodes.invalidCredential, 1, 'wxacode');
    expect((await wx.getUnlimitedQrCode(code)).contentType).toBe('image/png');
    expect(tokenCalls()).toBe(3);
  });

  it('gives up after one fresh token when WeChat keeps refusing it', async () => {
    const { wx, calls } = counted();
    emulator.injectFault(wechatErrorCodes.invalidCredential, 2, 'wxacode');
    const err = await failure(wx.getUnlimitedQrCode(code));
    expect((err as WeChatApiError).errcode).toBe(wechatErrorCodes.invalidCredential);
    expect(calls.filter((p) => p === '/wxa/getwxacodeunlimit')).toHaveLength(2);
  });

  it.each([
    ['an over-long scene', { scene: 'x'.repeat(33) }, wechatErrorCodes.invalidSceneLength],
    ['a scene with characters WeChat does not allow', { scene: 'q=口红' }, wechatErrorCodes.invalidScene],
    [
      'a page with a leading slash',
      { scene: 'a=1', page: '/pages/product/index' },
      wechatErrorCodes.invalidPage,
    ],
  ])('turns %s into the WeChatApiError WeChat answers', async (_, request, errcode) => {
    const err = await failure(counted().wx.getUnlimitedQrCode(request));
    expect(err).toBeInstanceOf(WeChatApiError);
    expect((err as WeChatApiError).errcode).toBe(errcode);
  });

  it('turns a refused token request into a WeChatApiError without the secret in it', async () => {
    const err = await failure(counted({ appSecret: 'not-the-secret' }).wx.getUnlimitedQrCode(code));
    expect((err as WeChatApiError).errcode).toBe(wechatErrorCodes.invalidAppSecret);
  });

  it('gives a WeChatRequestError for an answer that is neither an image nor an errcode', async () => {
    const err = await failure(client(`${brokenBase}/odd`).getUnlimitedQrCode(code));
    expect(err).toBeInstanceOf(WeChatRequestError);
  });
});
