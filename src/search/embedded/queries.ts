/** How each document type is searched in SQLite: its tables, what is visible, its filters, facets and sorts. */
import { type RawBuilder, sql } from 'kysely';
import type { DocType, FacetName, SearchFilters, SortOrder } from '../engine';

type Fragment = RawBuilder<unknown>;

export interface TypeSpec {
  fts: string;
  /** The catalog table, aliased `c`. */
  table: string;
  /** Joins the row's store as `s` (empty for stores themselves). */
  storeJoin: Fragment;
  visible(now: string): Fragment;
  filters: Partial<Record<keyof SearchFilters, string>>;
  facets: Partial<Record<FacetName, string>>;
  order: Record<Exclude<SortOrder, 'relevance'>, string | null>;
  /** Browse order when there are no words to rank by. */
  browse: string;
}

const raw = sql.raw;

export const specs: Record<DocType, TypeSpec> = {
  product: {
    fts: 'product_fts',
    table: 'products',
    storeJoin: raw('JOIN stores s ON s.id = c.store_id'),
    visible: () => raw(`s.status = 'approved' AND c.status = 'active' AND c.taken_down_at IS NULL`),
    filters: {
      category: 'c.category',
      city: 's.city',
      storeId: 'c.store_id',
      brand: 'c.brand',
      priceMin: 'c.price',
      priceMax: 'c.price',
    },
    facets: { category: 'c.category', city: 's.city', brand: 'c.brand', storeId: 'c.store_id' },
    order: { price_asc: 'c.price ASC', price_desc: 'c.price DESC', newest: 'c.created_at DESC' },
    browse: 'c.created_at DESC',
  },
  post: {
    fts: 'post_fts',
    table: 'posts',
    storeJoin: raw('JOIN stores s ON s.id = c.store_id'),
    visible: (now) => sql`s.status = 'approved' AND c.taken_down_at IS NULL AND c.published_at <= ${now}`,
    filters: { category: 's.category', city: 's.city', storeId: 'c.store_id' },
    facets: { category: 's.category', city: 's.city', storeId: 'c.store_id' },
    order: { price_asc: null, price_desc: null, newest: 'c.published_at DESC' },
    browse: 'c.published_at DESC',
  },
  store: {
    fts: 'store_fts',
    table: 'stores',
    storeJoin: raw(''),
    visible: () => raw(`c.status = 'approved'`),
    filters: { category: 'c.category', city: 'c.city', storeId: 'c.id' },
    facets: { category: 'c.category', city: 'c.city' },
    order: { price_asc: null, price_desc: null, newest: 'c.created_at DESC' },
    browse: 'c.created_at DESC',
  },
};

/** The WHERE conditions for the filters; each value is a bound parameter. */
export function filterConditions(spec: TypeSpec, filters: SearchFilters): Fragment[] {
  const conditions: Fragment[] = [];
  for (const key of Object.keys(filters) as (keyof SearchFilters)[]) {
    const value = filters[key];
    const column = spec.filters[key];
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
