/**
 * Search documents built from the catalog as it is now: the document of each visible item, or a
 * marker saying it must leave the index. Reading the current rows makes every delivery idempotent.
 */
import type { Db } from '../../db/database';
import { titleInitials, titlePinyin } from './pinyin';
import { type ItemRow, itemRows, type StoreRow, storeRows } from './rows';

interface Common {
  id: string;
  storeId: string;
  storeName: string;
  city: string;
  category: string;
  title: string;
  /** Epoch ms. */
  createdAt: number;
  title_pinyin: string;
  title_initials: string;
}
export interface ProductDoc extends Common {
  type: 'product';
  externalId: string;
  description: string | null;
  brand: string | null;
  /** Fen. */
  price: number;
  imageUrl: string | null;
  tags: string[];
}
export interface PostDoc extends Common {
  type: 'post';
  externalId: string;
  body: string;
  imageUrl: string | null;
  tags: string[];
  /** Epoch ms; scheduled posts are indexed and hidden at query time until then. */
  publishedAt: number;
}
export interface StoreDoc extends Common {
  type: 'store';
  description: string | null;
  imageUrl: string | null;
}
export type SearchDoc = ProductDoc | PostDoc | StoreDoc;

export type ItemType = 'product' | 'post';
export type DocRef =
  | { type: ItemType; storeId: string; externalId: string }
  | { type: ItemType; id: string }
  | { type: 'store'; id: string };

/** What to remove: by document id when known, else by the vendor's reference. */
export type DeleteTarget =
  | { type: ItemType | 'store'; id: string }
  | { type: ItemType; storeId: string; externalId: string };

export type Loaded = { ref: DocRef; doc: SearchDoc } | { ref: DocRef; delete: DeleteTarget };

const firstOf = (json: string): string | null => (JSON.parse(json) as string[])[0] ?? null;
const ms = (iso: string) => Date.parse(iso);

function common(row: ItemRow | StoreRow, title: string) {
  return {
    storeName: row.store_name,
    city: row.city,
    title,
    title_pinyin: titlePinyin(title),
    title_initials: titleInitials(title),
  };
}

export function itemDoc(row: ItemRow): ProductDoc | PostDoc {
  const base = { id: row.id, storeId: row.store_id, externalId: row.external_id, tags: JSON.parse(row.tags) };
  if (row.type === 'product') {
    return {
      ...base,
      type: 'product',
      ...common(row, row.title),
      category: row.category,
      description: row.description,
      brand: row.brand,
      price: row.price,
      imageUrl: firstOf(row.images),
      createdAt: ms(row.created_at),
    };
  }
  return {
    ...base,
    type: 'post',
    ...common(row, row.title),
    category: row.store_category,
    body: row.body,
    imageUrl: row.cover_url ?? firstOf(row.images),
    publishedAt: ms(row.published_at),
    createdAt: ms(row.created_at),
  };
}

export function storeDoc(row: StoreRow): StoreDoc {
  return {
    id: row.id,
    type: 'store',
    storeId: row.id,
    ...common(row, row.store_name),
    category: row.category,
    description: row.description,
    imageUrl: row.logo_url,
    createdAt: ms(row.created_at),
  };
}

/** Shoppers may find it: an approved store's active, not taken-down product or not taken-down post. */
export const itemIndexable = (row: ItemRow) =>
  row.store_status === 'approved' &&
  row.taken_down_at === null &&
  (row.type === 'post' || row.status === 'active');

/** The current document, or a delete marker, for each ref, in the refs' order. */
export async function loadDocuments(db: Db, refs: readonly DocRef[]): Promise<Loaded[]> {
  const found = new Map<string, ItemRow | StoreRow>();
  const keyOf = (ref: DocRef) =>
    'id' in ref ? `${ref.type}:${ref.id}` : `${ref.type}:${ref.storeId}:${ref.externalId}`;
  for (const type of ['product', 'post'] as const) {
    const mine = refs.filter((r) => r.type === type);
    const ids = mine.flatMap((r) => ('id' in r ? [r.id] : []));
    const byStore = new Map<string, string[]>();
    for (const r of mine) {
      if (!('externalId' in r)) continue;
      const list = byStore.get(r.storeId) ?? [];
      if (list.length === 0) byStore.set(r.storeId, list);
      list.push(r.externalId);
    }
    const rows = [
      ...(await itemRows(db, type, { ids })),
      ...(
        await Promise.all(
          [...byStore].map(([storeId, externalIds]) => itemRows(db, type, { storeId, externalIds })),
        )
      ).flat(),
    ];
    for (const row of rows) {
      found.set(`${type}:${row.id}`, row);
      found.set(`${type}:${row.store_id}:${row.external_id}`, row);
    }
  }
  const storeIds = refs.flatMap((r) => (r.type === 'store' ? [r.id] : []));
  for (const row of await storeRows(db, { ids: storeIds })) found.set(`store:${row.id}`, row);

  return refs.map((ref): Loaded => {
    const row = found.get(keyOf(ref));
    if (row && 'type' in row)
      return itemIndexable(row)
        ? { ref, doc: itemDoc(row) }
        : { ref, delete: { type: row.type, id: row.id } };
    if (row)
      return row.status === 'approved'
        ? { ref, doc: storeDoc(row) }
        : { ref, delete: { type: 'store', id: row.id } };
    return { ref, delete: ref };
  });
}

/** Every indexable document of a type (of one store, if given), a chunk at a time in id order. */
export async function* indexableDocuments(
  db: Db,
  type: ItemType | 'store',
  options: { storeId?: string | undefined; chunkSize: number },
): AsyncGenerator<SearchDoc[]> {
  if (type === 'store' && options.storeId !== undefined) {
    const docs = (await storeRows(db, { ids: [options.storeId] })).filter((r) => r.status === 'approved');
    if (docs.length > 0) yield docs.map(storeDoc);
    return;
  }
  let after = '';
  for (;;) {
    const page = { indexableAfter: after, limit: options.chunkSize, storeId: options.storeId };
    const rows: (ItemRow | StoreRow)[] =
      type === 'store' ? await storeRows(db, page) : await itemRows(db, type, page);
    if (rows.length > 0) yield rows.map((r) => ('type' in r ? itemDoc(r) : storeDoc(r)));
    if (rows.length < options.chunkSize) return;
    after = rows.at(-1)!.id;
  }
}
