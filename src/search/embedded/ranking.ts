/**
 * The embedded engine's answer to a search: every visible match passing the filters, counted and
 * faceted exactly, and one page of it in order.
 *
 * Relevance ranks by bm25 the newest `window` matches that pass (the cost of bm25 is about
 * proportional to how many it ranks); any further ones follow them, newest first, so every match
 * is on exactly one page. The other sorts order every match.
 *
 * Two ways to the same answer: with the in-memory columns (`columns.ts`), SQLite only lists the
 * matches and ranks the window; while they load, SQLite joins the catalog and does it all.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { EngineResult, SearchQuery } from '../engine';
import type { ColumnSnapshot } from './columns';
import { facetsOf, orderOf, type TypeSpec } from './queries';

/** bm25 weights of the FTS columns title, brand, body, py: a title match outranks a description-only one. */
export const WEIGHTS = sql.raw('10.0, 6.0, 1.0, 2.5');

/** How many of the newest passing matches relevance ranks by bm25. */
export const DEFAULT_WINDOW = 300;

export interface Ranked {
  page: { id: string; title: string }[];
  total: number;
  facets: EngineResult['facets'];
}

const json = (rowids: readonly number[]) => JSON.stringify(rowids);

/** The rowids matching `match`, newest first. */
async function matches(db: Db, spec: TypeSpec, match: string): Promise<number[]> {
  const fts = sql.raw(spec.fts);
  const found = await sql<{ rows: string }>`SELECT json_group_array(r) AS rows
    FROM (SELECT rowid AS r FROM ${fts} WHERE ${fts} MATCH ${match} ORDER BY rowid DESC)`.execute(db.kysely);
  const rowids = JSON.parse(found.rows[0]?.rows ?? '[]') as number[];
  // SQLite keeps a subquery's order through an aggregate in practice, without promising it.
  for (let i = 1; i < rowids.length; i++)
    if (rowids[i - 1]! < rowids[i]!) return rowids.sort((a, b) => b - a);
  return rowids;
}

/** The first `count` of `head` (passing matches, newest first) in bm25 order, ties newest first. */
async function byRelevance(db: Db, spec: TypeSpec, match: string, head: number[], count: number) {
  if (head.length === 0 || count <= 0) return [];
  const fts = sql.raw(spec.fts);
  const ranked = await sql<{ r: number }>`SELECT rowid AS r FROM ${fts}
    WHERE ${fts} MATCH ${match} AND rowid >= ${head[head.length - 1]} AND rowid <= ${head[0]}
      AND +rowid IN (SELECT value FROM json_each(${json(head)}))
    ORDER BY bm25(${fts}, ${WEIGHTS}), rowid DESC LIMIT ${count}`.execute(db.kysely);
  return ranked.rows.map((row) => row.r);
}

/**
 * The page of a relevance order: the bm25-ranked window, then the passing matches after it.
 * `rest(from, count)` lists `count` passing matches from the `from`-th newest on.
 */
async function relevancePage(
  db: Db,
  spec: TypeSpec,
  match: string,
  head: number[],
  window: number,
  query: SearchQuery,
  rest: (from: number, count: number) => Promise<number[]> | number[],
): Promise<number[]> {
  const offset = (query.page - 1) * query.limit;
  const end = offset + query.limit;
  const ranked = offset < head.length ? await byRelevance(db, spec, match, head, end) : [];
  const page = ranked.slice(offset, end);
  if (head.length < window || page.length === query.limit) return page;
  const from = Math.max(offset, head.length);
  return [...page, ...(await rest(from, end - from))];
}

/** The page's ids and titles, in the page's order. */
async function hits(db: Db, spec: TypeSpec, page: number[]): Promise<Ranked['page']> {
  if (page.length === 0) return [];
  const rows = await sql<{ r: number; id: string; title: string }>`SELECT c.rowid AS r, c.id AS id,
    ${sql.raw(spec.title)} AS title FROM ${sql.table(spec.table)} AS c
    WHERE c.rowid IN (SELECT value FROM json_each(${json(page)}))`.execute(db.kysely);
  const byRowid = new Map(rows.rows.map((row) => [row.r, row]));
  return page.flatMap((r) => {
    const row = byRowid.get(r);
    return row ? [{ id: row.id, title: row.title }] : [];
  });
}

/** With the columns: SQLite lists the matches, the columns filter, count, facet and sort them. */
export async function searchColumns(
  db: Db,
  spec: TypeSpec,
  columns: ColumnSnapshot,
  query: SearchQuery,
  match: string | null,
  now: Date,
  window: number,
): Promise<Ranked> {
  const rowids = match === null ? null : await matches(db, spec, match);
  const { rows, facets } = columns.select(
    query.type,
    rowids,
    query.filters,
    facetsOf(spec, query.facets),
    now.getTime(),
  );
  const offset = (query.page - 1) * query.limit;
  const order = orderOf(spec, query);
  const page =
    order === null
      ? await relevancePage(db, spec, match!, rows.slice(0, window), window, query, (from, count) =>
          rows.slice(from, from + count),
        )
      : columns.top(query.type, rows, order.field, order.desc, offset + query.limit).slice(offset);
  return { page: await hits(db, spec, page), total: rows.length, facets };
}

/** Without the columns: the catalog joined to the matches, counted, grouped and ordered in SQL. */
export async function searchSql(
  db: Db,
  spec: TypeSpec,
  query: SearchQuery,
  match: string | null,
  where: RawBuilder<unknown>,
  window: number,
): Promise<Ranked> {
  const fts = sql.raw(spec.fts);
  const table = sql.table(spec.table);
  const from = match
    ? sql`${fts} JOIN ${table} AS c ON c.rowid = ${fts}.rowid ${spec.storeJoin}`
    : sql`${table} AS c ${spec.storeJoin}`;
  const cond = match ? sql`${fts} MATCH ${match} AND ${where}` : where;
  const rowids = async (order: RawBuilder<unknown>, offset: number, count: number) =>
    (
      await sql<{ r: number }>`SELECT c.rowid AS r FROM ${from} WHERE ${cond}
        ORDER BY ${order} LIMIT ${count} OFFSET ${offset}`.execute(db.kysely)
    ).rows.map((row) => row.r);
  const offset = (query.page - 1) * query.limit;
  const order = orderOf(spec, query);
  let page: number[];
  if (order === null) {
    const newest = sql`${fts}.rowid DESC`;
    const head = await rowids(newest, 0, window);
    page = await relevancePage(db, spec, match!, head, window, query, (start, count) =>
      rowids(newest, start, count),
    );
  } else {
    const dir = sql.raw(order.desc ? 'DESC' : 'ASC');
    page = await rowids(sql`${sql.raw(spec.fields[order.field]!)} ${dir}, c.rowid DESC`, offset, query.limit);
  }
  const counted = await sql<{ n: number }>`SELECT count(*) AS n FROM ${from} WHERE ${cond}`.execute(
    db.kysely,
  );
  const facets: EngineResult['facets'] = {};
  for (const f of facetsOf(spec, query.facets)) {
    const col = sql.raw(spec.fields[f]!);
    const groups = await sql<{ v: string; n: number }>`SELECT ${col} AS v, count(*) AS n FROM ${from}
      WHERE ${cond} AND ${col} IS NOT NULL AND ${col} <> '' GROUP BY ${col}`.execute(db.kysely);
    facets[f] = Object.fromEntries(groups.rows.map((g) => [g.v, g.n]));
  }
  return { page: await hits(db, spec, page), total: counted.rows[0]?.n ?? 0, facets };
}
