/** WeChat platform client for the mini-program login (code2Session), on fetch alone so it runs anywhere. */
import { z } from 'zod';
import { WeChatApiError, WeChatRequestError } from './errors';

export interface WeChatSession {
  openid: string;
  unionid: string | null;
  sessionKey: string;
}

export interface WeChatClient {
  /** Exchanges a `wx.login` code for the user's identity; throws WeChatApiError or WeChatRequestError. */
  code2Session(code: string): Promise<WeChatSession>;
}

export interface WeChatClientOptions {
  /** `https://api.weixin.qq.com`, or the emulator's address. */
  apiBase: string;
  appId: string;
  appSecret: string;
  fetch?: typeof fetch;
  /** Per request; default 5000. */
  timeoutMs?: number;
}

const Code2SessionAnswer = z.object({
  openid: z.string().min(1),
  session_key: z.string().min(1),
  unionid: z.string().min(1).optional(),
});

type Call = (path: string, params: Record<string, string>) => Promise<Record<string, unknown>>;

/** The one way this client talks to WeChat: GET with a timeout, JSON answer, `errcode` turned into an error. */
function createCaller(options: WeChatClientOptions): Call {
  const base = options.apiBase.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  return async (path, params) => {
    const url = `${base}${path}?${new URLSearchParams(params)}`;
    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
      text = await response.text();
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
    let body: unknown;
    try {
      body = JSON.parse(text);
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
  };
}

export function createWeChatClient(options: WeChatClientOptions): WeChatClient {
  const call = createCaller(options);
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
  };
}
