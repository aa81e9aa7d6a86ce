/** The audit log: every moderator action, and vendor actions that moderators must be able to trace. */
import { type CompiledQuery, sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database';
import type { DomainDeps } from '../deps';
import { newId } from '../ids';
import { decodeCursor, pageOf, seekAfter } from '../paging';
import { type Actor, requireModerator } from '../users/actor';

export interface AuditEntry {
  /** Given when the change it records must point at its entry (a report's resolution). */
  id?: string;
  actorId: string;
  action: string;
  target: { type: 'store' | 'product' | 'post' | 'report'; id: string };
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** A row the guarded change leaves behind only when it applied: a store at its new version, a report carrying the entry's id. */
export type AuditGuard =
  | { table: 'stores'; id: string; column: 'version'; equals: number }
  | { table: 'reports'; id: string; column: 'resolution_audit_id'; equals: string };

/**
 * The insert for one entry, to run in the same batch as the change it records. With `onlyIf`,
 * the entry lands only when the guard's row shows that the guarded update applied.
 */
export function auditInsert(db: Db, at: Date, entry: AuditEntry, onlyIf?: AuditGuard): CompiledQuery {
  const row = {
    id: entry.id ?? newId('au'),
    at: at.toISOString(),
    actor_id: entry.actorId,
    action: entry.action,
    target_type: entry.target.type,
    target_id: entry.target.id,
    reason: entry.reason ?? null,
    details: entry.details ? JSON.stringify(entry.details) : null,
  };
  if (!onlyIf) return db.kysely.insertInto('audit_log').values(row).compile();
  const cols = Object.keys(row) as (keyof typeof row)[];
  return db.kysely
    .insertInto('audit_log')
    .columns(cols)
    .expression(
      sql`SELECT ${sql.join(cols.map((c) => sql`${row[c]}`))} FROM ${sql.table(onlyIf.table)}
        WHERE id = ${onlyIf.id} AND ${sql.ref(onlyIf.column)} = ${onlyIf.equals}`,
    )
    .compile();
}

export const AuditItem = z
  .object({
    id: z.string(),
    at: z.string(),
    actor: z.object({ id: z.string(), nickname: z.string().nullable() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditItem' });

/** The day after a YYYY-MM-DD date, as the same kind of string. */
const nextDay = (day: string) => new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);

const day = z.iso.date();

/** How the audit log can be narrowed: by who, what, which store (its products and posts too) and dates (UTC, both ends included). */
export const AuditFilters = z.object({
  actorId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  storeId: z.string().max(64).optional(),
  from: day.optional(),
  to: day.optional(),
});
export type AuditFilters = z.infer<typeof AuditFilters>;

/** Newest first, narrowed by the filters given. */
export async function listAudit(
  deps: DomainDeps,
  actor: Actor,
  query: { cursor?: string | undefined; limit: number } & AuditFilters,
) {
  requireModerator(actor);
  const after = decodeCursor(query.cursor);
  let q = deps.db.kysely
    .selectFrom('audit_log as a')
    .innerJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.id',
      'a.at',
      'a.actor_id',
      'u.nickname',
      'a.action',
      'a.target_type',
      'a.target_id',
      'a.reason',
      'a.details',
    ])
    .orderBy('a.at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1);
  if (after) q = q.where(seekAfter(['a.at', 'a.id'], after, 'desc'));
  if (query.actorId) q = q.where('a.actor_id', '=', query.actorId);
  if (query.action) q = q.where('a.action', '=', query.action);
  if (query.from) q = q.where('a.at', '>=', query.from);
  if (query.to) q = q.where('a.at', '<', nextDay(query.to));
  const storeId = query.storeId;
  if (storeId) {
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('a.target_type', '=', 'store'), eb('a.target_id', '=', storeId)]),
        eb.and([
          eb('a.target_type', '=', 'product'),
          eb('a.target_id', 'in', eb.selectFrom('products').select('id').where('store_id', '=', storeId)),
        ]),
        eb.and([
          eb('a.target_type', '=', 'post'),
          eb('a.target_id', 'in', eb.selectFrom('posts').select('id').where('store_id', '=', storeId)),
        ]),
      ]),
    );
  }
  const page = pageOf(await q.execute(), query.limit, (r) => ({ k: r.at, id: r.id }));
  return {
    items: page.items.map((r) => ({
      id: r.id,
      at: r.at,
      actor: { id: r.actor_id, nickname: r.nickname },
      action: r.action,
      target: { type: r.target_type, id: r.target_id },
      reason: r.reason,
      details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    })),
    nextCursor: page.nextCursor,
  };
}
