/**
 * The embedded engine's search over words, in one pass that costs at most a window of candidates:
 * the matching rows are read newest first (FTS5 walks its doclists in rowid order) with the catalog
 * joined for visibility and filters, stopping after `window` + 1 rows. When the whole result set
 * fits in the window it is ranked, counted and faceted exactly; when it does not, the window (the
 * `window` newest matches) is ranked, and the total and facet counts are estimated from it.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { EngineResult, FacetName, SearchQuery } from '../engine';
import type { TypeSpec } from './queries';

/** bm25 weights of the FTS columns title, brand, body, py: a title match outranks a description-only one. */
export const WEIGHTS = sql.raw('10.0, 6.0, 1.0, 2.5');

/** How many candidates a query over a large result set ranks, as Meilisearch pages at most 1000 hits by default. */
export const DEFAULT_WINDOW = 1000;

interface Candidate {
  r: number;
  id: string;
  title: string;
  score: number;
  key: string | number | null;
  [facet: string]: string | number | null;
}

export interface Ranked {
  page: { id: string; title: string }[];
  total: number;
  exhaustive: boolean;
  facets: EngineResult['facets'];
}

/** The sort's column and direction (`c.price ASC`), or null to rank by bm25. */
function sortOf(spec: TypeSpec, query: SearchQuery): { column: string; desc: boolean } | null {
  if (query.sort === 'relevance') return null;
  const [column, direction] = (spec.order[query.sort] ?? spec.browse).split(/\s+/);
  return { column: column!, desc: direction?.toUpperCase() === 'DESC' };
}

/** Orders candidates as SQL's `ORDER BY <sort or bm25>, c.id` would: ids break ties. */
function comparator(sort: ReturnType<typeof sortOf>): (a: Candidate, b: Candidate) => number {
  const byId = (a: Candidate, b: Candidate) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  if (!sort) return (a, b) => a.score - b.score || byId(a, b);
  const d = sort.desc ? -1 : 1;
  return (a, b) => {
    const x = a.key ?? '';
    const y = b.key ?? '';
    return (x < y ? -d : x > y ? d : 0) || byId(a, b);
  };
}

export async function rankMatches(
  db: Db,
  spec: TypeSpec,
  query: SearchQuery,
  match: string,
  where: RawBuilder<unknown>,
  window: number,
): Promise<Ranked> {
  const fts = sql.raw(spec.fts);
  const facetNames = query.facets.filter((f) => spec.facets[f]);
  const facetCols = facetNames.map((f) => sql`, ${sql.raw(spec.facets[f]!)} AS ${sql.ref(`f_${f}`)}`);
  const sort = sortOf(spec, query);
  const score = sort ? sql`0` : sql`bm25(${fts}, ${WEIGHTS})`;
  const title = sql.raw(query.type === 'store' ? 'c.name' : 'c.title');
  const found = await sql<Candidate>`SELECT ${fts}.rowid AS r, c.id AS id, ${title} AS title,
      ${score} AS score, ${sql.raw(sort?.column ?? 'NULL')} AS key ${sql.join(facetCols, sql``)}
    FROM ${fts} JOIN ${sql.table(spec.table)} AS c ON c.rowid = ${fts}.rowid ${spec.storeJoin}
    WHERE ${fts} MATCH ${match} AND ${where}
    ORDER BY ${fts}.rowid DESC LIMIT ${window + 1}`.execute(db.kysely);
  const rows = found.rows;
  const exhaustive = rows.length <= window;
  const candidates = exhaustive ? rows : rows.slice(0, window);
  const total = exhaustive ? rows.length : await estimateTotal(db, spec, match, rows);
  const scale = total / candidates.length;
  const facets: EngineResult['facets'] = {};
  for (const f of facetNames) facets[f] = countFacet(candidates, f, exhaustive ? 1 : scale);

  const offset = (query.page - 1) * query.limit;
  const page = candidates
    .sort(comparator(sort))
    .slice(offset, offset + query.limit)
    .map((c) => ({ id: c.id, title: c.title }));
  return { page, total, exhaustive, facets };
}

function countFacet(rows: Candidate[], facet: FacetName, scale: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const value = row[`f_${facet}`];
    if (value !== null && value !== undefined && value !== '') counts[value] = (counts[value] ?? 0) + 1;
  }
  if (scale !== 1)
    for (const k of Object.keys(counts)) counts[k] = Math.max(1, Math.round(counts[k]! * scale));
  return counts;
}

/**
 * Every FTS match, times the share of the matches read for the window that were visible and passed
 * the filters: exact for the part read, an extrapolation for the rest.
 */
async function estimateTotal(db: Db, spec: TypeSpec, match: string, rows: Candidate[]): Promise<number> {
  const fts = sql.raw(spec.fts);
  const oldest = rows[rows.length - 1]!.r;
  const counted = await sql<{
    all: number;
    read: number;
  }>`SELECT count(*) AS "all", sum(rowid >= ${oldest}) AS "read"
    FROM ${fts} WHERE ${fts} MATCH ${match}`.execute(db.kysely);
  const { all, read } = counted.rows[0] ?? { all: rows.length, read: rows.length };
  return Math.max(rows.length, Math.round((all * rows.length) / Math.max(1, read)));
}
