/** A store's API keys: create one (its secret shown once, with an example request), list, revoke. */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import { siteOrigin } from '../../api/openapi';
import { ApiKeyCreate, createApiKey, listApiKeys, revokeApiKey } from '../../vendors/api-keys';
import type { Store } from '../../vendors/store-schema';
import type { ConsoleEnv } from '../env';
import { param, parseForm, text } from '../forms';
import { DataTable, Field, type FieldErrors, PostForm, when } from '../layout';
import { t } from '../messages';
import { done, render } from '../render';
import { ownStore, StoreTabs } from './stores';

/** What a vendor can paste into a terminal to push a first product with the new key. */
export function exampleCurl(origin: string, storeId: string, secret: string): string {
  const body = JSON.stringify({
    upsert: [
      {
        externalId: 'SKU-001',
        title: t.catalog.exampleTitle,
        price: 12900,
        images: ['https://example.com/1.jpg'],
      },
    ],
  });
  return [
    `curl -X POST '${origin}/v1/stores/${storeId}/products/batch' \\`,
    `  -H 'Authorization: Bearer ${secret}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${body}'`,
  ].join('\n');
}

const NewSecret: FC<{ secret: string; curl: string }> = ({ secret, curl }) => (
  <section class="card" aria-labelledby="secret-h">
    <h2 id="secret-h">{t.keys.created}</h2>
    <p class="secret" id="new-secret" data-testid="new-secret">
      {secret}
    </p>
    <button type="button" class="secondary" data-copy="new-secret" data-done={t.common.copied}>
      {t.common.copy}
    </button>
    <p>{t.keys.example}</p>
    <pre id="example-curl">{curl}</pre>
    <button type="button" class="secondary" data-copy="example-curl" data-done={t.common.copied}>
      {t.common.copy}
    </button>
  </section>
);

async function keysPage(
  c: Parameters<typeof ownStore>[0],
  store: Store,
  extra: { secret?: string; errors?: FieldErrors; status?: 201 | 400 } = {},
) {
  const keys = await listApiKeys(c.var.deps, c.var.actor, store.id);
  const base = `/console/stores/${store.id}/keys`;
  return render(
    c,
    `${store.name} · ${t.keys.title}`,
    <>
      <StoreTabs store={store} current="keys" />
      <p>{t.keys.intro}</p>
      {extra.secret && (
        <NewSecret secret={extra.secret} curl={exampleCurl(siteOrigin(c), store.id, extra.secret)} />
      )}
      <PostForm action={base} csrf={c.var.csrfToken} class="card row">
        <Field name="name" label={t.keys.name} errors={extra.errors} attrs={{ maxlength: '60' }} />
        <div class="field">
          <button type="submit">{t.keys.create}</button>
        </div>
      </PostForm>
      <DataTable
        rows={keys.length}
        empty={t.keys.none}
        head={[t.keys.name, t.keys.prefix, t.keys.createdAt, t.keys.lastUsed, '']}
      >
        {keys.map((k) => (
          <tr>
            <td>{k.name}</td>
            <td>
              <code>{k.prefix}…</code>
            </td>
            <td>{when(k.createdAt)}</td>
            <td>{k.lastUsedAt ? when(k.lastUsedAt) : t.keys.never}</td>
            <td>
              <PostForm action={`${base}/${k.id}/revoke`} csrf={c.var.csrfToken}>
                <button type="submit" class="danger" aria-label={`${t.keys.revoke} ${k.name}`}>
                  {t.keys.revoke}
                </button>
              </PostForm>
            </td>
          </tr>
        ))}
      </DataTable>
    </>,
    { status: extra.status ?? 200 },
  );
}

export const keyRoutes = new Hono<ConsoleEnv>()
  .get('/stores/:storeId/keys', async (c) => keysPage(c, await ownStore(c)))
  .post('/stores/:storeId/keys', async (c) => {
    const store = await ownStore(c);
    const name = text(c.var.form, 'name');
    const parsed = parseForm(ApiKeyCreate, name ? { name } : {});
    if (!parsed.ok) return keysPage(c, store, { errors: parsed.errors, status: 400 });
    const key = await createApiKey(c.var.deps, c.var.actor, store.id, parsed.data);
    return keysPage(c, store, { secret: key.secret, status: 201 });
  })
  .post('/stores/:storeId/keys/:keyId/revoke', async (c) => {
    const store = await ownStore(c);
    await revokeApiKey(c.var.deps, c.var.actor, store.id, param(c, 'keyId'));
    return done(c, `/console/stores/${store.id}/keys`, 'revoked');
  });
