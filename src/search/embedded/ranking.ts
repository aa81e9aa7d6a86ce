/**
 * The embedded engine's search over words, at a cost bounded by a window of candidates: matches are
 * read newest first (FTS5 walks its doclists in rowid order) with the catalog joined for visibility
 * and filters, stopping after `window` + 1 rows. When the whole result set fits in the window it is
 * ranked, counted and faceted exactly; when it does not, the candidates read are ranked (bm25 or the
 * sort), and the total and facet counts are estimated from them.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { EngineResult, FacetName, SearchFilters, SearchQuery } from '../engine';
import type { TypeSpec } from './queries';

/** bm25 weights of the FTS columns title, brand, body, py: a title match outranks a description-only one. */
export const WEIGHTS = sql.raw('10.0, 6.0, 1.0, 2.5');

/** How many candidates a query over a large result set ranks: the cost of a query is about proportional to it. */
export const DEFAULT_WINDOW = 300;

/** With filters, how many matches per candidate are read at most, in turn (unless that leaves the page short). */
const SCAN_FACTORS = [8, 64];

export interface Ranked {
  page: { id: string; title: string }[];
  total: number;
  exhaustive: boolean;
  facets: EngineResult['facets'];
}

interface Window {
  /** How many candidates are ranked when there are more. */
  size: number;
  /** The candidates, newest first: `SELECT <cols> FROM … LIMIT window + 1`. */
  select(cols: RawBuilder<unknown>): RawBuilder<unknown>;
}

/** The sort's column and direction (`c.price ASC`), or null to rank by bm25. */
function sortOf(spec: TypeSpec, query: SearchQuery): { column: string; desc: boolean } | null {
  if (query.sort === 'relevance') return null;
  const [column, direction] = (spec.order[query.sort] ?? spec.browse).split(/\s+/);
  return { column: column!, desc: direction?.toUpperCase() === 'DESC' };
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
  const sort = sortOf(spec, query);
  const key = sort ? sql.raw(sort.column) : sql`bm25(${fts}, ${WEIGHTS})`;
  const facetNames = query.facets.filter((f) => spec.facets[f]);
  const pass = (bound: number | null) => {
    const candidates: Window = {
      size: window,
      select: (cols) => sql`SELECT ${fts}.rowid AS r, c.id AS id, ${cols}
        FROM ${fts} JOIN ${sql.table(spec.table)} AS c ON c.rowid = ${fts}.rowid ${spec.storeJoin}
        WHERE ${fts} MATCH ${match} ${bound === null ? sql`` : sql`AND ${fts}.rowid >= ${bound}`} AND ${where}
        ORDER BY ${fts}.rowid DESC LIMIT ${window + 1}`,
    };
    return facetNames.length === 0
      ? rankInSql(db, candidates, key, sort?.desc ?? false, query)
      : rankWithFacets(db, spec, candidates, key, sort?.desc ?? false, query, facetNames);
  };
  // Filters may pass few matches: read the newest 8 per candidate, then 64, and all of them only
  // while that leaves the page short.
  let bound: number | null = null;
  let ranked: Pass | null = null;
  for (const factor of filtered(spec, query) ? SCAN_FACTORS : []) {
    bound = await scanBound(db, spec, match, window * factor);
    if (bound === null) break;
    ranked = await pass(bound);
    if (ranked.count >= query.page * query.limit) break;
    ranked = null;
    bound = null;
  }
  ranked ??= await pass(bound);
  const exhaustive = bound === null && ranked.count <= window;
  const oldest = ranked.count > window || bound === null ? ranked.oldest : bound;
  const total = exhaustive ? ranked.count : await estimateTotal(db, spec, ranked.count, oldest);
  const scale = exhaustive ? 1 : total / Math.min(ranked.count, window);
  const facets: EngineResult['facets'] = {};
  for (const [f, counts] of Object.entries(ranked.facets)) {
    facets[f as FacetName] = scale === 1 ? counts : scaled(counts, scale);
  }
  return { page: await titles(db, spec, query, ranked.page), total, exhaustive, facets };
}

function filtered(spec: TypeSpec, query: SearchQuery): boolean {
  return (Object.keys(query.filters) as (keyof SearchFilters)[]).some(
    (k) => query.filters[k] !== undefined && spec.filters[k] !== undefined,
  );
}

/** The rowid of the `scan` + 1st newest match, or null when there are no more matches than that. */
async function scanBound(db: Db, spec: TypeSpec, match: string, scan: number): Promise<number | null> {
  const fts = sql.raw(spec.fts);
  const found = await sql<{ n: number; last: number }>`SELECT count(*) AS n, min(r) AS last
    FROM (SELECT rowid AS r FROM ${fts} WHERE ${fts} MATCH ${match} ORDER BY rowid DESC LIMIT ${scan + 1})`.execute(
    db.kysely,
  );
  const row = found.rows[0];
  return row && row.n > scan ? row.last : null;
}

interface Pass {
  /** Rowids of the page's hits, in order. */
  page: { r: number; id: string }[];
  /** How many candidates were read (window + 1 when there are more), and the oldest rowid among them. */
  count: number;
  oldest: number;
  facets: Partial<Record<FacetName, Record<string, number>>>;
}

/** Without facets, SQLite ranks the candidates and returns only the page. */
async function rankInSql(
  db: Db,
  w: Window,
  key: RawBuilder<unknown>,
  desc: boolean,
  query: SearchQuery,
): Promise<Pass> {
  const offset = (query.page - 1) * query.limit;
  const rows = await sql<{ r: number; id: string; n: number; oldest: number }>`SELECT r, id, n, oldest
    FROM (SELECT r, id, k, count(*) OVER () AS n, min(r) OVER () AS oldest FROM (${w.select(sql`${key} AS k`)}))
    WHERE n <= ${w.size} OR r > oldest
    ORDER BY k ${sql.raw(desc ? 'DESC' : 'ASC')}, id LIMIT ${query.limit} OFFSET ${offset}`.execute(
    db.kysely,
  );
  const first = rows.rows[0];
  if (first) return { page: rows.rows, count: first.n, oldest: first.oldest, facets: {} };
  // An empty first page means no candidate at all (any candidate would be on it): nothing to count.
  if (offset === 0) return { page: [], count: 0, oldest: 0, facets: {} };
  const counted = await sql<{ n: number; oldest: number }>`SELECT count(*) AS n, min(r) AS oldest
    FROM (${w.select(sql`NULL`)})`.execute(db.kysely);
  const { n, oldest } = counted.rows[0] ?? { n: 0, oldest: 0 };
  return { page: [], count: n, oldest: oldest ?? 0, facets: {} };
}

type Row = { r: number; id: string; k: string | number | null } & Record<string, string | number | null>;

/** With facets, every candidate's facet values come back; they are ranked and counted here. */
async function rankWithFacets(
  db: Db,
  spec: TypeSpec,
  w: Window,
  key: RawBuilder<unknown>,
  desc: boolean,
  query: SearchQuery,
  facetNames: FacetName[],
): Promise<Pass> {
  const cols = sql.join([
    sql`${key} AS k`,
    ...facetNames.map((f) => sql`${sql.raw(spec.facets[f]!)} AS ${sql.ref(`f_${f}`)}`),
  ]);
  const read = (await sql<Row>`${w.select(cols)}`.execute(db.kysely)).rows;
  const rows = read.slice(0, w.size);
  const facets: Pass['facets'] = {};
  for (const f of facetNames) {
    const counts: Record<string, number> = {};
    for (const row of rows) {
      const value = row[`f_${f}`];
      if (value !== null && value !== undefined && value !== '') counts[value] = (counts[value] ?? 0) + 1;
    }
    facets[f] = counts;
  }
  const d = desc ? -1 : 1;
  rows.sort((a, b) => {
    const x = a.k ?? '';
    const y = b.k ?? '';
    return (x < y ? -d : x > y ? d : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  const offset = (query.page - 1) * query.limit;
  return {
    page: rows.slice(offset, offset + query.limit),
    count: read.length,
    oldest: read[read.length - 1]?.r ?? 0,
    facets,
  };
}

/** The page's titles, looked up by rowid for the page only. */
async function titles(
  db: Db,
  spec: TypeSpec,
  query: SearchQuery,
  page: Pass['page'],
): Promise<Ranked['page']> {
  if (page.length === 0) return [];
  const title = sql.raw(query.type === 'store' ? 'c.name' : 'c.title');
  const rows = await sql<{ r: number; title: string }>`SELECT c.rowid AS r, ${title} AS title
    FROM ${sql.table(spec.table)} AS c WHERE c.rowid IN (${sql.join(page.map((p) => p.r))})`.execute(
    db.kysely,
  );
  const byRowid = new Map(rows.rows.map((row) => [row.r, row.title]));
  return page.map((p) => ({ id: p.id, title: byRowid.get(p.r) ?? '' }));
}

function scaled(counts: Record<string, number>, scale: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [value, n] of Object.entries(counts)) out[value] = Math.max(1, Math.round(n * scale));
  return out;
}

/**
 * `passed` candidates were found in the matches from the newest down to rowid `oldest`: the total is
 * that many times the share of the catalog's rowids (in insertion order) those matches span, as if
 * matches were spread evenly over the catalog's history. It reads two rowids, not the matches.
 */
async function estimateTotal(db: Db, spec: TypeSpec, passed: number, oldest: number) {
  // Two subqueries: SQLite finds a lone min() or max() of the rowid in the b-tree, but not both in one.
  const table = sql.table(spec.table);
  const range = await sql<{ low: number; high: number }>`SELECT (SELECT min(rowid) FROM ${table}) AS low,
    (SELECT max(rowid) FROM ${table}) AS high`.execute(db.kysely);
  const { low, high } = range.rows[0] ?? { low: oldest, high: oldest };
  return Math.max(passed, Math.round((passed * (high - low + 1)) / Math.max(1, high - oldest + 1)));
}
