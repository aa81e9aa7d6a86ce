/** The audit log for moderators, filtered by actor, action, store and dates. */
import { Hono } from 'hono';
import { AuditFilters, listAudit } from '../../moderation/audit';
import { requireModerator } from '../../users/actor';
import type { ConsoleEnv } from '../env';
import { parseForm, signedIn } from '../forms';
import { DataTable, Field, FormErrors, NextPage, when } from '../layout';
import { t } from '../messages';
import { render } from '../render';

const filterNames = ['actorId', 'action', 'storeId', 'from', 'to'] as const;

export const auditRoutes = new Hono<ConsoleEnv>().get('/audit', async (c) => {
  const moderator = requireModerator(signedIn(c));
  const values = Object.fromEntries(filterNames.map((n) => [n, (c.req.query(n) ?? '').trim()]));
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
  const parsed = parseForm(AuditFilters, given);
  const page = parsed.ok
    ? await listAudit(c.var.deps, moderator, { ...parsed.data, cursor: c.req.query('cursor'), limit: 50 })
    : { items: [], nextCursor: null };
  const errors = parsed.ok ? undefined : parsed.errors;
  return render(
    c,
    t.audit.title,
    <>
      <form method="get" action="/console/audit" class="card">
        <FormErrors errors={errors} known={[...filterNames]} />
        <div class="row">
          <Field name="actorId" label={t.audit.actor} value={values.actorId} errors={errors} filter />
          <Field
            name="action"
            label={t.audit.action}
            value={values.action}
            errors={errors}
            attrs={{ placeholder: 'store.suspend' }}
            filter
          />
          <Field name="storeId" label={t.audit.store} value={values.storeId} errors={errors} filter />
          <Field name="from" type="date" label={t.audit.from} value={values.from} errors={errors} filter />
          <Field name="to" type="date" label={t.audit.to} value={values.to} errors={errors} filter />
        </div>
        <button type="submit">{t.common.filter}</button>
      </form>
      <DataTable
        rows={page.items.length}
        empty={t.audit.none}
        head={[t.common.at, t.audit.actor, t.audit.action, t.audit.target, t.audit.reason]}
      >
        {page.items.map((e) => (
          <tr>
            <td>{when(e.at, 'seconds')}</td>
            <td>
              {e.actor.nickname ?? ''} <code>{e.actor.id}</code>
            </td>
            <td>
              <code>{e.action}</code>
            </td>
            <td>
              {e.target.type} <code>{e.target.id}</code>
            </td>
            <td>{e.reason ?? '—'}</td>
          </tr>
        ))}
      </DataTable>
      <NextPage path="/console/audit" query={given} cursor={page.nextCursor} />
    </>,
    { status: errors ? 400 : 200 },
  );
});
