/** The one error type of the service: a code from a closed set, each mapped to one HTTP status. */

export const errorStatus = {
  validation_failed: 400,
  invalid_cursor: 400,
  unauthorized: 401,
  wechat_code_invalid: 401,
  wechat_code_used: 401,
  forbidden: 403,
  wechat_risky_user: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  batch_too_large: 413,
  unsupported_media_type: 415,
  store_incomplete: 422,
  wxacode_rejected: 422,
  rate_limited: 429,
  internal_error: 500,
  wechat_unavailable: 503,
  wechat_not_configured: 503,
  search_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** One problem with one field of the input, named by its path. */
export interface ErrorDetail {
  path: (string | number)[];
  code: string;
  message: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Seconds the caller should wait before retrying (sent as `Retry-After`). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  get status(): (typeof errorStatus)[ErrorCode] {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export function validationError(details: ErrorDetail[], message = 'The request is not valid'): AppError {
  return new AppError('validation_failed', message, details);
}
