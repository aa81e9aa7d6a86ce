/** Reading the console's forms: text fields as trimmed strings, and signed-in guards. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors';
import { requireUser, type UserActor } from '../users/actor';
import { detailsOf } from '../validation';
import type { ConsoleEnv, Form } from './env';
import { type FieldErrors, fieldErrors } from './layout';

/** A text field, trimmed; '' when absent or a file. */
export const text = (form: Form, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
};

/** The signed-in user, or a redirect to sign in (through the console's error handler). */
export function signedIn(c: Context<ConsoleEnv>): UserActor {
  if (!c.var.user) throw new AppError('unauthorized', 'Sign in first');
  return requireUser(c.var.user);
}

/** A route parameter that must be there. */
export const param = (c: Context<ConsoleEnv>, name: string): string => {
  const v = c.req.param(name);
  if (!v) throw new AppError('not_found', 'Page not found');
  return v;
};

/** The input a schema accepts, or the API's field errors for it. */
export function parseForm<T extends z.ZodType>(
  schema: T,
  input: unknown,
): { ok: true; data: z.infer<T> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, errors: fieldErrors(detailsOf(parsed.error)) };
}
