/** Cursor paging shared by every list: an opaque cursor over a (sort key, id) position. */
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { AppError } from './errors';

export const limitParam = z.coerce.number().int().min(1).max(100).default(20);

export interface Position {
  k: string | number;
  id: string;
}

export function encodeCursor(position: Position): string {
  return btoa(unescape(encodeURIComponent(JSON.stringify(position))))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

const positionSchema = z.object({ k: z.union([z.string(), z.number()]), id: z.string() });

/** Reads a cursor made by `encodeCursor`; anything else is a 400 naming the `cursor` field. */
export function decodeCursor(cursor: string | undefined): Position | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const json = decodeURIComponent(escape(atob(cursor.replaceAll('-', '+').replaceAll('_', '/'))));
    return positionSchema.parse(JSON.parse(json));
  } catch {
    throw new AppError('invalid_cursor', 'The cursor is not one this service gave out', [
      { path: ['cursor'], code: 'invalid_cursor', message: 'not a cursor from a previous page' },
    ]);
  }
}

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
