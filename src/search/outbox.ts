/**
 * The transactional outbox of search work: statements that enqueue a catalog change in the catalog
 * write's own batch, then claiming due rows, settling them as delivered or failed, and counting them.
 */
import { type CompiledQuery, type Kysely, type Selectable, sql } from 'kysely';
import type { Database, Db } from '../db/database';
import type { CatalogChange } from './engine';
import type { OutboxDocType, OutboxOp, SearchOutboxTable } from './outbox.table';
import { searchChanged } from './result-cache';

export type OutboxDatabase = Database & { search_outbox: SearchOutboxTable };
export type OutboxRow = Selectable<SearchOutboxTable>;

export interface RetryPolicy {
  /** A row that has failed this many times is parked: kept, counted, no longer retried. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** In [0, 1); the delay is scaled by 0.5 + random / 2. */
  random: () => number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 1_000,
  maxDelayMs: 300_000,
  random: Math.random,
};

export interface OutboxStats {
  pending: number;
  parked: number;
  /** Age of the oldest row still to be delivered; 0 when none is. */
  oldestPendingAgeSeconds: number;
}

const IDS_PER_STATEMENT = 90;
const outbox = (db: Db) => db.kysely as unknown as Kysely<OutboxDatabase>;

/** The outbox inserts for one catalog change, to run after the catalog statements in the same batch. */
export function outboxStatements(db: Db, change: CatalogChange, now: Date): CompiledQuery[] {
  const at = now.toISOString();
  switch (change.kind) {
    case 'upsert':
      return refsInsert(
        db,
        change.type,
        'upsert',
        change.storeId,
        change.items.map((i) => i.externalId),
        at,
      );
    case 'delete':
      return refsInsert(db, change.type, 'delete', change.storeId, change.externalIds, at);
    case 'store':
      return [
        outbox(db)
          .insertInto('search_outbox')
          .values({
            doc_type: 'store',
            op: 'store',
            store_id: change.storeId,
            ref: null,
            next_attempt_at: at,
            created_at: at,
          })
          .compile(),
      ];
    case 'visibility': {
      const table = sql.table(change.type === 'product' ? 'products' : 'posts');
      return [
        sql`INSERT INTO search_outbox (doc_type, op, store_id, ref, next_attempt_at, created_at)
          SELECT ${change.type}, 'upsert', store_id, external_id, ${at}, ${at} FROM ${table}
          WHERE id = ${change.id}`.compile(db.kysely),
      ];
    }
    default:
      throw new Error(`Unknown catalog change ${JSON.stringify(change satisfies never)}`);
  }
}

/** One statement whatever the number of refs (a JSON array expanded by `json_each`), so D1's parameter limit never bites. */
function refsInsert(
  db: Db,
  type: OutboxDocType,
  op: OutboxOp,
  storeId: string,
  refs: string[],
  at: string,
): CompiledQuery[] {
  if (refs.length === 0) return [];
  return [
    sql`INSERT INTO search_outbox (doc_type, op, store_id, ref, next_attempt_at, created_at)
      SELECT ${type}, ${op}, ${storeId}, value, ${at}, ${at} FROM json_each(${JSON.stringify(refs)})
      ORDER BY key`.compile(db.kysely),
  ];
}

/**
 * Claims up to `limit` due, unparked rows in id order by pushing their next attempt `leaseMs` ahead,
 * so a second drainer running at the same time takes other rows.
 */
export async function claimDue(db: Db, now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const due = outbox(db)
    .selectFrom('search_outbox')
    .select('id')
    .where('parked_at', 'is', null)
    .where('next_attempt_at', '<=', now.toISOString())
    .orderBy('id')
    .limit(limit);
  const rows = await outbox(db)
    .updateTable('search_outbox')
    .set({ next_attempt_at: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** Removes delivered rows. */
export async function settleDelivered(db: Db, ids: number[]): Promise<void> {
  const statements = chunks(ids).map((chunk) =>
    outbox(db).deleteFrom('search_outbox').where('id', 'in', chunk).compile(),
  );
  // What was delivered is now searchable: answers remembered before it are stale.
  await db.batch([...statements, searchChanged(db)]);
}

/** Records a failed delivery: one more attempt, the next one backed off, or parked past the limit. Returns how many were parked. */
export async function settleFailed(
  db: Db,
  rows: readonly OutboxRow[],
  error: string,
  now: Date,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<number> {
  const byAttempts = new Map<number, OutboxRow[]>();
  for (const r of rows) {
    const group = byAttempts.get(r.attempts + 1) ?? [];
    if (group.length === 0) byAttempts.set(r.attempts + 1, group);
    group.push(r);
  }
  const statements: CompiledQuery[] = [];
  let parked = 0;
  for (const [attempts, group] of byAttempts) {
    const park = attempts >= policy.maxAttempts;
    if (park) parked += group.length;
    const delay = backoffMs(attempts, policy);
    for (const chunk of chunks(group.map((r) => r.id))) {
      statements.push(
        outbox(db)
          .updateTable('search_outbox')
          .set({
            attempts,
            last_error: error.slice(0, 1000),
            next_attempt_at: new Date(now.getTime() + delay).toISOString(),
            parked_at: park ? now.toISOString() : null,
          })
          .where('id', 'in', chunk)
          .compile(),
      );
    }
  }
  await db.batch(statements);
  return parked;
}

/** The wait before attempt `attempts + 1`: base · 2^(attempts − 1), capped, with jitter. */
export function backoffMs(attempts: number, policy: RetryPolicy = defaultRetryPolicy): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.5 + policy.random() / 2));
}

/** Counts for `/metrics` and the moderators' console. */
export async function outboxStats(db: Db, now: Date): Promise<OutboxStats> {
  const { rows } = await sql<{ pending: number | null; parked: number | null; oldest: string | null }>`
    SELECT SUM(parked_at IS NULL) AS pending, SUM(parked_at IS NOT NULL) AS parked,
      MIN(CASE WHEN parked_at IS NULL THEN created_at END) AS oldest
    FROM search_outbox`.execute(db.kysely);
  const row = rows[0];
  const oldest = row?.oldest ? Date.parse(row.oldest) : null;
  return {
    pending: Number(row?.pending ?? 0),
    parked: Number(row?.parked ?? 0),
    oldestPendingAgeSeconds: oldest === null ? 0 : Math.max(0, Math.floor((now.getTime() - oldest) / 1000)),
  };
}

/** Puts parked rows (all, or those named) back in line for an immediate attempt. Returns how many. */
export async function requeueParked(db: Db, now: Date, ids?: number[]): Promise<number> {
  let q = outbox(db)
    .updateTable('search_outbox')
    .set({ parked_at: null, attempts: 0, next_attempt_at: now.toISOString() })
    .where('parked_at', 'is not', null);
  if (ids) q = q.where('id', 'in', ids.length > 0 ? ids : [-1]);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

function chunks<T>(items: readonly T[], size = IDS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
