/** Shoppers report what they can see; each target has one open report that every reporter joins once. */
import { sql } from 'kysely';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { newId } from '../ids';
import { type Actor, anonymous, requireUser } from '../users/actor';
import { getPost, getProduct } from '../vendors/catalog';
import { getStore } from '../vendors/stores';
import type { ReportCreate } from './schema';
import type { ReportStatus, ReportTargetType } from './tables';

/** Reports one shopper may file per hour, duplicates included. */
const REPORTS_PER_HOUR = 30;

/** 404 unless anyone, signed in or not, may see the target now. */
export async function requirePublic(
  deps: Pick<Deps, 'db' | 'clock' | 'search'>,
  type: ReportTargetType,
  id: string,
) {
  if (type === 'product') await getProduct(deps, anonymous, id);
  else if (type === 'post') await getPost(deps, anonymous, id);
  else await getStore(deps, anonymous, id);
}

/**
 * Files the shopper's report. `created` is false when the shopper had already reported this target
 * and the report is still open: the repeat counts once and the existing report comes back.
 */
export async function fileReport(
  deps: Pick<Deps, 'db' | 'clock' | 'search' | 'limiter'>,
  actor: Actor,
  input: ReportCreate,
): Promise<{ report: { id: string; status: ReportStatus }; created: boolean }> {
  const user = requireUser(actor);
  const now = deps.clock.now();
  const limit = await deps.limiter.hit(`report:${user.userId}`, REPORTS_PER_HOUR, 3_600_000, now);
  if (!limit.allowed) {
    throw new AppError('rate_limited', 'Too many reports; try again later', [], limit.retryAfterSeconds);
  }
  await requirePublic(deps, input.targetType, input.targetId);

  const at = now.toISOString();
  const { db } = deps;
  const openReport = (eb: typeof db.kysely) =>
    eb
      .selectFrom('reports')
      .where('target_type', '=', input.targetType)
      .where('target_id', '=', input.targetId)
      .where('status', '=', 'open');
  const [, filing] = await db.batch([
    db.kysely
      .insertInto('reports')
      .values({
        id: newId('rp'),
        target_type: input.targetType,
        target_id: input.targetId,
        status: 'open',
        created_at: at,
        resolution: null,
        resolution_note: null,
        resolved_by: null,
        resolved_at: null,
        resolution_audit_id: null,
      })
      .onConflict((oc) =>
        oc.columns(['target_type', 'target_id']).where(sql<boolean>`status = 'open'`).doNothing(),
      )
      .compile(),
    db.kysely
      .insertInto('report_filings')
      .columns(['report_id', 'reporter_id', 'reason', 'details', 'created_at'])
      .expression(
        openReport(db.kysely).select([
          'id',
          sql<string>`${user.userId}`.as('reporter_id'),
          sql<string>`${input.reason}`.as('reason'),
          sql<string | null>`${input.details || null}`.as('details'),
          sql<string>`${at}`.as('created_at'),
        ]),
      )
      .onConflict((oc) => oc.columns(['report_id', 'reporter_id']).doNothing())
      .compile(),
  ]);
  const report = await db.kysely
    .selectFrom('report_filings as f')
    .innerJoin('reports as r', 'r.id', 'f.report_id')
    .select(['r.id', 'r.status'])
    .where('f.reporter_id', '=', user.userId)
    .where('r.target_type', '=', input.targetType)
    .where('r.target_id', '=', input.targetId)
    .orderBy(sql`r.status = 'open'`, 'desc')
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .executeTakeFirstOrThrow();
  return { report, created: filing?.changes === 1 };
}
