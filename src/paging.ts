/** Cursor paging shared by every list: an opaque cursor over a (sort key, id) position. */
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { AppError } from './errors';
import { base64url } from './ids';

export const limitParam = z.coerce.number().int().min(1).max(100).default(20);

export interface Position {
  k: string | number;
  id: string;
}

/** Any JSON value as an opaque, URL-safe token. */
export function encodeToken(value: unknown): string {
  return base64url(new TextEncoder().encode(JSON.stringify(value)));
}

/** Reads a token made by `encodeToken` into `schema`; anything else is a 400 naming the `cursor` field. */
export function decodeToken<T>(schema: z.ZodType<T>, token: string | undefined): T | null {
  if (token === undefined || token === '') return null;
  try {
    const binary = atob(token.replaceAll('-', '+').replaceAll('_', '/'));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    return schema.parse(JSON.parse(json));
  } catch {
    throw new AppError('invalid_cursor', 'The cursor is not one this service gave out', [
      { path: ['cursor'], code: 'invalid_cursor', message: 'not a cursor from a previous page' },
    ]);
  }
}

const positionSchema = z.object({ k: z.union([z.string(), z.number()]), id: z.string() });

export const encodeCursor = (position: Position): string => encodeToken(position);

/** Reads a cursor made by `encodeCursor`; anything else is a 400 naming the `cursor` field. */
export const decodeCursor = (cursor: string | undefined): Position | null =>
  decodeToken(positionSchema, cursor);

/** Given `limit + 1` rows, the page and the cursor of the next one (null at the end). */
export function pageOf<T>(rows: T[], limit: number, position: (row: T) => Position) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null };
}

/** The rows after `position` in `(key, id)` order: a row-value comparison, so one index serves it. */
export function seekAfter(columns: readonly [string, string], position: Position, direction: 'asc' | 'desc') {
  const op = sql.raw(direction === 'asc' ? '>' : '<');
  return sql<SqlBool>`(${sql.ref(columns[0])}, ${sql.ref(columns[1])}) ${op} (${position.k}, ${position.id})`;
}
