/** Turning zod's issues into the API's field-by-field error details. */
import type { z } from 'zod';
import type { ErrorDetail } from './errors';

export function detailsOf(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code,
    message: issue.message,
  }));
}
