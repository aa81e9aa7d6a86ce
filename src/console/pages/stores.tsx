/** A vendor's stores: the list, creating and editing one, its overview, and submitting it for review. */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { AppError } from '../../errors';
import { categories } from '../../vendors/categories';
import { type Store, StoreCreate, StorePatch } from '../../vendors/store-schema';
import { createStore, getStore, listMyStores, submitStore, updateStore } from '../../vendors/stores';
import type { ConsoleEnv } from '../env';
import { param, parseForm, signedIn } from '../forms';
import {
  Empty,
  Field,
  type FieldErrors,
  FormErrors,
  fieldErrors,
  PostForm,
  StatusBadge,
  Tabs,
} from '../layout';
import { t } from '../messages';
import { done, render } from '../render';
import { StoreDetails } from '../store-details';
import { type StoreFormValues, storeBody, storeFieldNames, valuesOfForm, valuesOfStore } from '../store-form';

/** The sections of one store's pages, as tabs. */
export const StoreTabs: FC<{ store: Pick<Store, 'id'>; current: string }> = ({ store, current }) => {
  const base = `/console/stores/${store.id}`;
  const items = [
    { href: base, label: t.stores.overview, key: 'overview' },
    { href: `${base}/keys`, label: t.stores.sections.keys, key: 'keys' },
    { href: `${base}/catalog`, label: t.stores.sections.catalog, key: 'catalog' },
    { href: `${base}/leads`, label: t.stores.sections.leads, key: 'leads' },
    { href: `${base}/stats`, label: t.stores.sections.stats, key: 'stats' },
  ];
  return <Tabs label={t.stores.title} items={items.map((i) => ({ ...i, current: i.key === current }))} />;
};

const StoreForm: FC<{
  action: string;
  csrf: string;
  values: StoreFormValues;
  errors?: FieldErrors | undefined;
}> = ({ action, csrf, values, errors }) => {
  const f = t.fields;
  const field = (name: (typeof storeFieldNames)[number], label: string, hint?: string, required = false) => (
    <Field name={name} label={label} hint={hint} value={values[name]} errors={errors} required={required} />
  );
  return (
    <PostForm action={action} csrf={csrf} class="card">
      <FormErrors errors={errors} known={[...storeFieldNames]} />
      {field('name', f.name.label, f.name.hint, true)}
      <Field
        name="description"
        label={f.description.label}
        hint={f.description.hint}
        value={values.description}
        errors={errors}
        multiline
      />
      <div class="row">
        <Field
          name="category"
          label={f.category.label}
          value={values.category}
          errors={errors}
          required
          options={categories.map((c) => ({ value: c.id, label: c.label }))}
        />
        {field('city', f.city.label, undefined, true)}
      </div>
      {field('wechatId', f.wechatId.label, f.wechatId.hint, true)}
      {field('contactQrUrl', f.contactQrUrl.label, f.contactQrUrl.hint)}
      {field('logoUrl', f.logoUrl.label, f.logoUrl.hint)}
      <h2>{t.stores.miniProgram}</h2>
      {field('miniProgram.appId', f.appId.label, f.appId.hint)}
      {field('miniProgram.homePath', f.homePath.label, f.homePath.hint)}
      {field('miniProgram.productPath', f.productPath.label, f.productPath.hint)}
      <div class="row">
        {field('location.lat', f.lat.label)}
        {field('location.lng', f.lng.label, f.lng.hint)}
      </div>
      <button type="submit">{t.common.save}</button>
    </PostForm>
  );
};

const statusHints: Record<Store['status'], string> = {
  draft: t.stores.draftHint,
  pending_review: t.stores.pendingHint,
  approved: t.stores.approvedHint,
  rejected: t.stores.rejectedHint,
  suspended: t.stores.suspendedHint,
};

const Overview: FC<{ store: Store; csrf: string; missing?: FieldErrors | undefined }> = ({
  store,
  csrf,
  missing,
}) => (
  <>
    <StoreTabs store={store} current="overview" />
    <section class="card" aria-labelledby="status-h">
      <h2 id="status-h">
        {t.stores.statusLine}：<StatusBadge status={store.status} />
      </h2>
      <p>{statusHints[store.status]}</p>
      {store.review?.reason && (store.status === 'rejected' || store.status === 'suspended') && (
        <p>
          <strong>{t.stores.reason}：</strong>
          <span data-testid="review-reason">{store.review.reason}</span>
        </p>
      )}
      {missing && (
        <div class="flash bad" role="alert">
          <p>{t.stores.missing}</p>
          <ul>
            {Object.entries(missing).map(([field, msgs]) => (
              <li>{`${t.fields[field as keyof typeof t.fields]?.label ?? field}：${msgs.join('；')}`}</li>
            ))}
          </ul>
        </div>
      )}
      {(store.status === 'draft' || store.status === 'rejected') && (
        <PostForm action={`/console/stores/${store.id}/submit`} csrf={csrf} class="inline">
          <button type="submit">{store.status === 'rejected' ? t.stores.resubmit : t.stores.submit}</button>
        </PostForm>
      )}{' '}
      <a class="button secondary" href={`/console/stores/${store.id}/edit`}>
        {t.stores.edit}
      </a>
    </section>
    <section class="card">
      <StoreDetails store={store} />
    </section>
  </>
);

export const storeRoutes = new Hono<ConsoleEnv>()
  .get('/', async (c) => {
    const user = signedIn(c);
    const stores = await listMyStores(c.var.deps, user);
    return render(
      c,
      t.stores.title,
      <>
        <p>
          <a class="button" href="/console/stores/new">
            {t.stores.create}
          </a>
        </p>
        {stores.length === 0 ? (
          <Empty>{t.stores.none}</Empty>
        ) : (
          <ul class="card" aria-label={t.stores.title}>
            {stores.map((s) => (
              <li>
                <a href={`/console/stores/${s.id}`}>{s.name}</a> <StatusBadge status={s.status} /> · {s.city}
              </li>
            ))}
          </ul>
        )}
        <p class="hint">
          {t.stores.yourId}
          <code>{user.userId}</code>
        </p>
      </>,
    );
  })
  .get('/stores/new', (c) => {
    signedIn(c);
    return render(
      c,
      t.stores.newTitle,
      <StoreForm action="/console/stores" csrf={c.var.csrfToken} values={{ category: 'other' }} />,
    );
  })
  .post('/stores', async (c) => {
    const user = signedIn(c);
    const values = valuesOfForm(c.var.form);
    const parsed = parseForm(StoreCreate, storeBody(values, 'create'));
    if (!parsed.ok) {
      return render(
        c,
        t.stores.newTitle,
        <StoreForm action="/console/stores" csrf={c.var.csrfToken} values={values} errors={parsed.errors} />,
        { status: 400 },
      );
    }
    const store = await createStore(c.var.deps, user, parsed.data);
    return done(c, `/console/stores/${store.id}`, 'created');
  })
  .get('/stores/:storeId', async (c) => {
    const store = await ownStore(c);
    return render(c, store.name, <Overview store={store} csrf={c.var.csrfToken} />);
  })
  .get('/stores/:storeId/edit', async (c) => {
    const store = await ownStore(c);
    const action = `/console/stores/${store.id}/edit`;
    return render(
      c,
      t.stores.editTitle,
      <StoreForm action={action} csrf={c.var.csrfToken} values={valuesOfStore(store)} />,
    );
  })
  .post('/stores/:storeId/edit', async (c) => {
    const store = await ownStore(c);
    const values = valuesOfForm(c.var.form);
    const parsed = parseForm(StorePatch, storeBody(values, 'edit'));
    const action = `/console/stores/${store.id}/edit`;
    if (!parsed.ok) {
      return render(
        c,
        t.stores.editTitle,
        <StoreForm action={action} csrf={c.var.csrfToken} values={values} errors={parsed.errors} />,
        { status: 400 },
      );
    }
    await updateStore(c.var.deps, c.var.actor, store.id, parsed.data);
    return done(c, `/console/stores/${store.id}`, 'saved');
  })
  .post('/stores/:storeId/submit', async (c) => {
    const store = await ownStore(c);
    try {
      await submitStore(c.var.deps, c.var.actor, store.id);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'store_incomplete') throw err;
      return render(
        c,
        store.name,
        <Overview store={store} csrf={c.var.csrfToken} missing={fieldErrors(err.details)} />,
        { status: 422 },
      );
    }
    return done(c, `/console/stores/${store.id}`, 'submitted');
  });

/**
 * The store of the URL, for its owner only: a moderator reviews from the review pages, and anyone
 * else gets "not found" (a store's console pages never tell a stranger it exists).
 */
export async function ownStore(c: Parameters<typeof signedIn>[0]): Promise<Store> {
  const user = signedIn(c);
  const store = await getStore(c.var.deps, user, param(c, 'storeId')).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'forbidden'
      ? new AppError('not_found', 'Store not found')
      : err;
  });
  if (store.ownerId !== user.userId) throw new AppError('not_found', 'Store not found');
  return store;
}
