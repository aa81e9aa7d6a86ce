/** The only caller of `wx.request`: a Promise, at most `config.maxConcurrentRequests` in flight, errors as ApiError. */
import { config } from '../config';
import { networkError, responseError } from './errors';

/** What `wx.request` can send (it has no PATCH). */
export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Query = Record<string, string | number | undefined>;

export interface WxRequest {
  method: Method;
  path: string;
  query?: Query;
  data?: WechatMiniprogram.IAnyObject;
  token?: string;
}

let active = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<void> {
  if (active < config.maxConcurrentRequests) {
    active++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else active--;
}

export function queryString(query: Query = {}): string {
  const pairs = Object.keys(query)
    .filter((k) => query[k] !== undefined && query[k] !== '')
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(query[k]))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function call<T>(req: WxRequest): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  return new Promise<T>((resolve, reject) => {
    wx.request({
      url: `${config.apiBase}${req.path}${queryString(req.query)}`,
      method: req.method,
      header: headers,
      timeout: config.timeoutMs,
      ...(req.data ? { data: req.data } : {}),
      success: (res) => {
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(res.data as T);
        else reject(responseError(res.statusCode, res.data, header(res.header ?? {}, 'retry-after')));
      },
      fail: () => reject(networkError()),
    });
  });
}

/** Sends one request once, waiting for a free slot first. */
export async function wxRequest<T>(req: WxRequest): Promise<T> {
  await slot();
  try {
    return await call<T>(req);
  } finally {
    release();
  }
}
