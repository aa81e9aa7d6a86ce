/** A store's products and posts as the marketplace sees them, and a file upload through the batch ingest. */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { AppError } from '../../errors';
import { yuan } from '../../money';
import { browseCatalog, type CatalogRow } from '../../vendors/catalog-browse';
import type { BatchResult } from '../../vendors/catalog-schema';
import { ingestPosts, ingestProducts } from '../../vendors/ingest';
import type { Store } from '../../vendors/store-schema';
import { batchOfFile } from '../catalog-file';
import type { ConsoleEnv } from '../env';
import { text } from '../forms';
import { DataTable, Field, NextPage, PostForm, Tabs, when } from '../layout';
import { t } from '../messages';
import { render } from '../render';
import { ownStore, StoreTabs } from './stores';

const Rows: FC<{ rows: CatalogRow[]; type: 'product' | 'post' }> = ({ rows, type }) => (
  <DataTable
    rows={rows.length}
    empty={t.catalog.none}
    head={[
      t.catalog.itemTitle,
      t.catalog.externalId,
      ...(type === 'product' ? [t.catalog.price] : []),
      t.catalog.live,
      t.catalog.updated,
    ]}
  >
    {rows.map((r) => (
      <tr>
        <td>{r.title}</td>
        <td>
          <code>{r.externalId}</code>
        </td>
        {type === 'product' && <td>{r.price === null ? '—' : yuan(r.price)}</td>}
        <td>
          {r.live ? `✓ ${t.catalog.live}` : `${t.catalog.notLive}（${t.catalog.why[r.notLive ?? ''] ?? ''}）`}
        </td>
        <td>{when(r.updatedAt)}</td>
      </tr>
    ))}
  </DataTable>
);

const UploadResult: FC<{ result: BatchResult }> = ({ result }) => (
  <section class={result.failed.length ? 'flash bad' : 'flash'} role="status" aria-labelledby="upload-h">
    <h2 id="upload-h">{t.catalog.uploadResult(result.upserted, result.failed.length)}</h2>
    {result.failed.length > 0 && (
      <ul>
        {result.failed.map((f) => (
          <li>
            {t.catalog.failedRow(f.index + 1)}
            {f.externalId ? `（${f.externalId}）` : ''}：{f.error.message}
            {f.error.details.length > 0 &&
              `：${f.error.details.map((d) => `${d.path.join('.')} ${d.message}`).join('；')}`}
          </li>
        ))}
      </ul>
    )}
  </section>
);

async function catalogPage(
  c: Parameters<typeof ownStore>[0],
  store: Store,
  upload: { result?: BatchResult; error?: string } = {},
) {
  const type = c.req.query('type') === 'post' ? 'post' : 'product';
  const q = c.req.query('q') ?? '';
  const page = await browseCatalog(c.var.deps, c.var.actor, store.id, {
    type,
    q,
    cursor: c.req.query('cursor'),
    limit: 50,
  });
  const path = `/console/stores/${store.id}/catalog`;
  return render(
    c,
    `${store.name} · ${t.catalog.title}`,
    <>
      <StoreTabs store={store} current="catalog" />
      {upload.result && <UploadResult result={upload.result} />}
      {upload.error && (
        <p class="flash bad" role="alert">
          {t.catalog.badFile}
          {upload.error}
        </p>
      )}
      <Tabs
        label={t.catalog.title}
        items={[
          { href: `${path}?type=product`, label: t.catalog.products, current: type === 'product' },
          { href: `${path}?type=post`, label: t.catalog.posts, current: type === 'post' },
        ]}
      />
      <search>
        <form method="get" action={path} class="row">
          <input type="hidden" name="type" value={type} />
          <Field name="q" type="search" label={t.catalog.query} value={q} filter />
          <div class="field">
            <button type="submit">{t.common.search}</button>
          </div>
        </form>
      </search>
      <Rows rows={page.items} type={type} />
      <NextPage path={path} query={{ type, q }} cursor={page.nextCursor} />
      <section class="card" aria-labelledby="upload-form-h">
        <h2 id="upload-form-h">{t.catalog.upload}</h2>
        <p>{t.catalog.uploadIntro}</p>
        <p class="hint">{t.catalog.csvHint}</p>
        <PostForm action={`${path}/upload`} csrf={c.var.csrfToken} multipart>
          <Field
            name="kind"
            label={t.catalog.uploadKind}
            required
            value={type}
            options={[
              { value: 'product', label: t.catalog.products },
              { value: 'post', label: t.catalog.posts },
            ]}
          />
          <div class="field">
            <label for="f-file">{t.catalog.file}</label>
            <input
              id="f-file"
              type="file"
              name="file"
              accept=".json,.csv,application/json,text/csv"
              required
            />
          </div>
          <button type="submit">{t.catalog.upload}</button>
        </PostForm>
      </section>
    </>,
    { status: upload.error ? 400 : 200 },
  );
}

export const catalogRoutes = new Hono<ConsoleEnv>()
  .get('/stores/:storeId/catalog', async (c) => catalogPage(c, await ownStore(c)))
  .post('/stores/:storeId/catalog/upload', async (c) => {
    const store = await ownStore(c);
    const file = c.var.form.file;
    if (!(file instanceof File) || file.size === 0) return catalogPage(c, store, { error: t.catalog.noFile });
    const parsed = batchOfFile(file.name, await file.text());
    if (!parsed.ok) return catalogPage(c, store, { error: parsed.message });
    const ingest = text(c.var.form, 'kind') === 'post' ? ingestPosts : ingestProducts;
    try {
      return catalogPage(c, store, { result: await ingest(c.var.deps, c.var.actor, store.id, parsed.body) });
    } catch (err) {
      // The file as a whole is not a batch (too many items, not an object): say so on the page.
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 403 || err.status === 404)
        throw err;
      const details = err.details.map((d) => `${d.path.join('.')} ${d.message}`).join('；');
      return catalogPage(c, store, { error: details ? `${err.message}：${details}` : err.message });
    }
  });
