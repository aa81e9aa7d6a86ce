/** Browsing without words: every visible document passing the filters, in the sort's order, counted exactly. */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { EngineResult, SearchQuery } from '../engine';
import type { TypeSpec } from './queries';
import type { Ranked } from './ranking';

export async function browse(
  db: Db,
  spec: TypeSpec,
  query: SearchQuery,
  where: RawBuilder<unknown>,
): Promise<Ranked> {
  const from = sql`${sql.table(spec.table)} AS c ${spec.storeJoin}`;
  const order = sql.raw(query.sort === 'relevance' ? spec.browse : (spec.order[query.sort] ?? spec.browse));
  const title = sql.raw(query.type === 'store' ? 'c.name' : 'c.title');
  const offset = (query.page - 1) * query.limit;
  const rows = await sql<{ id: string; title: string }>`SELECT c.id AS id, ${title} AS title
    FROM ${from} WHERE ${where} ORDER BY ${order}, c.id LIMIT ${query.limit} OFFSET ${offset}`.execute(
    db.kysely,
  );
  const counted = await sql<{ n: number }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(
    db.kysely,
  );
  const facets: EngineResult['facets'] = {};
  for (const f of query.facets) {
    const column = spec.facets[f];
    if (!column) continue;
    const col = sql.raw(column);
    const groups = await sql<{ v: string; n: number }>`SELECT ${col} AS v, count(*) AS n FROM ${from}
      WHERE ${where} AND ${col} IS NOT NULL AND ${col} <> '' GROUP BY ${col}`.execute(db.kysely);
    facets[f] = Object.fromEntries(groups.rows.map((g) => [g.v, g.n]));
  }
  return { page: rows.rows, total: counted.rows[0]?.n ?? 0, exhaustive: true, facets };
}
