/**
 * The emulator's part for WeChat web OAuth (网站应用微信登录): the authorize page that stands in for
 * scanning WeChat's QR code with a phone, and the code → access_token → userinfo exchange, with
 * WeChat's parameter checks and errcodes.
 */
import { Hono } from 'hono';
import { html } from 'hono/html';
import { hex, newCode, randomBytes, wechatError } from './emulator-kit';
import { wechatErrorCodes as E } from './errors';

export interface WebApp {
  appId: string;
  appSecret: string;
  /** The app's authorised callback domain (授权回调域); any host when absent. */
  callbackHost?: string;
}

interface WebGrant {
  appId: string;
  openid: string;
  unionid: string | null;
  nickname: string;
  issuedAt: number;
  used: boolean;
}

const TOKEN_TTL_S = 7200;
/** A web OAuth code is valid for ten minutes, once. */
const CODE_TTL_MS = 10 * 60 * 1000;

/** WeChat answers a bad authorize request with an error page, not a redirect. */
const errorPage = (message: string) =>
  html`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>微信登录</title><p role="alert">${message}</p></html>`;

export function webOAuthEmulator(options: {
  apps: WebApp[];
  now: () => number;
  nextFault: () => number | null;
}) {
  const apps = new Map(options.apps.map((a) => [a.appId, a]));
  const codes = new Map<string, WebGrant>();
  const tokens = new Map<string, { grant: WebGrant; expiresAt: number }>();

  /** What confirming on the phone gives: a code for this user, valid ten minutes, once. */
  const issueWebCode = (
    openid: string,
    issue: { appId?: string; unionid?: string; nickname?: string } = {},
  ) => {
    const appId = issue.appId ?? options.apps[0]?.appId;
    if (!appId || !apps.has(appId)) throw new Error(`The WeChat emulator has no web app ${appId}`);
    const code = newCode();
    codes.set(code, {
      appId,
      openid,
      unionid: issue.unionid ?? null,
      nickname: issue.nickname ?? `微信用户${openid.slice(-4)}`,
      issuedAt: options.now(),
      used: false,
    });
    return code;
  };

  /** The authorize request's problem, as WeChat words it on its error page; null when it is good. */
  const authorizeProblem = (q: Record<string, string>): string | null => {
    const app = q.appid ? apps.get(q.appid) : undefined;
    if (!app) return 'Appid 参数错误';
    if (q.scope !== 'snsapi_login') return 'Scope 参数错误或没有 Scope 权限';
    let redirect: URL;
    try {
      redirect = new URL(q.redirect_uri ?? '');
    } catch {
      return 'redirect_uri 参数错误';
    }
    if (app.callbackHost && redirect.host !== app.callbackHost) return 'redirect_uri 参数错误';
    return null;
  };

  const accessToken = (q: Record<string, string>) => {
    const fault = options.nextFault();
    if (fault !== null) return wechatError(fault);
    if (!q.appid) return wechatError(E.missingAppId);
    if (!q.secret) return wechatError(E.missingAppSecret);
    if (!q.code) return wechatError(E.missingCode);
    if (q.grant_type !== 'authorization_code') return wechatError(E.invalidGrantType);
    const app = apps.get(q.appid);
    if (!app) return wechatError(E.invalidAppId);
    if (app.appSecret !== q.secret) return wechatError(E.invalidAppSecret);
    const grant = codes.get(q.code);
    if (!grant || grant.appId !== q.appid || options.now() - grant.issuedAt >= CODE_TTL_MS) {
      return wechatError(E.invalidCode);
    }
    if (grant.used) return wechatError(E.codeUsed);
    grant.used = true;
    const token = `emuweb_${hex(randomBytes(32))}`;
    tokens.set(token, { grant, expiresAt: options.now() + TOKEN_TTL_S * 1000 });
    return {
      access_token: token,
      expires_in: TOKEN_TTL_S,
      refresh_token: `emuref_${hex(randomBytes(32))}`,
      openid: grant.openid,
      scope: 'snsapi_login',
      ...(grant.unionid === null ? {} : { unionid: grant.unionid }),
    };
  };

  const userInfo = (q: Record<string, string>) => {
    if (!q.access_token) return wechatError(E.missingAccessToken);
    const token = tokens.get(q.access_token);
    if (!token) return wechatError(E.invalidCredential);
    if (options.now() >= token.expiresAt) return wechatError(E.accessTokenExpired);
    if (q.openid !== token.grant.openid) return wechatError(E.invalidOpenid);
    const { openid, unionid, nickname } = token.grant;
    return {
      openid,
      nickname,
      sex: 0,
      province: '',
      city: '',
      country: '',
      headimgurl: '',
      privilege: [],
      ...(unionid === null ? {} : { unionid }),
    };
  };

  const routes = new Hono()
    .get('/connect/qrconnect', (c) => {
      const q = c.req.query();
      const problem = authorizeProblem(q);
      if (problem) return c.html(errorPage(problem));
      return c.html(html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>微信登录（模拟器）</title></head>
<body style="font-family:sans-serif;max-width:24rem;margin:3rem auto">
<h1>微信登录（模拟器）</h1>
<p>真实环境中，这里是微信的二维码，用手机微信扫码并确认后回到网站。</p>
<form method="post" action="/connect/confirm">
  <input type="hidden" name="appid" value="${q.appid}">
  <input type="hidden" name="redirect_uri" value="${q.redirect_uri}">
  <input type="hidden" name="state" value="${q.state ?? ''}">
  <p><label>openid <input name="openid" value="o-web-vendor" required maxlength="64"></label></p>
  <p><label>昵称 <input name="nickname" value="" maxlength="32"></label></p>
  <p><button name="decision" value="allow">确认登录</button> <button name="decision" value="deny">取消</button></p>
</form></body></html>`);
    })
    .post('/connect/confirm', async (c) => {
      const form = Object.fromEntries(
        Object.entries(await c.req.parseBody()).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
      );
      const problem = authorizeProblem({ ...form, scope: 'snsapi_login' });
      if (problem) return c.html(errorPage(problem));
      const target = new URL(form.redirect_uri!);
      if (form.decision === 'allow' && form.openid) {
        target.searchParams.set(
          'code',
          issueWebCode(form.openid, {
            appId: form.appid!,
            ...(form.nickname ? { nickname: form.nickname } : {}),
          }),
        );
      }
      target.searchParams.set('state', form.state ?? '');
      return c.redirect(target.toString(), 302);
    })
    .get('/sns/oauth2/access_token', (c) => c.json(accessToken(c.req.query())))
    .get('/sns/userinfo', (c) => c.json(userInfo(c.req.query())));

  return { routes, issueWebCode };
}
