/**
 * How each document type is searched in SQLite: its tables, what is visible, and the columns its
 * filters, facets and sorts read. The in-memory columns (`columns.ts`) hold the same fields and
 * must agree with these; a property test holds them to it.
 */
import { type RawBuilder, sql } from 'kysely';
import type { DocType, FacetName, SearchFilters, SearchQuery } from '../engine';

type Fragment = RawBuilder<unknown>;

/** The fields a search reads besides the words: `time` is what `newest` (and browsing) sorts by. */
export type Field = 'category' | 'city' | 'storeId' | 'brand' | 'price' | 'time';

export interface TypeSpec {
  fts: string;
  /** The catalog table, aliased `c`. */
  table: string;
  /** Joins the row's store as `s` (empty for stores themselves). */
  storeJoin: Fragment;
  visible(now: string): Fragment;
  /** Each field's column; a type without a field ignores its filter, facet and sort. */
  fields: Partial<Record<Field, string>>;
  /** The facets it counts. */
  facets: FacetName[];
  /** The column shown as a hit's title. */
  title: string;
}

const raw = sql.raw;

export const specs: Record<DocType, TypeSpec> = {
  product: {
    fts: 'product_fts',
    table: 'products',
    storeJoin: raw('JOIN stores s ON s.id = c.store_id'),
    visible: () => raw(`s.status = 'approved' AND c.status = 'active' AND c.taken_down_at IS NULL`),
    fields: {
      category: 'c.category',
      city: 's.city',
      storeId: 'c.store_id',
      brand: 'c.brand',
      price: 'c.price',
      time: 'c.created_at',
    },
    facets: ['category', 'city', 'brand', 'storeId'],
    title: 'c.title',
  },
  post: {
    fts: 'post_fts',
    table: 'posts',
    storeJoin: raw('JOIN stores s ON s.id = c.store_id'),
    visible: (now) => sql`s.status = 'approved' AND c.taken_down_at IS NULL AND c.published_at <= ${now}`,
    fields: { category: 's.category', city: 's.city', storeId: 'c.store_id', time: 'c.published_at' },
    facets: ['category', 'city', 'storeId'],
    title: 'c.title',
  },
  store: {
    fts: 'store_fts',
    table: 'stores',
    storeJoin: raw(''),
    visible: () => raw(`c.status = 'approved'`),
    fields: { category: 'c.category', city: 'c.city', storeId: 'c.id', time: 'c.created_at' },
    facets: ['category', 'city'],
    title: 'c.name',
  },
};

/** The filter each field takes, by filter name. */
const filterFields: Record<keyof SearchFilters, Field> = {
  category: 'category',
  city: 'city',
  storeId: 'storeId',
  brand: 'brand',
  priceMin: 'price',
  priceMax: 'price',
};

/** The facets of `names` this type counts. */
export function facetsOf(spec: TypeSpec, names: readonly FacetName[]): FacetName[] {
  return names.filter((f) => spec.facets.includes(f));
}

/**
 * The order of a page: by a field, or by bm25 when ranking words. Browsing without words and a
 * sort the type lacks (price for posts) go newest first. Ties go newest (highest rowid) first.
 */
export function orderOf(
  spec: TypeSpec,
  query: SearchQuery,
): { field: 'price' | 'time'; desc: boolean } | null {
  if (query.sort === 'relevance') return query.q.trim() ? null : { field: 'time', desc: true };
  if ((query.sort === 'price_asc' || query.sort === 'price_desc') && spec.fields.price)
    return { field: 'price', desc: query.sort === 'price_desc' };
  return { field: 'time', desc: true };
}

/** The WHERE conditions for the filters; each value is a bound parameter. */
export function filterConditions(spec: TypeSpec, filters: SearchFilters): Fragment[] {
  const conditions: Fragment[] = [];
  for (const key of Object.keys(filters) as (keyof SearchFilters)[]) {
    const value = filters[key];
    const column = spec.fields[filterFields[key]];
    if (value === undefined || !column) continue;
    switch (key) {
      case 'priceMin':
        conditions.push(sql`${raw(column)} >= ${value}`);
        break;
      case 'priceMax':
        conditions.push(sql`${raw(column)} <= ${value}`);
        break;
      case 'category':
      case 'city':
      case 'storeId':
      case 'brand':
        conditions.push(sql`${raw(column)} = ${value}`);
        break;
      default: {
        const unknown: never = key;
        throw new Error(`unknown filter ${unknown}`);
      }
    }
  }
  return conditions;
}
