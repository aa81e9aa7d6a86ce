/** One place that turns any failure into the API's error body; only unexpected errors are logged. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode, type ErrorDetail, errorStatus } from '../errors';
import type { AppEnv } from './env';

function body(c: Context<AppEnv>, code: ErrorCode | string, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details, requestId: c.get('requestId') ?? '' } };
}

const httpCodes: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof AppError) {
    if (err.retryAfter !== undefined) c.header('Retry-After', String(err.retryAfter));
    return c.json(body(c, err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const code = httpCodes[err.status] ?? 'validation_failed';
    return c.json(
      body(c, code, err.message || code),
      (httpCodes[err.status] ? err.status : 400) as ContentfulStatusCode,
    );
  }
  c.var.deps?.logger.error('unhandled error', {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    error: err,
  });
  return c.json(body(c, 'internal_error', 'Something went wrong on our side'), errorStatus.internal_error);
}

export function notFoundHandler(c: Context<AppEnv>) {
  return c.json(body(c, 'not_found', `No route for ${c.req.method} ${c.req.path}`), 404);
}
