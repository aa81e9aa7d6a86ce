/** Building blocks for routes: the router with our validation hook, and OpenAPI response helpers. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import { z } from 'zod';
import type { Deps } from '../deps';
import { validationError } from '../errors';
import { detailsOf } from '../validation';
import type { AppEnv } from './env';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(
        z.object({ path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: z.string() }),
      ),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** A sub-app whose validation failures become the standard 400 naming each bad field. */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(detailsOf(result.error));
    },
  });
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/**
 * A 200 whose body is JSON already serialised and encoded (a remembered search answer), typed as
 * the JSON of `T` it holds, so the route's OpenAPI contract still describes it.
 */
export function jsonBytes<T>(c: Context, text: Uint8Array<ArrayBuffer>) {
  return c.body(text, 200, { 'Content-Type': 'application/json' }) as unknown as TypedResponse<
    T,
    200,
    'json'
  >;
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const errorText: Record<number, string> = {
  400: 'Invalid input; `details` names each bad field',
  401: 'No or bad credentials',
  403: 'Not allowed',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  413: 'Too large',
  422: 'Well-formed but breaks a rule',
  429: 'Rate-limited; see Retry-After',
  503: 'A dependency is unavailable',
};

/** Error responses in the one error shape. */
export function errors(...statuses: (keyof typeof errorText)[]) {
  return Object.fromEntries(statuses.map((s) => [s, json(ErrorBody, errorText[s]!)]));
}

type Security = Record<string, string[]>[];
export const sessionAuth: Security = [{ session: [] }];
export const catalogAuth: Security = [{ session: [] }, { apiKey: [] }];
export const optionalSession: Security = [{}, { session: [] }];

/** This site's origin as browsers reach it: `PUBLIC_BASE_URL` in production (behind a proxy), else the request's own. */
export function siteOrigin(c: { req: { url: string }; var: { deps: Pick<Deps, 'config'> } }): string {
  return c.var.deps.config.production ? c.var.deps.config.publicBaseUrl : new URL(c.req.url).origin;
}
