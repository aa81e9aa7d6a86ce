/** The API's `{code, message}` errors as the mini-program carries them, with a Chinese message fit to show. */

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never reached the service. */
    readonly status: number,
    /** The API's snake_case code, or `network_error`. */
    readonly code: string,
    /** What to show the shopper. */
    message: string,
    /** Seconds to wait, from `Retry-After`. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds}秒`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)}分钟`;
  return `${Math.ceil(seconds / 3600)}小时`;
}

/** A message for a status the shopper can read; the service's own messages are for developers. */
export function friendlyMessage(status: number, retryAfter?: number): string {
  if (status === 0) return '网络不给力，请检查网络后重试';
  if (status === 429)
    return retryAfter ? `操作太频繁了，请${waitText(retryAfter)}后再试` : '操作太频繁了，请稍后再试';
  if (status === 401) return '请先登录';
  if (status === 403) return '暂无权限';
  if (status === 404) return '内容不存在或已下架';
  if (status >= 500) return '服务开小差了，请稍后再试';
  if (status >= 400) return '请求有误，请检查后重试';
  return '出了点问题，请稍后再试';
}

export function networkError(): ApiError {
  return new ApiError(0, 'network_error', friendlyMessage(0));
}

/** The error a non-2xx response stands for, reading our `{error: {code}}` body and `Retry-After`. */
export function responseError(status: number, body: unknown, retryAfterHeader?: string): ApiError {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const seconds = Number(retryAfterHeader);
  const retryAfter = Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined;
  return new ApiError(status, code, friendlyMessage(status, retryAfter), retryAfter);
}

/** What to show for any failure: ours carry a Chinese message; anything else gets a generic one. */
export function messageOf(err: unknown): string {
  return err instanceof ApiError ? err.message : friendlyMessage(-1);
}
