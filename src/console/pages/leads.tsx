/** A store's leads inbox (who asked about what, status changes) and its 30-day stats. */
import { Hono } from 'hono';
import { listStoreLeads, nextStatuses, updateLead } from '../../shoppers/leads';
import { LeadPatch, leadStatuses } from '../../shoppers/schema';
import type { LeadStatus } from '../../shoppers/tables';
import { storeDailyStats } from '../../vendors/store-stats';
import { DailyChart } from '../chart';
import type { ConsoleEnv } from '../env';
import { param, parseForm, text } from '../forms';
import { DataTable, NextPage, PostForm, Tabs, when } from '../layout';
import { t } from '../messages';
import { render } from '../render';
import { ownStore, StoreTabs } from './stores';

const asStatus = (v: string | undefined): LeadStatus | undefined =>
  (leadStatuses as readonly string[]).includes(v ?? '') ? (v as LeadStatus) : undefined;

export const leadRoutes = new Hono<ConsoleEnv>()
  .get('/stores/:storeId/leads', async (c) => {
    const store = await ownStore(c);
    const status = asStatus(c.req.query('status'));
    const page = await listStoreLeads(c.var.deps, c.var.actor, store.id, {
      status,
      cursor: c.req.query('cursor'),
      limit: 30,
    });
    const path = `/console/stores/${store.id}/leads`;
    return render(
      c,
      `${store.name} · ${t.leads.title}`,
      <>
        <StoreTabs store={store} current="leads" />
        <p>{t.leads.intro}</p>
        <Tabs
          label={t.leads.title}
          items={[
            { href: path, label: t.common.all, current: !status },
            ...leadStatuses.map((s) => ({
              href: `${path}?status=${s}`,
              label: t.leads.status[s]!,
              current: status === s,
            })),
          ]}
        />
        <DataTable
          rows={page.items.length}
          empty={t.leads.none}
          head={[t.common.at, t.leads.shopper, t.leads.about, t.leads.message, t.common.status]}
        >
          {page.items.map((lead) => (
            <tr>
              <td>{when(lead.createdAt)}</td>
              <td>{lead.shopper.nickname ?? lead.shopper.id}</td>
              <td>{lead.product?.title ?? lead.post?.title ?? '—'}</td>
              <td>{lead.message ?? '—'}</td>
              <td>
                {t.leads.status[lead.status]}
                {nextStatuses[lead.status].map((next) => (
                  <PostForm action={`${path}/${lead.id}`} csrf={c.var.csrfToken} class="inline">
                    <input type="hidden" name="status" value={next} />{' '}
                    <button
                      type="submit"
                      class="secondary"
                    >{`${t.leads.setStatus}${t.leads.status[next]}`}</button>
                  </PostForm>
                ))}
              </td>
            </tr>
          ))}
        </DataTable>
        <NextPage path={path} query={{ status }} cursor={page.nextCursor} />
      </>,
    );
  })
  .post('/stores/:storeId/leads/:leadId', async (c) => {
    const store = await ownStore(c);
    const parsed = parseForm(LeadPatch, { status: text(c.var.form, 'status') });
    if (parsed.ok) await updateLead(c.var.deps, c.var.actor, store.id, param(c, 'leadId'), parsed.data);
    return c.redirect(`/console/stores/${store.id}/leads`, 303);
  })
  .get('/stores/:storeId/stats', async (c) => {
    const store = await ownStore(c);
    const days = await storeDailyStats(c.var.deps, c.var.actor, store.id, 30);
    const views = days.reduce((n, d) => n + d.views, 0);
    const adds = days.reduce((n, d) => n + d.friendAdds, 0);
    return render(
      c,
      `${store.name} · ${t.stats.title}`,
      <>
        <StoreTabs store={store} current="stats" />
        <p>{t.stats.totals(views, adds)}</p>
        <DailyChart days={days} />
      </>,
    );
  });
