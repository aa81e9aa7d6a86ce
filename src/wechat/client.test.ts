/** The real client against the emulator, and against broken servers, all on loopback. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeChatClient } from './client';
import { createWeChatEmulator } from './emulator';
import { WeChatApiError, WeChatRequestError, wechatErrorCodes } from './errors';

const wxApp = { appId: 'wx00000000000000aa', appSecret: 'the-secret-s3cr3t' };
const emulator = createWeChatEmulator({ apps: [wxApp] });
const broken = new Hono()
  .get('/html/sns/jscode2session', (c) => c.html('<html><body>502 Bad Gateway</body></html>'))
  .get('/down/sns/jscode2session', (c) => c.json({ errcode: -1, errmsg: 'system error' }, 503))
  .get('/odd/sns/jscode2session', (c) => c.json({ openid: 'o-1' }));

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
