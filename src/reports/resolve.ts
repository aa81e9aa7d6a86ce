/**
 * Moderators resolve a report: dismiss it, or take its target down at once (a product or post is
 * hidden, a store suspended). The resolution, the takedown and its audit entry land in one batch,
 * or, when another moderator or a store edit got there first, not at all.
 */
import { type CompiledQuery, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database';
import type { DomainDeps } from '../deps';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import { auditInsert } from '../moderation/audit';
import { type Actor, requireModerator } from '../users/actor';
import { loadStore } from '../vendors/store-access';
import { storeSearchStatements } from '../vendors/stores';
import type { StoresTable } from '../vendors/stores.table';
import { getReport } from './queue';
import type { Report, Resolution } from './schema';
import type { ReportsTable } from './tables';

const alreadyResolved = () => new AppError('invalid_transition', 'The report has been resolved already');

interface Takedown {
  /** A further condition for the report's update, so that both land or neither. */
  guard: RawBuilder<SqlBool> | null;
  statements: CompiledQuery[];
  details: Record<string, unknown>;
}

async function storeOfTarget(db: Db, report: ReportsTable): Promise<StoresTable | undefined> {
  if (report.target_type === 'store') return loadStore(db, report.target_id);
  const table = report.target_type === 'product' ? 'products' : 'posts';
  const row = await db.kysely
    .selectFrom(table)
    .select('store_id')
    .where('id', '=', report.target_id)
    .executeTakeFirst();
  return row && loadStore(db, row.store_id);
}

/** What taking the target down means, each statement applying only if `resolvedHere`. */
function takedown(
  deps: DomainDeps,
  report: ReportsTable,
  store: StoresTable | undefined,
  resolvedHere: RawBuilder<SqlBool>,
  at: string,
  note: string,
): Takedown {
  const { db } = deps;
  if (report.target_type === 'store') {
    if (store?.status !== 'approved') {
      return { guard: null, statements: [], details: { storeStatus: store?.status ?? null } };
    }
    return {
      guard: sql<SqlBool>`exists (select 1 from stores where id = ${store.id} and version = ${store.version})`,
      statements: [
        db.kysely
          .updateTable('stores')
          .set({
            status: 'suspended',
            review_reason: note,
            reviewed_at: at,
            updated_at: at,
            version: store.version + 1,
          })
          .where('id', '=', store.id)
          .where('version', '=', store.version)
          .where(resolvedHere)
          .compile(),
        ...storeSearchStatements(deps, { ...store, status: 'suspended' }),
      ],
      details: { from: 'approved', to: 'suspended' },
    };
  }
  const type = report.target_type;
  const search = deps.search.indexStatements({ kind: 'visibility', type, id: report.target_id });
  return {
    guard: null,
    statements: [
      ...search.before,
      db.kysely
        .updateTable(type === 'product' ? 'products' : 'posts')
        .set({ taken_down_at: sql<string>`coalesce(taken_down_at, ${at})` })
        .where('id', '=', report.target_id)
        .where(resolvedHere)
        .compile(),
      ...search.after,
    ],
    details: {},
  };
}

export async function resolveReport(
  deps: DomainDeps,
  actor: Actor,
  reportId: string,
  resolution: Resolution,
): Promise<Report> {
  const moderator = requireModerator(actor);
  const { db } = deps;
  const report = await db.kysely
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!report) throw notFound('Report');
  if (report.status !== 'open') throw alreadyResolved();
  const store = await storeOfTarget(db, report);
  if (store?.owner_id === moderator.userId) {
    throw new AppError('forbidden', 'Moderators may not resolve reports about their own store');
  }

  const now = deps.clock.now();
  const at = now.toISOString();
  const auditId = newId('au');
  const resolvedHere = sql<SqlBool>`exists (select 1 from reports where id = ${reportId} and resolution_audit_id = ${auditId})`;
  const plan =
    resolution.action === 'takedown'
      ? takedown(deps, report, store, resolvedHere, at, resolution.note)
      : { guard: null, statements: [], details: {} };
  const { reporters } = await db.kysely
    .selectFrom('report_filings')
    .select((eb) => eb.fn.countAll<number>().as('reporters'))
    .where('report_id', '=', reportId)
    .executeTakeFirstOrThrow();

  let update = db.kysely
    .updateTable('reports')
    .set({
      status: 'resolved',
      resolution: resolution.action,
      resolution_note: resolution.note,
      resolved_by: moderator.userId,
      resolved_at: at,
      resolution_audit_id: auditId,
    })
    .where('id', '=', reportId)
    .where('status', '=', 'open');
  if (plan.guard) update = update.where(plan.guard);
  const [updated] = await db.batch([
    update.compile(),
    ...plan.statements,
    auditInsert(
      db,
      now,
      {
        id: auditId,
        actorId: moderator.userId,
        action: `report.${resolution.action}`,
        target: { type: report.target_type, id: report.target_id },
        reason: resolution.note,
        details: { reportId, reporters: Number(reporters), ...plan.details },
      },
      { table: 'reports', id: reportId, column: 'resolution_audit_id', equals: auditId },
    ),
  ]);
  if (updated?.changes !== 1) {
    const current = await db.kysely
      .selectFrom('reports')
      .select('status')
      .where('id', '=', reportId)
      .executeTakeFirst();
    if (current?.status === 'resolved') throw alreadyResolved();
    throw new AppError('conflict', 'The reported store changed while you resolved; reload and try again');
  }
  return getReport(deps, actor, reportId);
}
