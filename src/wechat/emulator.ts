/**
 * A faithful stand-in for the WeChat APIs we call — code2Session (`GET /sns/jscode2session`), the
 * access token (`GET /cgi-bin/token`) and mini-program codes (`POST /wxa/getwxacodeunlimit`) — with
 * controls for tests and dev.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { base64, CODE_TTL_MS, hex, newCode, randomBytes, wechatError } from './emulator-kit';
import { wechatErrorCodes as E } from './errors';
import { type WebApp, webOAuthEmulator } from './web-oauth-emulator';

export interface EmulatorOptions {
  apps: { appId: string; appSecret: string }[];
  clock?: { now(): Date };
  /** Pages of the released app; with `check_path` on (WeChat's default) other pages answer 41030. */
  publishedPages?: string[];
  /** Website apps for web OAuth (the console's sign-in). */
  webApps?: WebApp[];
}

/** The APIs faults can be injected into. */
export type EmulatedApi = 'code2Session' | 'token' | 'wxacode' | 'webOAuth';

/** What getwxacodeunlimit was asked for, as the emulator understood it. */
export interface WxaCodeCall {
  appId: string;
  scene: string;
  page: string | null;
  envVersion: string;
}

export interface WeChatEmulator {
  /** Serve with any runtime: `app.fetch`, or `app.request()` in tests. */
  app: Hono;
  /** What `wx.login` would give this user; `appId` defaults to the first app. */
  issueCode(openid: string, options?: { unionid?: string; appId?: string }): string;
  /** The next `times` (default 1) calls of `api` (default code2Session) answer with this errcode, in order. */
  injectFault(errcode: number, times?: number, api?: EmulatedApi): void;
  /** What confirming a web sign-in on the phone would give (`appId` defaults to the first web app). */
  issueWebCode(openid: string, options?: { appId?: string; unionid?: string; nickname?: string }): string;
  /** Every access token issued so far answers 42001 from now on. */
  expireAccessTokens(): void;
  /** The mini-program codes made so far, oldest first. */
  wxaCodes: WxaCodeCall[];
}

/** What a successful getwxacodeunlimit answers: a 1×1 PNG, the same every time. */
export const EMULATED_WXACODE_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR42mNgAAAAAgAB5Sfe/AAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

/** An access token is valid for two hours. */
const TOKEN_TTL_S = 7200;

/** WeChat's scene: at most 32 of these characters. */
const SCENE = /^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/** A page path: segments of letters, digits, `_`, `-` and `.`, no leading slash, no query. */
const PAGE = /^[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/;

const IssueCodeBody = z.strictObject({
  openid: z.string().min(1).max(128),
  unionid: z.string().min(1).max(128).optional(),
  appId: z.string().min(1).optional(),
});

const InjectFaultBody = z.strictObject({
  errcode: z
    .number()
    .int()
    .refine((n) => n !== 0, 'must not be 0'),
  times: z.number().int().min(1).max(1000).optional(),
  api: z.enum(['code2Session', 'token', 'wxacode', 'webOAuth']).optional(),
});

const WxaCodeBody = z.object({
  scene: z.string().optional(),
  page: z.string().optional(),
  check_path: z.boolean().optional(),
  env_version: z.string().optional(),
});

interface IssuedCode {
  appId: string;
  openid: string;
  unionid: string | null;
  issuedAt: number;
  used: boolean;
}

export function createWeChatEmulator(options: EmulatorOptions): WeChatEmulator {
  const firstApp = options.apps[0];
  if (!firstApp) throw new Error('The WeChat emulator needs at least one app');
  const secrets = new Map(options.apps.map((a) => [a.appId, a.appSecret]));
  const clock = options.clock ?? { now: () => new Date() };
  const codes = new Map<string, IssuedCode>();
  const tokens = new Map<string, { appId: string; expiresAt: number }>();
  const wxaCodes: WxaCodeCall[] = [];
  const faults: { api: EmulatedApi; errcode: number; remaining: number }[] = [];

  const forgetExpired = (now: number) => {
    for (const [code, issued] of codes) {
      if (now - issued.issuedAt >= CODE_TTL_MS) codes.delete(code);
    }
  };

  const issueCode: WeChatEmulator['issueCode'] = (openid, issue = {}) => {
    const appId = issue.appId ?? firstApp.appId;
    if (!secrets.has(appId)) throw new Error(`The WeChat emulator has no app ${appId}`);
    const now = clock.now().getTime();
    forgetExpired(now);
    const code = newCode();
    codes.set(code, { appId, openid, unionid: issue.unionid ?? null, issuedAt: now, used: false });
    return code;
  };

  const injectFault: WeChatEmulator['injectFault'] = (errcode, times = 1, api = 'code2Session') => {
    faults.push({ api, errcode, remaining: times });
  };

  const nextFault = (api: EmulatedApi): number | null => {
    const index = faults.findIndex((f) => f.api === api);
    const fault = faults[index];
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.splice(index, 1);
    return fault.errcode;
  };

  const expireAccessTokens = () => {
    for (const token of tokens.values()) token.expiresAt = 0;
  };

  /** The app's secret check shared by code2Session and the token: an errcode, or null when they match. */
  const appCheck = (appid: string | undefined, secret: string | undefined): number | null => {
    if (!appid) return E.missingAppId;
    if (!secret) return E.missingAppSecret;
    const known = secrets.get(appid);
    if (known === undefined) return E.invalidAppId;
    return known === secret ? null : E.invalidAppSecret;
  };

  const accessToken = (q: { grant_type?: string; appid?: string; secret?: string }) => {
    const fault = nextFault('token');
    if (fault !== null) return wechatError(fault);
    if (q.grant_type !== 'client_credential') return wechatError(E.invalidGrantType);
    const bad = appCheck(q.appid, q.secret);
    if (bad !== null) return wechatError(bad);
    const token = `emu_${hex(randomBytes(32))}`;
    tokens.set(token, { appId: q.appid!, expiresAt: clock.now().getTime() + TOKEN_TTL_S * 1000 });
    return { access_token: token, expires_in: TOKEN_TTL_S };
  };

  /** An image, or WeChat's JSON error: the checks in the order WeChat makes them. */
  const wxaCode = (accessTokenParam: string | undefined, body: unknown): Uint8Array | object => {
    if (!accessTokenParam) return wechatError(E.missingAccessToken);
    const token = tokens.get(accessTokenParam);
    if (!token) return wechatError(E.invalidCredential);
    if (clock.now().getTime() >= token.expiresAt) return wechatError(E.accessTokenExpired);
    const fault = nextFault('wxacode');
    if (fault !== null) return wechatError(fault);
    const parsed = WxaCodeBody.safeParse(body);
    if (!parsed.success) return wechatError(E.dataFormatError);
    const { scene = '', page, check_path = true, env_version = 'release' } = parsed.data;
    if (scene.length === 0 || scene.length > 32) return wechatError(E.invalidSceneLength);
    if (!SCENE.test(scene)) return wechatError(E.invalidScene);
    if (page !== undefined && !PAGE.test(page)) return wechatError(E.invalidPage);
    if (
      page !== undefined &&
      check_path &&
      options.publishedPages &&
      !options.publishedPages.includes(page)
    ) {
      return wechatError(E.invalidPage);
    }
    if (!['release', 'trial', 'develop'].includes(env_version)) return wechatError(E.invalidArgs);
    wxaCodes.push({ appId: token.appId, scene, page: page ?? null, envVersion: env_version });
    return EMULATED_WXACODE_PNG;
  };

  const code2Session = (q: { appid?: string; secret?: string; js_code?: string }) => {
    const fault = nextFault('code2Session');
    if (fault !== null) return wechatError(fault);
    if (!q.appid) return wechatError(E.missingAppId);
    if (!q.secret) return wechatError(E.missingAppSecret);
    if (!q.js_code) return wechatError(E.missingCode);
    const bad = appCheck(q.appid, q.secret);
    if (bad !== null) return wechatError(bad);
    const issued = codes.get(q.js_code);
    if (!issued || issued.appId !== q.appid) return wechatError(E.invalidCode);
    if (clock.now().getTime() - issued.issuedAt >= CODE_TTL_MS) {
      codes.delete(q.js_code);
      return wechatError(E.invalidCode);
    }
    if (issued.used) return wechatError(E.codeUsed);
    issued.used = true;
    const sessionKey = base64(randomBytes(16));
    return {
      openid: issued.openid,
      session_key: sessionKey,
      ...(issued.unionid === null ? {} : { unionid: issued.unionid }),
    };
  };

  const web = webOAuthEmulator({
    apps: options.webApps ?? [],
    now: () => clock.now().getTime(),
    nextFault: () => nextFault('webOAuth'),
  });

  const badRequest = (error: z.ZodError) => ({
    error: 'invalid_body',
    issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  });

  const app = new Hono()
    .get('/sns/jscode2session', (c) => c.json(code2Session(c.req.query())))
    .get('/cgi-bin/token', (c) => c.json(accessToken(c.req.query())))
    .post('/wxa/getwxacodeunlimit', async (c) => {
      const body = await c.req.json().catch(() => undefined);
      const answer = wxaCode(c.req.query('access_token'), body);
      if (!(answer instanceof Uint8Array)) return c.json(answer);
      return c.body(answer.slice().buffer, 200, { 'content-type': 'image/png' });
    })
    .post('/emulator/codes', async (c) => {
      const parsed = IssueCodeBody.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) return c.json(badRequest(parsed.error), 400);
      const { openid, appId } = parsed.data;
      if (appId !== undefined && !secrets.has(appId)) {
        return c.json({ error: 'unknown_app', issues: [{ path: ['appId'], message: 'no such app' }] }, 400);
      }
      return c.json({ code: issueCode(openid, parsed.data) });
    })
    .post('/emulator/faults', async (c) => {
      const parsed = InjectFaultBody.safeParse(await c.req.json().catch(() => undefined));
      if (!parsed.success) return c.json(badRequest(parsed.error), 400);
      injectFault(parsed.data.errcode, parsed.data.times, parsed.data.api);
      return c.body(null, 204);
    });

  app.route('/', web.routes);
  return { app, issueCode, issueWebCode: web.issueWebCode, injectFault, expireAccessTokens, wxaCodes };
}
