/** Runs the WeChat code2Session emulator locally, for the service and the mini-program in development. */
import { serve } from '@hono/node-server';
import { createWeChatEmulator } from '../src/wechat/emulator';

const port = Number(process.env.WECHAT_EMULATOR_PORT ?? 8788);
const appId = process.env.WECHAT_APP_ID || 'wx0000000000000001';
const appSecret = process.env.WECHAT_APP_SECRET || 'dev-secret';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`WECHAT_EMULATOR_PORT must be a port number, not ${process.env.WECHAT_EMULATOR_PORT}`);
  process.exit(1);
}

const emulator = createWeChatEmulator({ apps: [{ appId, appSecret }] });

serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port }, (info) => {
  const base = `http://127.0.0.1:${info.port}`;
  console.log(
    `WeChat emulator for app ${appId} on ${base} (set WECHAT_API_BASE=${base}); issue a code with: ` +
      `curl -s -X POST ${base}/emulator/codes -H 'content-type: application/json' -d '{"openid":"o-dev-1"}'`,
  );
});
