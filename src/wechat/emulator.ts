/** A faithful stand-in for WeChat's code2Session (`GET /sns/jscode2session`), with controls for tests and dev. */
import { Hono } from 'hono';
import { z } from 'zod';
import { wechatErrorCodes as E } from './errors';

export interface EmulatorOptions {
  apps: { appId: string; appSecret: string }[];
  clock?: { now(): Date };
}

export interface WeChatEmulator {
  /** Serve with any runtime: `app.fetch`, or `app.request()` in tests. */
  app: Hono;
  /** What `wx.login` would give this user; `appId` defaults to the first app. */
  issueCode(openid: string, options?: { unionid?: string; appId?: string }): string;
  /** The next `times` (default 1) code2Session calls answer with this errcode, in the order injected. */
  injectFault(errcode: number, times?: number): void;
}

/** A `wx.login` code is valid for five minutes. */
const CODE_TTL_MS = 5 * 60 * 1000;

/** WeChat's own errmsg texts; WeChat appends `, rid: …` to each. */
const errmsgs: Record<number, string> = {
  [E.busy]: 'system error',
  [E.invalidAppId]: 'invalid appid',
  [E.invalidCode]: 'invalid code',
  [E.invalidAppSecret]: 'invalid appsecret',
  [E.codeUsed]: 'code been used',
  [E.riskyUser]: 'code blocked',
  [E.missingAppId]: 'appid missing',
  [E.missingAppSecret]: 'appsecret missing',
  [E.missingCode]: 'missing code',
  [E.rateLimited]: 'api minute-quota reach limit mustslower retry next minute',
};

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
});

interface IssuedCode {
  appId: string;
  openid: string;
  unionid: string | null;
  issuedAt: number;
  used: boolean;
}

function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** 24 random bytes as base64url: 32 characters, the length of a real code. */
function newCode(): string {
  return base64(randomBytes(24)).replaceAll('+', '-').replaceAll('/', '_');
}

function wechatError(errcode: number) {
  const rid = [4, 4, 4].map((n) => hex(randomBytes(n))).join('-');
  return { errcode, errmsg: `${errmsgs[errcode] ?? 'unknown error'}, rid: ${rid}` };
}

export function createWeChatEmulator(options: EmulatorOptions): WeChatEmulator {
  const firstApp = options.apps[0];
  if (!firstApp) throw new Error('The WeChat emulator needs at least one app');
  const secrets = new Map(options.apps.map((a) => [a.appId, a.appSecret]));
  const clock = options.clock ?? { now: () => new Date() };
  const codes = new Map<string, IssuedCode>();
  const faults: { errcode: number; remaining: number }[] = [];

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

  const injectFault: WeChatEmulator['injectFault'] = (errcode, times = 1) => {
    faults.push({ errcode, remaining: times });
  };

  const nextFault = (): number | null => {
    const fault = faults[0];
    if (!fault) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) faults.shift();
    return fault.errcode;
  };

  const code2Session = (q: { appid?: string; secret?: string; js_code?: string }) => {
    const fault = nextFault();
    if (fault !== null) return wechatError(fault);
    if (!q.appid) return wechatError(E.missingAppId);
    if (!q.secret) return wechatError(E.missingAppSecret);
    if (!q.js_code) return wechatError(E.missingCode);
    const secret = secrets.get(q.appid);
    if (secret === undefined) return wechatError(E.invalidAppId);
    if (secret !== q.secret) return wechatError(E.invalidAppSecret);
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

  const badRequest = (error: z.ZodError) => ({
    error: 'invalid_body',
    issues: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
  });

  const app = new Hono()
    .get('/sns/jscode2session', (c) => c.json(code2Session(c.req.query())))
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
      injectFault(parsed.data.errcode, parsed.data.times);
      return c.body(null, 204);
    });

  return { app, issueCode, injectFault };
}
