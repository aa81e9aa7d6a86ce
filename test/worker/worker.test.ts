/**
 * The Workers entry on the real Workers runtime: the built bundle in workerd (through miniflare)
 * on a local D1 database migrated from `migrations/` as `wrangler d1 migrations apply` does.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeMeili } from '../../src/search/meili/fake-meili';
import { completeStore, product } from '../harness';
import { serveOnLoopback } from '../loopback';

const root = new URL('../../', import.meta.url);
const bundle = new URL('dist/worker/worker.mjs', root);
const migrations = new URL('migrations/', root);
const compatibilityDate = readFileSync(new URL('wrangler.toml', root), 'utf8').match(
  /^compatibility_date = "(.+)"$/m,
)![1]!;

/** A loopback port nothing listens on: Meilisearch "down". */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The statements of a migration file: split at `;` outside strings and comments (our migrations have no triggers). */
function statements(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      current += '\n';
    } else if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      current += text.slice(i, end + 1);
      i = end;
    } else if (ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

function worker(bindings: Record<string, string>) {
  return new Miniflare({
    modules: true,
    scriptPath: fileURLToPath(bundle),
    compatibilityDate,
    d1Databases: { DB: 'jishi-test' },
    bindings,
  });
}

/** What the tests use of miniflare's D1 binding (its types come from a Workers type package we do not install). */
interface D1Statement {
  bind(...values: unknown[]): D1Statement;
  all<T>(): Promise<{ results: T[] }>;
}
interface D1 {
  prepare(sql: string): D1Statement;
  batch(statements: D1Statement[]): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
}
interface ScheduledWorker {
  scheduled(options: { cron: string }): Promise<{ outcome: string }>;
}

/** Every migration in order, each in one batch with its `d1_migrations` record, as wrangler applies them. */
async function migrate(db: D1) {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)',
  );
  const files = readdirSync(migrations)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort();
  for (const name of files) {
    const text = readFileSync(new URL(name, migrations), 'utf8');
    await db.batch([
      ...statements(text).map((s) => db.prepare(s)),
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(name),
    ]);
  }
  return files;
}

const SECRET = 'worker-test-secret-that-is-long-enough-0123456789';

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-worker.mjs'], { cwd: root, stdio: 'inherit' });
}, 60_000);

/** A worker with these bindings on a freshly migrated D1, for the enclosing tests, and how to call it. */
function useWorker(bindings: () => Promise<Record<string, string>>) {
  const state = {} as { mf: Miniflare; db: D1 };
  beforeAll(async () => {
    state.mf = worker({ LOG_LEVEL: 'silent', SESSION_SECRET: SECRET, ...(await bindings()) });
    state.db = (await state.mf.getD1Database('DB')) as unknown as D1;
    await migrate(state.db);
  }, 60_000);
  afterAll(() => state.mf?.dispose());

  async function call(method: string, path: string, init: { token?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = {};
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await state.mf.dispatchFetch(`http://localhost${path}`, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async function signIn(openid: string, roles: string[] = []) {
    const res = await call('POST', '/v1/auth/dev', { body: { openid, roles } });
    expect(res.status).toBe(200);
    return res.body.token as string;
  }

  /** A store created, submitted and approved, with an API key for its catalog. */
  async function approvedStore(openid: string) {
    const owner = await signIn(openid);
    const moderator = await signIn('moderator-1', ['moderator']);
    const created = await call('POST', '/v1/stores', {
      token: owner,
      body: { ...completeStore, name: `杭州小林家居馆 ${openid}` },
    });
    expect(created.status).toBe(201);
    const storeId = created.body.store.id as string;
    expect((await call('POST', `/v1/stores/${storeId}/submit`, { token: owner })).body.store.status).toBe(
      'pending_review',
    );
    const decided = await call('POST', `/v1/moderation/stores/${storeId}/decision`, {
      token: moderator,
      body: { action: 'approve' },
    });
    expect(decided.body.store.status).toBe('approved');
    const key = await call('POST', `/v1/stores/${storeId}/api-keys`, { token: owner, body: { name: 'erp' } });
    expect(key.status).toBe(201);
    return { storeId, owner, key: key.body.apiKey.secret as string };
  }

  /** One column of a query's rows. */
  const column = async <T>(column: string, sql: string, ...params: unknown[]) =>
    (
      await state.db
        .prepare(sql)
        .bind(...params)
        .all<Record<string, T>>()
    ).results.map((row) => row[column] as T);

  async function cron() {
    const fetcher = (await state.mf.getWorker()) as unknown as ScheduledWorker;
    return fetcher.scheduled({ cron: '* * * * *' });
  }

  return {
    state,
    call,
    approvedStore,
    cron,
    outbox: (storeId: string) =>
      column<string>(
        'ref',
        "SELECT ref FROM search_outbox WHERE store_id = ? AND doc_type = 'product' ORDER BY ref",
        storeId,
      ),
    productIds: (storeId: string) =>
      column<string>(
        'external_id',
        'SELECT external_id FROM products WHERE store_id = ? ORDER BY external_id',
        storeId,
      ),
    column,
  };
}

describe('the Workers entry on workerd with D1, Meilisearch down', () => {
  const { state, call, approvedStore, cron, outbox, productIds } = useWorker(async () => ({
    NODE_ENV: 'development',
    MEILI_URL: `http://127.0.0.1:${await closedPort()}`,
  }));

  it('answers /healthz', async () => {
    const res = await call('GET', '/healthz');
    expect(res.status).toBe(200);
  });

  it('takes a store from sign-up to a catalog, enqueueing each upsert for Meilisearch', async () => {
    const { storeId, key } = await approvedStore('vendor-a');
    const upsert = [product(1), product(2), product(3, { price: -1 }), product(4)];
    const res = await call('POST', `/v1/stores/${storeId}/products/batch`, { token: key, body: { upsert } });
    expect(res.status).toBe(200);
    expect(res.body.upserted).toBe(3);
    expect(res.body.failed).toMatchObject([{ op: 'upsert', index: 2, externalId: 'SKU-000003' }]);
    expect(res.body.failed[0].error.details[0].path).toEqual(['price']);

    expect(await productIds(storeId)).toEqual(['SKU-000001', 'SKU-000002', 'SKU-000004']);
    const listed = await call('GET', `/v1/stores/${storeId}/products`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { externalId: string }) => p.externalId).sort()).toEqual([
      'SKU-000001',
      'SKU-000002',
      'SKU-000004',
    ]);
    expect(await outbox(storeId)).toEqual(['SKU-000001', 'SKU-000002', 'SKU-000004']);
  });

  it('answers search with a clear 503 while Meilisearch cannot be reached', async () => {
    const res = await call('GET', `/v1/search?q=${encodeURIComponent('餐桌')}`);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('search_unavailable');
  });

  it('keeps the outbox when the cron drain cannot reach Meilisearch', async () => {
    expect((await cron()).outcome).toBe('ok');
    const rows = await state.db
      .prepare('SELECT attempts, last_error FROM search_outbox')
      .all<{ attempts: number; last_error: string | null }>();
    expect(rows.results.length).toBeGreaterThan(0);
    expect(rows.results.every((r) => r.attempts >= 1 && r.last_error)).toBe(true);
  });

  it('leaves nothing of a batch behind when D1 fails midway through it', async () => {
    const { storeId, key } = await approvedStore('vendor-b');
    await call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: key,
      body: { upsert: [product(1), product(2)] },
    });
    const rows = () =>
      state.db
        .prepare('SELECT * FROM products WHERE store_id = ? ORDER BY id')
        .bind(storeId)
        .all()
        .then((r) => r.results);
    const before = await rows();
    const outboxBefore = await outbox(storeId);
    // The batch runs the products upsert and the delete first; its outbox insert, later in the same D1 batch, fails.
    await state.db.exec(
      `CREATE TRIGGER fail_midway BEFORE INSERT ON search_outbox WHEN NEW.store_id = '${storeId}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    );
    try {
      const upsert = [1, 3, 4, 5].map((i) => product(i, { title: `改名后的商品 ${i}` }));
      const res = await call('POST', `/v1/stores/${storeId}/products/batch`, {
        token: key,
        body: { upsert, delete: ['SKU-000002'] },
      });
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('internal_error');
    } finally {
      await state.db.exec('DROP TRIGGER fail_midway');
    }
    expect(await rows()).toEqual(before);
    expect(await outbox(storeId)).toEqual(outboxBefore);
  });

  // D1 binds at most 100 parameters per statement: a batch of many rows of ~16 columns, or of many
  // deletes, must be split to stay under it ("too many SQL variables" otherwise).
  it('lands a full batch of products, and deletes of more than a hundred, within D1’s parameter limit', async () => {
    const { storeId, key } = await approvedStore('vendor-c');
    const upsert = Array.from({ length: 300 }, (_, i) => product(i));
    const res = await call('POST', `/v1/stores/${storeId}/products/batch`, { token: key, body: { upsert } });
    expect(res.body).toMatchObject({ upserted: 300, failed: [] });
    const gone = upsert.slice(0, 150).map((p) => p.externalId);
    const del = await call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: key,
      body: { delete: gone },
    });
    expect(del.body).toMatchObject({ deleted: 150, failed: [] });
    expect(await productIds(storeId)).toHaveLength(150);
  });
});

describe('the Workers entry on workerd with D1, Meilisearch up', () => {
  const meili = fakeMeili();
  let loopback: Awaited<ReturnType<typeof serveOnLoopback>> | undefined;
  const { call, approvedStore, cron, outbox, column } = useWorker(async () => {
    loopback = await serveOnLoopback(async (request) =>
      meili.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.method === 'GET' ? {} : { body: await request.text() }),
      }),
    );
    return { NODE_ENV: 'development', MEILI_URL: loopback.url, MEILI_API_KEY: 'meili-test-key' };
  });
  afterAll(() => loopback?.close());

  it('delivers the outbox on the cron run and answers search with the catalog rows of its hits', async () => {
    const { storeId, key } = await approvedStore('vendor-m');
    await call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: key,
      body: { upsert: [product(1), product(2)] },
    });
    expect(await outbox(storeId)).toEqual(['SKU-000001', 'SKU-000002']);
    expect((await cron()).outcome).toBe('ok');
    expect(await outbox(storeId)).toEqual([]);

    const ids = await column<string>(
      'id',
      'SELECT id FROM products WHERE store_id = ? ORDER BY external_id',
      storeId,
    );
    const delivered = meili
      .writes()
      .filter((r) => r.path === 'indexes/jishi_products/documents')
      .flatMap((r) => (r.body as { id: string }[]).map((d) => d.id));
    expect(delivered).toEqual(expect.arrayContaining(ids));
    expect(meili.writes().every((r) => r.authorization === 'Bearer meili-test-key')).toBe(true);

    meili.onSearch = (_uid, body) => ({
      hits: [
        { id: ids[1], title: '北欧风实木餐桌 2号', _formatted: { title: '北欧风实木<em>餐桌</em> 2号' } },
      ],
      query: body.q ?? '',
      processingTimeMs: 0,
      page: 1,
      hitsPerPage: body.hitsPerPage ?? 20,
      totalHits: 1,
      totalPages: 1,
      facetDistribution: {},
    });
    const res = await call('GET', `/v1/search?q=${encodeURIComponent('餐桌')}`);
    expect(res.status).toBe(200);
    expect(res.body.hits.map((h: { externalId: string }) => h.externalId)).toEqual(['SKU-000002']);
  });
});

describe('the Workers entry configured for production', () => {
  const started: Miniflare[] = [];
  afterAll(() => Promise.all(started.map((mf) => mf.dispose())));
  const start = (bindings: Record<string, string>) => {
    const mf = worker({ LOG_LEVEL: 'silent', ...bindings });
    started.push(mf);
    return mf;
  };

  it('throws a ConfigError naming MEILI_URL at every request instead of serving without search', async () => {
    const mf = start({
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      PUBLIC_BASE_URL: 'https://jishi.example.com',
    });
    for (const path of ['/healthz', '/v1/search?q=x']) {
      const res = await mf.dispatchFetch(`http://localhost${path}`);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(text).toContain('MEILI_URL: required on Workers');
      expect(text).not.toContain(SECRET);
    }
  });

  it('has no dev sign-in', async () => {
    const mf = start({
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      PUBLIC_BASE_URL: 'https://jishi.example.com',
      MEILI_URL: `http://127.0.0.1:${await closedPort()}`,
    });
    const res = await mf.dispatchFetch('http://localhost/v1/auth/dev', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ openid: 'me' }),
    });
    expect(res.status).toBe(404);
  });
});
