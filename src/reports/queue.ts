/** The moderators' view of reports: a queue by status, oldest first, each with its target and reporters. */
import { sql } from 'kysely';
import type { DomainDeps } from '../deps';
import { notFound } from '../errors';
import { decodeCursor, pageOf, seekAfter } from '../paging';
import { type Actor, requireModerator } from '../users/actor';
import { loadPreviews, targetKey } from './preview';
import type { Report } from './schema';
import type { ReportReason, ReportStatus, ReportsTable } from './tables';

/** Filings shown per report; the counts cover all of them. */
const LATEST_FILINGS = 5;

/** Reports with their previews, reporter counts and latest filings, in the order given. */
async function toReports(deps: DomainDeps, rows: ReportsTable[]): Promise<Report[]> {
  if (rows.length === 0) return [];
  const { kysely } = deps.db;
  const ids = rows.map((r) => r.id);
  const counts = await kysely
    .selectFrom('report_filings')
    .select(['report_id', 'reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('report_id', 'in', ids)
    .groupBy(['report_id', 'reason'])
    .execute();
  const latest = await kysely
    .selectFrom((eb) =>
      eb
        .selectFrom('report_filings')
        .select(['report_id', 'reason', 'details', 'created_at'])
        .select(sql<number>`row_number() over (partition by report_id order by created_at desc)`.as('rank'))
        .where('report_id', 'in', ids)
        .as('f'),
    )
    .selectAll()
    .where('rank', '<=', LATEST_FILINGS)
    .orderBy('created_at', 'desc')
    .execute();
  const resolverIds = [...new Set(rows.flatMap((r) => (r.resolved_by ? [r.resolved_by] : [])))];
  const resolvers = new Map(
    resolverIds.length === 0
      ? []
      : (
          await kysely.selectFrom('users').select(['id', 'nickname']).where('id', 'in', resolverIds).execute()
        ).map((u) => [u.id, u.nickname]),
  );
  const previews = await loadPreviews(
    deps.db,
    deps.clock.now(),
    rows.map((r) => ({ type: r.target_type, id: r.target_id })),
  );

  return rows.map((r) => {
    const reasons: Partial<Record<ReportReason, number>> = {};
    let reporters = 0;
    for (const c of counts) {
      if (c.report_id !== r.id) continue;
      reasons[c.reason] = Number(c.n);
      reporters += Number(c.n);
    }
    return {
      id: r.id,
      status: r.status,
      target: {
        type: r.target_type,
        id: r.target_id,
        preview: previews.get(targetKey(r.target_type, r.target_id)) ?? null,
      },
      reporters,
      reasons,
      filings: latest
        .filter((f) => f.report_id === r.id)
        .map((f) => ({ reason: f.reason, details: f.details, createdAt: f.created_at })),
      createdAt: r.created_at,
      resolution:
        r.resolution && r.resolved_by && r.resolved_at
          ? {
              action: r.resolution,
              note: r.resolution_note ?? '',
              by: { id: r.resolved_by, nickname: resolvers.get(r.resolved_by) ?? null },
              at: r.resolved_at,
            }
          : null,
    };
  });
}

/** Reports in one status, oldest first. */
export async function reportQueue(
  deps: DomainDeps,
  actor: Actor,
  query: { status: ReportStatus; cursor?: string | undefined; limit: number },
) {
  requireModerator(actor);
  const after = decodeCursor(query.cursor);
  let q = deps.db.kysely
    .selectFrom('reports')
    .selectAll()
    .where('status', '=', query.status)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(query.limit + 1);
  if (after) q = q.where(seekAfter(['created_at', 'id'], after, 'asc'));
  const page = pageOf(await q.execute(), query.limit, (r) => ({ k: r.created_at, id: r.id }));
  return { items: await toReports(deps, page.items), nextCursor: page.nextCursor };
}

/** One report as moderators see it. */
export async function getReport(deps: DomainDeps, actor: Actor, reportId: string): Promise<Report> {
  requireModerator(actor);
  const row = await deps.db.kysely
    .selectFrom('reports')
    .selectAll()
    .where('id', '=', reportId)
    .executeTakeFirst();
  if (!row) throw notFound('Report');
  const [report] = await toReports(deps, [row]);
  return report!;
}
