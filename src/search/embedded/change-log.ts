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

/** Keeps the newest CHANGES_KEPT entries. */
function prune(db: Db): CompiledQuery {
  return sql`DELETE FROM search_changes
    WHERE seq <= (SELECT max(seq) FROM search_changes) - ${CHANGES_KEPT}`.compile(db.kysely);
}

/** The log entries of a change: deleted rows are logged `before` the delete, the rest `after` the write. */
export function changeLogStatements(db: Db, change: CatalogChange): IndexStatements {
  switch (change.kind) {
    case 'upsert':
      return {
        before: [],
        after: [
          logItems(
            db,
            change.type,
            change.storeId,
            change.items.map((i) => i.externalId),
            change.changedAt,
          ),
          prune(db),
        ],
      };
    case 'delete':
      return {
        before: [logItems(db, change.type, change.storeId, change.externalIds), prune(db)],
        after: [],
      };
    case 'store':
      return {
        before: [],
        after: [
          sql`INSERT INTO search_changes (type, row) SELECT 'store', rowid FROM stores
            WHERE id = ${change.storeId}`.compile(db.kysely),
          prune(db),
        ],
      };
    case 'visibility':
      return {
        before: [],
        after: [
          sql`INSERT INTO search_changes (type, row) SELECT ${change.type}, rowid
            FROM ${sql.table(tables[change.type][1])} WHERE id = ${change.id}`.compile(db.kysely),
          prune(db),
        ],
      };
    default: {
      const unknown: never = change;
      throw new Error(`unknown catalog change ${JSON.stringify(unknown)}`);
    }
  }
}
