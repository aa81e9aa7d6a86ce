/** Moderators' store review: the queue per status (oldest first) and one store with its decision form. */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import {
  Decision,
  type DecisionAction,
  decide,
  queueStatuses,
  reviewQueue,
} from '../../moderation/decisions';
import { yuan } from '../../money';
import { requireModerator } from '../../users/actor';
import { getUserRow } from '../../users/users';
import { listStorePosts, listStoreProducts } from '../../vendors/catalog';
import type { Store } from '../../vendors/store-schema';
import { getStore } from '../../vendors/stores';
import type { ConsoleEnv } from '../env';
import { param, parseForm, signedIn, text } from '../forms';
import {
  Empty,
  Field,
  type FieldErrors,
  FormErrors,
  NextPage,
  PostForm,
  StatusBadge,
  Tabs,
  when,
} from '../layout';
import { t } from '../messages';
import { done, render } from '../render';
import { StoreDetails } from '../store-details';

type QueueStatus = (typeof queueStatuses)[number];

/** What a moderator may do with a store in each status. */
const actionsFor: Record<Store['status'], DecisionAction[]> = {
  draft: [],
  pending_review: ['approve', 'reject'],
  approved: ['suspend'],
  suspended: ['reinstate'],
  rejected: [],
};

const DecisionForm: FC<{ store: Store; csrf: string; errors?: FieldErrors | undefined; reason?: string }> = (
  p,
) => {
  const actions = actionsFor[p.store.status];
  if (actions.length === 0) return null;
  return (
    <PostForm action={`/console/review/${p.store.id}/decision`} csrf={p.csrf} class="card">
      <FormErrors errors={p.errors} known={['reason']} />
      <Field
        name="reason"
        label={t.review.reason}
        hint={t.review.reasonHint}
        value={p.reason}
        errors={p.errors}
        multiline
      />
      {actions.map((a) => (
        <>
          <button
            type="submit"
            name="action"
            value={a}
            class={a === 'approve' || a === 'reinstate' ? '' : 'danger'}
          >
            {t.review[a]}
          </button>{' '}
        </>
      ))}
    </PostForm>
  );
};

async function storePage(
  c: Parameters<typeof signedIn>[0],
  extra: { errors?: FieldErrors; reason?: string; status?: 400 } = {},
) {
  const moderator = requireModerator(signedIn(c));
  const { deps } = c.var;
  const store = await getStore(deps, moderator, param(c, 'storeId'));
  const owner = store.ownerId ? await getUserRow(deps.db, store.ownerId) : undefined;
  const products = await listStoreProducts(deps, moderator, store.id, { limit: 5 });
  const posts = await listStorePosts(deps, moderator, store.id, { limit: 3 });
  return render(
    c,
    store.name,
    <>
      <p>
        <a href={`/console/review?status=${store.status}`}>← {t.review.title}</a>
      </p>
      <section class="card">
        <p>
          <StatusBadge status={store.status} />
        </p>
        {store.review?.reason && (
          <p>
            {t.stores.reason}：{store.review.reason}
          </p>
        )}
        <dl>
          <dt>{t.review.owner}</dt>
          <dd>
            {owner?.nickname ?? ''} <code>{store.ownerId}</code>
          </dd>
          <dt>{t.review.submittedAt}</dt>
          <dd>{when(store.review?.submittedAt)}</dd>
        </dl>
        <StoreDetails store={store} full />
      </section>
      <h2>{t.review.sampleProducts}</h2>
      {products.items.length === 0 ? (
        <Empty>{t.common.empty}</Empty>
      ) : (
        <ul class="card">
          {products.items.map((p) => (
            <li>
              {p.title} · {yuan(p.price)}
            </li>
          ))}
        </ul>
      )}
      <h2>{t.review.samplePosts}</h2>
      {posts.items.length === 0 ? (
        <Empty>{t.common.empty}</Empty>
      ) : (
        <ul class="card">
          {posts.items.map((p) => (
            <li>{p.title}</li>
          ))}
        </ul>
      )}
      <DecisionForm store={store} csrf={c.var.csrfToken} errors={extra.errors} reason={extra.reason ?? ''} />
    </>,
    { status: extra.status ?? 200 },
  );
}

export const reviewRoutes = new Hono<ConsoleEnv>()
  .get('/review', async (c) => {
    const moderator = requireModerator(signedIn(c));
    const raw = c.req.query('status');
    const status: QueueStatus = queueStatuses.includes(raw as QueueStatus)
      ? (raw as QueueStatus)
      : 'pending_review';
    const page = await reviewQueue(c.var.deps, moderator, {
      status,
      cursor: c.req.query('cursor'),
      limit: 30,
    });
    return render(
      c,
      t.review.title,
      <>
        <Tabs
          label={t.review.title}
          items={queueStatuses.map((s) => ({
            href: `/console/review?status=${s}`,
            label: t.review.queue[s]!,
            current: s === status,
          }))}
        />
        {page.items.length === 0 ? (
          <Empty>{t.review.none}</Empty>
        ) : (
          <ol class="card">
            {page.items.map((s) => (
              <li>
                <a href={`/console/review/${s.id}`}>{s.name}</a> · {s.city} · {t.review.submittedAt}{' '}
                {when(s.review?.submittedAt)}
              </li>
            ))}
          </ol>
        )}
        <NextPage path="/console/review" query={{ status }} cursor={page.nextCursor} />
      </>,
    );
  })
  .get('/review/:storeId', (c) => storePage(c))
  .post('/review/:storeId/decision', async (c) => {
    const moderator = requireModerator(signedIn(c));
    const reason = text(c.var.form, 'reason');
    const parsed = parseForm(Decision, { action: text(c.var.form, 'action'), ...(reason ? { reason } : {}) });
    if (!parsed.ok) return storePage(c, { errors: parsed.errors, reason, status: 400 });
    const store = await decide(c.var.deps, moderator, param(c, 'storeId'), parsed.data);
    return done(c, `/console/review/${store.id}`, 'decided');
  });
