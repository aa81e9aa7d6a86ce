/**
 * `search_changes`: the catalog rows each write changed, logged in the write's own batch, so the
 * in-memory columns (`columns.ts`) read exactly those rows again before the next search.
 */
import { type CompiledQuery, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { CatalogChange, IndexStatements } from '../engine';
import { tables } from './indexing';

/** Logs the rows of `externalIds` (only those the batch changed, with `changedAt`). */
function logItems(
  db: Db,
  type: 'product' | 'post',
  storeId: string,
  externalIds: string[],
  changedAt?: string,
): CompiledQuery {
  const catalog = sql.table(tables[type][1]);
  return sql`INSERT INTO search_changes (type, row) SELECT ${type}, rowid FROM ${catalog}
    WHERE store_id = ${storeId} AND external_id IN (SELECT value FROM json_each(${JSON.stringify(externalIds)}))
    ${changedAt ? sql`AND updated_at = ${changedAt}` : sql``}`.compile(db.kysely);
}

/** How many changes the log keeps; a reader further behind loads the columns afresh. */
const CHANGES_KEPT = 100_000;

/** Keeps the newest CHANGES_KEPT entries; once per catalog change, after its entries. */
export function pruneChanges(db: Db): CompiledQuery {
  return sql`DELETE FROM search_changes
    WHERE seq <= (SELECT max(seq) FROM search_changes) - ${CHANGES_KEPT}`.compile(db.kysely);
}

/** Logs the row with primary key `id` of `table` as a change of `type`. */
function logById(db: Db, type: 'product' | 'post' | 'store', table: string, id: string): CompiledQuery {
  return sql`INSERT INTO search_changes (type, row) SELECT ${type}, rowid FROM ${sql.table(table)}
    WHERE id = ${id}`.compile(db.kysely);
}

/** The log entries of a change: deleted rows are logged `before` the delete, the rest `after` the write. */
export function changeLogStatements(db: Db, change: CatalogChange): IndexStatements {
  switch (change.kind) {
    case 'upsert': {
      const externalIds = change.items.map((i) => i.externalId);
      return {
        before: [],
        after: [logItems(db, change.type, change.storeId, externalIds, change.changedAt)],
      };
    }
    case 'delete':
      return { before: [logItems(db, change.type, change.storeId, change.externalIds)], after: [] };
    case 'store':
      return { before: [], after: [logById(db, 'store', 'stores', change.storeId)] };
    case 'visibility':
      return { before: [], after: [logById(db, change.type, tables[change.type][1], change.id)] };
    default: {
      const unknown: never = change;
      throw new Error(`unknown catalog change ${JSON.stringify(unknown)}`);
    }
  }
}
