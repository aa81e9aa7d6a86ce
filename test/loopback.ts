/** Serves a fetch handler on a free loopback port for a test, e.g. the WeChat emulator. */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll } from 'vitest';
import { createWeChatClient } from '../src/wechat/client';
import { createWeChatEmulator, type WeChatEmulator } from '../src/wechat/emulator';
import { createWeChatWebLogin } from '../src/wechat/web-login';

export async function serveOnLoopback(fetch: (request: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The WeChat emulator on loopback for the enclosing tests (started before them, stopped after),
 * with a real client pointed at it.
 */
export function useWeChatEmulator() {
  const wxApp = { appId: 'wx00000000000000aa', appSecret: 'emulator-secret' };
  const webApp = { appId: 'wx00000000000000bb', appSecret: 'emulator-web-secret' };
  const state: { emulator?: WeChatEmulator; loopback?: Awaited<ReturnType<typeof serveOnLoopback>> } = {};
  beforeAll(async () => {
    state.emulator = createWeChatEmulator({ apps: [wxApp], webApps: [webApp] });
    state.loopback = await serveOnLoopback(state.emulator.app.fetch);
  });
  afterAll(() => state.loopback?.close());
  return {
    wxApp,
    webApp,
    emulator: () => state.emulator!,
    apiBase: () => state.loopback!.url,
    client: (options: { timeoutMs?: number } = {}) =>
      createWeChatClient({ apiBase: state.loopback!.url, ...wxApp, ...options }),
    /** The console's web sign-in, pointed at the emulator for both WeChat hosts. */
    webLogin: () =>
      createWeChatWebLogin({ apiBase: state.loopback!.url, openBase: state.loopback!.url, ...webApp }),
  };
}
