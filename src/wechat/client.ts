/**
 * WeChat platform client on fetch alone, so it runs anywhere: mini-program sign-in (code2Session),
 * and mini-program codes (getwxacodeunlimit) with the app's access token, cached and refreshed.
 */
import { z } from 'zod';
import { wechatErrorCodes as E, WeChatApiError, WeChatRequestError } from './errors';

export interface WeChatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

/** A mini-program code that opens `page` with `scene` (getwxacodeunlimit; `check_path` is off). */
export interface WxaCodeRequest {
  /** At most 32 characters: letters, digits and `!#$&'()*+,/:;=?@-._~`. */
  scene: string;
  /** A page path without a leading slash or query, e.g. `pages/product/index`; the home page when absent. */
  page?: string;
  envVersion?: 'release' | 'trial' | 'develop';
  /** Pixels, 280 to 1280 (WeChat's default 430). */
  width?: number;
}

export interface WxaCodeImage {
  /** As WeChat sent it, e.g. `image/png` or `image/jpeg`. */
  contentType: string;
  bytes: Uint8Array;
}

export interface WeChatClient {
  /** Exchanges a `wx.login` code for the user's identity; throws WeChatApiError or WeChatRequestError. */
  code2Session(code: string): Promise<WeChatSession>;
  /** A mini-program code image; throws WeChatApiError (e.g. 40169 bad scene, 41030 bad page, 45009 quota). */
  getUnlimitedQrCode(request: WxaCodeRequest): Promise<WxaCodeImage>;
}

export interface WeChatClientOptions {
  /** `https://api.weixin.qq.com`, or the emulator's address. */
  apiBase: string;
  appId: string;
  appSecret: string;
  fetch?: typeof fetch;
  /** Per request; default 5000. */
  timeoutMs?: number;
  /** Milliseconds since the epoch, for the access token's expiry; default `Date.now`. */
  now?: () => number;
}

const Code2SessionAnswer = z.object({
  openid: z.string().min(1),
  session_key: z.string().min(1),
  unionid: z.string().min(1).optional(),
});

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });

/** A token is dropped this long before WeChat's expiry, so it is never used at its very end. */
const TOKEN_MARGIN_MS = 5 * 60 * 1000;
/** errcodes that mean the access token is no longer good: fetch a new one and try once more. */
const staleToken = new Set<number>([E.invalidCredential, E.invalidAccessToken, E.accessTokenExpired]);

interface Answer {
  contentType: string;
  bytes: Uint8Array;
}
export type Send = (path: string, params: Record<string, string>, json?: unknown) => Promise<Answer>;

/** All HTTP to WeChat: GET, or POST with a JSON body, with a timeout; no usable answer is a WeChatRequestError. */
export function createTransport(options: Pick<WeChatClientOptions, 'apiBase' | 'fetch' | 'timeoutMs'>): Send {
  const base = options.apiBase.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  return async (path, params, json) => {
    const url = `${base}${path}?${new URLSearchParams(params)}`;
    const init: RequestInit =
      json === undefined
        ? { method: 'GET' }
        : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) };
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      throw new WeChatRequestError(
        timedOut ? `WeChat ${path} timed out after ${timeoutMs} ms` : `WeChat ${path} could not be reached`,
        { cause },
      );
    }
    if (!response.ok) {
      throw new WeChatRequestError(`WeChat ${path} answered HTTP ${response.status}`, {
        status: response.status,
      });
    }
    return { contentType: (response.headers.get('content-type') ?? '').toLowerCase(), bytes };
  };
}

/** WeChat's JSON answer as an object, a non-zero `errcode` turned into a WeChatApiError. */
export function jsonOf(path: string, answer: Answer): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(answer.bytes));
  } catch (cause) {
    throw new WeChatRequestError(`WeChat ${path} answered something that is not JSON`, { cause });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new WeChatRequestError(`WeChat ${path} answered JSON that is not an object`);
  }
  const record = body as Record<string, unknown>;
  const errcode = record.errcode === undefined || record.errcode === null ? 0 : Number(record.errcode);
  if (errcode !== 0) {
    throw new WeChatApiError(errcode, typeof record.errmsg === 'string' ? record.errmsg : '');
  }
  return record;
}

/** The app's access token, kept until shortly before it expires; concurrent callers share one fetch. */
function createTokenCache(fetchToken: () => Promise<{ token: string; ttlMs: number }>, now: () => number) {
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;
  return {
    get(): Promise<string> {
      if (cached && now() < cached.expiresAt) return Promise.resolve(cached.token);
      pending ??= fetchToken()
        .then(({ token, ttlMs }) => {
          cached = { token, expiresAt: now() + Math.max(ttlMs - TOKEN_MARGIN_MS, ttlMs / 2) };
          return token;
        })
        .finally(() => {
          pending = null;
        });
      return pending;
    },
    /** Forgets `token` after WeChat called it stale, unless a newer one has replaced it already. */
    drop(token: string) {
      if (cached?.token === token) cached = null;
    },
  };
}

export function createWeChatClient(options: WeChatClientOptions): WeChatClient {
  const send = createTransport(options);
  const call = async (path: string, params: Record<string, string>) => jsonOf(path, await send(path, params));

  const tokens = createTokenCache(async () => {
    const parsed = TokenAnswer.safeParse(
      await call('/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: options.appId,
        secret: options.appSecret,
      }),
    );
    if (!parsed.success) throw new WeChatRequestError('WeChat /cgi-bin/token answered without access_token');
    return { token: parsed.data.access_token, ttlMs: parsed.data.expires_in * 1000 };
  }, options.now ?? Date.now);

  return {
    async code2Session(code) {
      const body = await call('/sns/jscode2session', {
        appid: options.appId,
        secret: options.appSecret,
        js_code: code,
        grant_type: 'authorization_code',
      });
      const parsed = Code2SessionAnswer.safeParse(body);
      if (!parsed.success) {
        throw new WeChatRequestError('WeChat /sns/jscode2session answered without openid or session_key');
      }
      return {
        openid: parsed.data.openid,
        unionid: parsed.data.unionid ?? null,
        sessionKey: parsed.data.session_key,
      };
    },

    async getUnlimitedQrCode(request) {
      const path = '/wxa/getwxacodeunlimit';
      const body = {
        scene: request.scene,
        check_path: false,
        ...(request.page === undefined ? {} : { page: request.page }),
        ...(request.envVersion === undefined ? {} : { env_version: request.envVersion }),
        ...(request.width === undefined ? {} : { width: request.width }),
      };
      for (let attempt = 1; ; attempt++) {
        const token = await tokens.get();
        const answer = await send(path, { access_token: token }, body);
        if (answer.contentType.startsWith('image/')) {
          return { contentType: answer.contentType.split(';')[0]!.trim(), bytes: answer.bytes };
        }
        try {
          jsonOf(path, answer);
        } catch (err) {
          if (attempt === 1 && err instanceof WeChatApiError && staleToken.has(err.errcode)) {
            tokens.drop(token);
            continue;
          }
          throw err;
        }
        throw new WeChatRequestError(`WeChat ${path} answered neither an image nor an error`);
      }
    },
  };
}
