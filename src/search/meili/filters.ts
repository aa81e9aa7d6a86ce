/** Our filters and sort orders in Meilisearch's filter and sort syntax, values quoted and escaped. */
import type { DocType, SearchFilters, SortOrder } from '../engine';

type TextField = 'category' | 'city' | 'storeId' | 'brand' | 'externalId';
type NumberField = 'price' | 'publishedAt';

/** The filter clauses this engine builds, for searches and for deletes. */
export type FilterClause =
  | { kind: 'equals'; field: TextField; value: string }
  | { kind: 'oneOf'; field: TextField; values: readonly string[] }
  | { kind: 'atLeast'; field: NumberField; value: number }
  | { kind: 'atMost'; field: NumberField; value: number }
  | { kind: 'all'; clauses: readonly FilterClause[] }
  | { kind: 'any'; clauses: readonly FilterClause[] };

/** A string literal of Meilisearch's filter syntax: in double quotes, `"` and `\` escaped. */
export const quote = (value: string) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  return String(value);
}

export function filterString(clause: FilterClause): string {
  switch (clause.kind) {
    case 'equals':
      return `${clause.field} = ${quote(clause.value)}`;
    case 'oneOf':
      return `${clause.field} IN [${clause.values.map(quote).join(', ')}]`;
    case 'atLeast':
      return `${clause.field} >= ${numberLiteral(clause.value)}`;
    case 'atMost':
      return `${clause.field} <= ${numberLiteral(clause.value)}`;
    case 'all':
      return clause.clauses.map((c) => group(c)).join(' AND ');
    case 'any':
      return clause.clauses.map((c) => group(c)).join(' OR ');
    default:
      throw new Error(`Unknown filter clause ${JSON.stringify(clause satisfies never)}`);
  }
}

const group = (c: FilterClause) =>
  c.kind === 'all' || c.kind === 'any' ? `(${filterString(c)})` : filterString(c);

/** Every kind of filter a shopper can set; `satisfies` keeps the list complete. */
const filterKinds = Object.keys({
  category: true,
  city: true,
  storeId: true,
  brand: true,
  priceMin: true,
  priceMax: true,
} satisfies Record<keyof SearchFilters, true>) as (keyof SearchFilters)[];

/** The shopper's filters as clauses; posts also hide those scheduled after `now`. */
export function searchClauses(type: DocType, filters: SearchFilters, now: Date): FilterClause[] {
  const clauses: FilterClause[] = [];
  for (const kind of filterKinds) {
    switch (kind) {
      case 'category':
      case 'city':
      case 'storeId':
      case 'brand': {
        const value = filters[kind];
        if (value !== undefined) clauses.push({ kind: 'equals', field: kind, value });
        break;
      }
      case 'priceMin':
        if (filters.priceMin !== undefined) {
          clauses.push({ kind: 'atLeast', field: 'price', value: filters.priceMin });
        }
        break;
      case 'priceMax':
        if (filters.priceMax !== undefined) {
          clauses.push({ kind: 'atMost', field: 'price', value: filters.priceMax });
        }
        break;
      default:
        throw new Error(`Unknown filter ${kind satisfies never}`);
    }
  }
  if (type === 'post') clauses.push({ kind: 'atMost', field: 'publishedAt', value: now.getTime() });
  return clauses;
}

/** The Meilisearch `filter` for a search, or undefined when nothing filters. */
export function toMeiliFilter(type: DocType, filters: SearchFilters, now: Date): string | undefined {
  const clauses = searchClauses(type, filters, now);
  return clauses.length === 0 ? undefined : filterString({ kind: 'all', clauses });
}

/** The Meilisearch `sort`; price orders fall back to relevance for types without a price. */
export function toMeiliSort(type: DocType, sort: SortOrder): string[] | undefined {
  switch (sort) {
    case 'relevance':
      return undefined;
    case 'price_asc':
      return type === 'product' ? ['price:asc'] : undefined;
    case 'price_desc':
      return type === 'product' ? ['price:desc'] : undefined;
    case 'newest':
      return [type === 'post' ? 'publishedAt:desc' : 'createdAt:desc'];
    default:
      throw new Error(`Unknown sort ${sort satisfies never}`);
  }
}
