/** The catalog rows search documents are made from, each joined with its store. */
import type { Db } from '../../db/database';
import type { StoreStatus } from '../../vendors/stores.table';

interface ItemBase {
  id: string;
  store_id: string;
  external_id: string;
  title: string;
  images: string;
  tags: string;
  taken_down_at: string | null;
  created_at: string;
  store_name: string;
  city: string;
  store_status: StoreStatus;
  store_category: string;
}
export interface ProductRow extends ItemBase {
  type: 'product';
  description: string | null;
  brand: string | null;
  category: string;
  price: number;
  status: 'active' | 'inactive';
}
export interface PostRow extends ItemBase {
  type: 'post';
  body: string;
  cover_url: string | null;
  published_at: string;
}
export type ItemRow = ProductRow | PostRow;

export interface StoreRow {
  id: string;
  store_name: string;
  description: string | null;
  category: string;
  city: string;
  logo_url: string | null;
  status: StoreStatus;
  created_at: string;
}

/** By ids; by a store's externalIds; or a page of the indexable ones (of one store) after an id. */
export type RowFilter =
  | { ids: readonly string[] }
  | { storeId: string; externalIds: readonly string[] }
  | { indexableAfter: string; storeId?: string | undefined; limit: number };

const PARAMS_PER_QUERY = 90;

async function chunked<T>(values: readonly string[], run: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < values.length; i += PARAMS_PER_QUERY) {
    out.push(...(await run(values.slice(i, i + PARAMS_PER_QUERY))));
  }
  return out;
}

const storeColumns = [
  's.name as store_name',
  's.city',
  's.status as store_status',
  's.category as store_category',
] as const;

async function productRows(db: Db, f: RowFilter): Promise<ProductRow[]> {
  const base = db.kysely
    .selectFrom('products as i')
    .innerJoin('stores as s', 's.id', 'i.store_id')
    .select(['i.id', 'i.store_id', 'i.external_id', 'i.title', 'i.description', 'i.brand', 'i.category'])
    .select([
      'i.price',
      'i.images',
      'i.tags',
      'i.status',
      'i.taken_down_at',
      'i.created_at',
      ...storeColumns,
    ]);
  let rows: Omit<ProductRow, 'type'>[];
  if ('ids' in f) rows = await chunked(f.ids, (ids) => base.where('i.id', 'in', ids).execute());
  else if ('externalIds' in f) {
    const q = base.where('i.store_id', '=', f.storeId);
    rows = await chunked(f.externalIds, (ext) => q.where('i.external_id', 'in', ext).execute());
  } else {
    let q = base
      .where('s.status', '=', 'approved')
      .where('i.status', '=', 'active')
      .where('i.taken_down_at', 'is', null)
      .where('i.id', '>', f.indexableAfter);
    if (f.storeId !== undefined) q = q.where('i.store_id', '=', f.storeId);
    rows = await q.orderBy('i.id').limit(f.limit).execute();
  }
  return rows.map((r) => ({ ...r, type: 'product' }));
}

async function postRows(db: Db, f: RowFilter): Promise<PostRow[]> {
  const base = db.kysely
    .selectFrom('posts as i')
    .innerJoin('stores as s', 's.id', 'i.store_id')
    .select(['i.id', 'i.store_id', 'i.external_id', 'i.title', 'i.body', 'i.cover_url', 'i.images', 'i.tags'])
    .select(['i.published_at', 'i.taken_down_at', 'i.created_at', ...storeColumns]);
  let rows: Omit<PostRow, 'type'>[];
  if ('ids' in f) rows = await chunked(f.ids, (ids) => base.where('i.id', 'in', ids).execute());
  else if ('externalIds' in f) {
    const q = base.where('i.store_id', '=', f.storeId);
    rows = await chunked(f.externalIds, (ext) => q.where('i.external_id', 'in', ext).execute());
  } else {
    let q = base
      .where('s.status', '=', 'approved')
      .where('i.taken_down_at', 'is', null)
      .where('i.id', '>', f.indexableAfter);
    if (f.storeId !== undefined) q = q.where('i.store_id', '=', f.storeId);
    rows = await q.orderBy('i.id').limit(f.limit).execute();
  }
  return rows.map((r) => ({ ...r, type: 'post' }));
}

export function itemRows(db: Db, type: 'product' | 'post', filter: RowFilter): Promise<ItemRow[]> {
  return type === 'product' ? productRows(db, filter) : postRows(db, filter);
}

/** Stores by ids, or a page of the approved ones after an id. */
export async function storeRows(
  db: Db,
  f: { ids: readonly string[] } | { indexableAfter: string; limit: number },
): Promise<StoreRow[]> {
  const base = db.kysely
    .selectFrom('stores')
    .select([
      'id',
      'name as store_name',
      'description',
      'category',
      'city',
      'logo_url',
      'status',
      'created_at',
    ]);
  if ('ids' in f) return chunked(f.ids, (ids) => base.where('id', 'in', ids).execute());
  return base
    .where('status', '=', 'approved')
    .where('id', '>', f.indexableAfter)
    .orderBy('id')
    .limit(f.limit)
    .execute();
}

/** How many documents of a type shoppers may find now. */
export async function countIndexable(db: Db, type: 'product' | 'post' | 'store'): Promise<number> {
  const count = db.kysely.fn.countAll<number>().as('n');
  let n: number;
  if (type === 'store') {
    n = (
      await db.kysely
        .selectFrom('stores')
        .select(count)
        .where('status', '=', 'approved')
        .executeTakeFirstOrThrow()
    ).n;
  } else if (type === 'product') {
    n = (
      await db.kysely
        .selectFrom('products as i')
        .innerJoin('stores as s', 's.id', 'i.store_id')
        .select(count)
        .where('s.status', '=', 'approved')
        .where('i.status', '=', 'active')
        .where('i.taken_down_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n;
  } else {
    n = (
      await db.kysely
        .selectFrom('posts as i')
        .innerJoin('stores as s', 's.id', 'i.store_id')
        .select(count)
        .where('s.status', '=', 'approved')
        .where('i.taken_down_at', 'is', null)
        .executeTakeFirstOrThrow()
    ).n;
  }
  return Number(n);
}
