/** Moderators' reports queue: each report with a preview of its target; dismiss or take down with a note. */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { yuan } from '../../money';
import { reportQueue } from '../../reports/queue';
import { resolveReport } from '../../reports/resolve';
import { type Report, Resolution, reportStatuses } from '../../reports/schema';
import type { ReportStatus } from '../../reports/tables';
import { requireModerator } from '../../users/actor';
import type { ConsoleEnv } from '../env';
import { param, parseForm, signedIn, text } from '../forms';
import { Empty, Field, type FieldErrors, NextPage, PostForm, Tabs } from '../layout';
import { t } from '../messages';
import { done, render } from '../render';

const ReportCard: FC<{ report: Report; csrf: string; errors?: FieldErrors | undefined }> = ({
  report,
  csrf,
  errors,
}) => {
  const preview = report.target.preview;
  return (
    <article class="card" aria-labelledby={`r-${report.id}`}>
      <h2 id={`r-${report.id}`}>
        {t.reports.targetTypes[report.target.type]}：{preview?.title ?? report.target.id}
      </h2>
      {preview && (
        <p>
          {preview.store.name} · {preview.store.city}
          {preview.price !== null && ` · ${yuan(preview.price)}`} ·{' '}
          {preview.visible ? t.catalog.live : t.catalog.notLive}
        </p>
      )}
      <p>
        {t.reports.reporters}：{report.reporters} ·{' '}
        {Object.entries(report.reasons)
          .map(([reason, n]) => `${t.reports.reasons[reason] ?? reason} ${n}`)
          .join('，')}
      </p>
      {report.filings.some((f) => f.details) && (
        <ul aria-label={t.reports.details}>
          {report.filings
            .filter((f) => f.details)
            .map((f) => (
              <li>{f.details}</li>
            ))}
        </ul>
      )}
      {report.resolution ? (
        <p>
          {report.resolution.action === 'takedown' ? t.reports.takedown : t.reports.dismiss}：
          {report.resolution.note}
        </p>
      ) : (
        <PostForm action={`/console/reports/${report.id}/resolve`} csrf={csrf}>
          <Field name="note" label={t.reports.note} errors={errors} multiline required />
          <button type="submit" name="action" value="dismiss" class="secondary">
            {t.reports.dismiss}
          </button>{' '}
          <button type="submit" name="action" value="takedown" class="danger">
            {t.reports.takedown}
          </button>
        </PostForm>
      )}
    </article>
  );
};

async function queuePage(
  c: Parameters<typeof signedIn>[0],
  extra: { errorsFor?: string; errors?: FieldErrors } = {},
) {
  const moderator = requireModerator(signedIn(c));
  const raw = c.req.query('status');
  const status: ReportStatus = reportStatuses.includes(raw as ReportStatus) ? (raw as ReportStatus) : 'open';
  const page = await reportQueue(c.var.deps, moderator, { status, cursor: c.req.query('cursor'), limit: 20 });
  return render(
    c,
    t.reports.title,
    <>
      <Tabs
        label={t.reports.title}
        items={reportStatuses.map((s) => ({
          href: `/console/reports?status=${s}`,
          label: t.reports.statuses[s]!,
          current: s === status,
        }))}
      />
      {page.items.length === 0 ? (
        <Empty>{t.reports.none}</Empty>
      ) : (
        page.items.map((r) => (
          <ReportCard
            report={r}
            csrf={c.var.csrfToken}
            errors={r.id === extra.errorsFor ? extra.errors : undefined}
          />
        ))
      )}
      <NextPage path="/console/reports" query={{ status }} cursor={page.nextCursor} />
    </>,
    { status: extra.errors ? 400 : 200 },
  );
}

export const reportRoutes = new Hono<ConsoleEnv>()
  .get('/reports', (c) => queuePage(c))
  .post('/reports/:reportId/resolve', async (c) => {
    const moderator = requireModerator(signedIn(c));
    const reportId = param(c, 'reportId');
    const parsed = parseForm(Resolution, {
      action: text(c.var.form, 'action'),
      note: text(c.var.form, 'note'),
    });
    if (!parsed.ok) return queuePage(c, { errorsFor: reportId, errors: parsed.errors });
    await resolveReport(c.var.deps, moderator, reportId, parsed.data);
    return done(c, '/console/reports', 'resolved');
  });
