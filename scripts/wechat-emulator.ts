/** Runs the WeChat emulator locally (mini-program sign-in, codes, and the console's web sign-in), for development. */
import { serve } from '@hono/node-server';
import { createWeChatEmulator } from '../src/wechat/emulator';

const port = Number(process.env.WECHAT_EMULATOR_PORT ?? 8788);
const appId = process.env.WECHAT_APP_ID || 'wx0000000000000001';
const appSecret = process.env.WECHAT_APP_SECRET || 'dev-secret';
const webAppId = process.env.WECHAT_WEB_APP_ID || 'wx0000000000000002';
const webAppSecret = process.env.WECHAT_WEB_APP_SECRET || 'dev-web-secret';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`WECHAT_EMULATOR_PORT must be a port number, not ${process.env.WECHAT_EMULATOR_PORT}`);
  process.exit(1);
}

const emulator = createWeChatEmulator({
  apps: [{ appId, appSecret }],
  webApps: [{ appId: webAppId, appSecret: webAppSecret }],
});

serve({ fetch: emulator.app.fetch, hostname: '127.0.0.1', port }, (info) => {
  const base = `http://127.0.0.1:${info.port}`;
  console.log(
    `WeChat emulator for app ${appId} and web app ${webAppId} on ${base}\n` +
      `  serve against it: WECHAT_API_BASE=${base} WECHAT_OPEN_BASE=${base} WECHAT_APP_ID=${appId} WECHAT_APP_SECRET=${appSecret} ` +
      `WECHAT_WEB_APP_ID=${webAppId} WECHAT_WEB_APP_SECRET=${webAppSecret} npm start\n` +
      `  issue a mini-program code: curl -s -X POST ${base}/emulator/codes -H 'content-type: application/json' -d '{"openid":"o-dev-1"}'`,
  );
});
