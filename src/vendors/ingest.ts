/**
 * Catalog ingest: a batch of upserts and deletes, each item validated on its own. The good items
 * land together in one atomic batch; a bad one is reported by index and nothing of it is stored.
 */
import { CompiledQuery } from 'kysely';
import type { ZodType } from 'zod';
import type { DomainDeps } from '../deps';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import type { IndexText } from '../search/engine';
import type { Actor } from '../users/actor';
import { detailsOf } from '../validation';
import {
  BATCH_MAX_ITEMS,
  type BatchFailure,
  type BatchResult,
  PostInput,
  ProductInput,
} from './catalog-schema';
import { loadStore, ownedStore } from './store-access';
import type { StoresTable } from './stores.table';
import { externalId as externalIdSchema } from './text';

type Row = Record<string, string | number | null>;

interface IngestSpec<I extends { externalId: string }> {
  table: 'products' | 'posts';
  schema: ZodType<I>;
  /** Columns a vendor controls; a repeat that changes none of them changes nothing. */
  content: readonly string[];
  toContent(item: I, store: StoresTable, at: string): Row;
  toIndexText(item: I): IndexText;
}

const productSpec: IngestSpec<ProductInput> = {
  table: 'products',
  schema: ProductInput,
  content: [
    'title',
    'description',
    'category',
    'brand',
    'price',
    'original_price',
    'currency',
    'images',
    'tags',
    'mini_program_path',
    'status',
  ],
  toContent: (p, store) => ({
    title: p.title,
    description: p.description || null,
    category: p.category ?? store.category,
    brand: p.brand ?? null,
    price: p.price,
    original_price: p.originalPrice ?? null,
    currency: p.currency,
    images: JSON.stringify(p.images),
    tags: JSON.stringify(p.tags),
    mini_program_path: p.miniProgramPath ?? null,
    status: p.status,
  }),
  toIndexText: (p) => ({
    externalId: p.externalId,
    title: p.title,
    brand: p.brand ?? null,
    body: p.description ?? null,
    tags: p.tags,
  }),
};

const postSpec: IngestSpec<PostInput> = {
  table: 'posts',
  schema: PostInput,
  content: ['title', 'body', 'cover_url', 'images', 'product_external_ids', 'tags', 'published_at'],
  toContent: (p, _store, at) => ({
    title: p.title,
    body: p.body,
    cover_url: p.coverUrl ?? null,
    images: JSON.stringify(p.images),
    product_external_ids: JSON.stringify([...new Set(p.productExternalIds)]),
    tags: JSON.stringify(p.tags),
    published_at: p.publishedAt ? new Date(p.publishedAt).toISOString() : at,
  }),
  toIndexText: (p) => ({ externalId: p.externalId, title: p.title, body: p.body, tags: p.tags }),
};

/** Rows or ids a statement carries at most: more makes statements SQLite compiles slower than it runs them. */
const ROWS_PER_STATEMENT = 200;

/** Who may sync a store's catalog: its own API key, or its owner signed in. */
async function authorizeIngest(deps: DomainDeps, actor: Actor, storeId: string): Promise<StoresTable> {
  if (actor.kind === 'api_key') {
    if (actor.storeId !== storeId) throw new AppError('forbidden', 'This API key belongs to another store');
    const row = await loadStore(deps.db, storeId);
    if (!row) throw notFound('Store');
    return row;
  }
  return (await ownedStore(deps.db, actor, storeId)).row;
}

function envelope(body: unknown): { upsert: unknown[]; delete: unknown[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new AppError('validation_failed', 'The body must be an object with upsert and delete lists', [
      { path: [], code: 'invalid_type', message: 'expected an object' },
    ]);
  }
  const { upsert = [], delete: del = [], ...rest } = body as Record<string, unknown>;
  const details = [
    ...Object.keys(rest).map((k) => ({ path: [k], code: 'unrecognized_key', message: 'not a batch field' })),
    ...(Array.isArray(upsert)
      ? []
      : [{ path: ['upsert'], code: 'invalid_type', message: 'expected an array' }]),
    ...(Array.isArray(del) ? [] : [{ path: ['delete'], code: 'invalid_type', message: 'expected an array' }]),
  ];
  if (details.length > 0) throw new AppError('validation_failed', 'The batch is not valid', details);
  const items = { upsert: upsert as unknown[], delete: del as unknown[] };
  if (items.upsert.length + items.delete.length > BATCH_MAX_ITEMS) {
    throw new AppError('batch_too_large', `A batch holds at most ${BATCH_MAX_ITEMS} items in all`, [
      { path: [], code: 'too_big', message: `at most ${BATCH_MAX_ITEMS} upserts and deletes together` },
    ]);
  }
  return items;
}

/**
 * One multi-row upsert; a repeat that changes no content column changes nothing. Written as text
 * rather than built with Kysely: building a thousand parameters as query nodes cost more than running them.
 */
function upsertStatement(spec: IngestSpec<{ externalId: string }>, rows: Row[]): CompiledQuery {
  const columns = Object.keys(rows[0]!);
  const q = (name: string) => `"${name}"`;
  const row = `(${columns.map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const r of rows) for (const c of columns) params.push(r[c]);
  const content = spec.content.map(q);
  return CompiledQuery.raw(
    `INSERT INTO ${q(spec.table)} (${columns.map(q).join(', ')}) VALUES ${rows.map(() => row).join(', ')}
    ON CONFLICT (store_id, external_id) DO UPDATE SET
      ${[...content, q('updated_at')].map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE (${content.map((c) => `${q(spec.table)}.${c}`).join(', ')}) IS NOT (${content.map((c) => `excluded.${c}`).join(', ')})`,
    params,
  );
}

async function ingest<I extends { externalId: string }>(
  deps: DomainDeps,
  spec: IngestSpec<I>,
  actor: Actor,
  storeId: string,
  body: unknown,
): Promise<BatchResult> {
  const store = await authorizeIngest(deps, actor, storeId);
  const items = envelope(body);
  const at = deps.clock.now().toISOString();
  const failed: BatchFailure[] = [];
  const rows: Row[] = [];
  const indexed: IndexText[] = [];
  const seen = new Set<string>();

  items.upsert.forEach((raw, index) => {
    const parsed = spec.schema.safeParse(raw);
    const rawId = (raw as { externalId?: unknown } | null)?.externalId;
    const named = typeof rawId === 'string' ? { externalId: rawId } : {};
    if (!parsed.success) {
      const error = {
        code: 'validation_failed',
        message: 'The item is not valid',
        details: detailsOf(parsed.error),
      };
      failed.push({ op: 'upsert', index, ...named, error });
    } else if (seen.has(parsed.data.externalId)) {
      const details = [{ path: ['externalId'], code: 'duplicate', message: 'appears earlier in this batch' }];
      failed.push({
        op: 'upsert',
        index,
        ...named,
        error: { code: 'duplicate_in_batch', message: 'Duplicate externalId', details },
      });
    } else {
      seen.add(parsed.data.externalId);
      indexed.push(spec.toIndexText(parsed.data));
      rows.push({
        id: newId(spec.table === 'products' ? 'pr' : 'po'),
        store_id: storeId,
        external_id: parsed.data.externalId,
        ...spec.toContent(parsed.data, store, at),
        created_at: at,
        updated_at: at,
      });
    }
  });

  const deletes: string[] = [];
  items.delete.forEach((raw, index) => {
    const parsed = externalIdSchema.safeParse(raw);
    const named = typeof raw === 'string' ? { externalId: raw } : {};
    if (!parsed.success) {
      failed.push({
        op: 'delete',
        index,
        ...named,
        error: { code: 'validation_failed', message: 'Not an externalId', details: detailsOf(parsed.error) },
      });
    } else if (seen.has(parsed.data)) {
      const details = [{ path: [], code: 'conflict', message: 'upserted and deleted in the same batch' }];
      failed.push({
        op: 'delete',
        index,
        ...named,
        error: { code: 'duplicate_in_batch', message: 'Both upserted and deleted', details },
      });
    } else if (!deletes.includes(parsed.data)) {
      deletes.push(parsed.data);
    }
  });

  const type = spec.table === 'products' ? 'product' : 'post';
  const removal = deps.search.indexStatements({ kind: 'delete', type, storeId, externalIds: deletes });
  const update = deps.search.indexStatements({
    kind: 'upsert',
    type,
    storeId,
    items: indexed,
    changedAt: at,
  });
  const statements: CompiledQuery[] = [...removal.before, ...update.before];
  // Within the database's limit on parameters per statement (D1's is 100).
  const columns = rows[0] ? Object.keys(rows[0]).length : 1;
  const rowsPerStatement = Math.max(
    1,
    Math.min(ROWS_PER_STATEMENT, Math.floor(deps.db.maxParameters / columns)),
  );
  for (let i = 0; i < rows.length; i += rowsPerStatement) {
    statements.push(upsertStatement(spec, rows.slice(i, i + rowsPerStatement)));
  }
  const upsertStatements = statements.length;
  const idsPerStatement = Math.min(ROWS_PER_STATEMENT, deps.db.maxParameters - 1);
  for (let i = 0; i < deletes.length; i += idsPerStatement) {
    const chunk = deletes.slice(i, i + idsPerStatement);
    statements.push(
      deps.db.kysely
        .deleteFrom(spec.table)
        .where('store_id', '=', storeId)
        .where('external_id', 'in', chunk)
        .compile(),
    );
  }
  const deleteStatements = statements.length - upsertStatements;
  statements.push(...update.after, ...removal.after);
  const results = await deps.db.batch(statements);
  const deleted = results
    .slice(upsertStatements, upsertStatements + deleteStatements)
    .reduce((n, r) => n + r.changes, 0);
  failed.sort((a, b) => (a.op === b.op ? a.index - b.index : a.op === 'upsert' ? -1 : 1));
  return { upserted: rows.length, deleted, failed };
}

export const ingestProducts = (deps: DomainDeps, actor: Actor, storeId: string, body: unknown) =>
  ingest(deps, productSpec, actor, storeId, body);

export const ingestPosts = (deps: DomainDeps, actor: Actor, storeId: string, body: unknown) =>
  ingest(deps, postSpec, actor, storeId, body);
