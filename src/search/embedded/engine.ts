/** The default search engine: SQLite FTS5 in the catalog's own database, Chinese-first text analysis. */
import { sql } from 'kysely';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { storeIndexText } from '../../vendors/stores';
import type { EngineResult, FacetName, SearchEngine, SearchQuery, Suggestion } from '../engine';
import type { Analyzer } from '../text/analyzer';
import { embeddedIndexStatements } from './indexing';
import { filterConditions, specs } from './queries';
import { suggestions } from './suggest';
import { createVocabulary } from './vocabulary';

/** bm25 weights of the FTS columns title, brand, body, py: a title match outranks a description-only one. */
const WEIGHTS = sql.raw('10.0, 6.0, 1.0, 2.5');

export interface EmbeddedEngine extends SearchEngine {
  readonly name: 'embedded';
  /** Drops and rebuilds every FTS row from the catalog; `progress` gets (done, total). */
  reindex(progress?: (done: number, total: number) => void): Promise<void>;
  /** Rebuilds the index when it is empty but the catalog is not (after a migration replaced it); says whether it did. */
  reindexIfEmpty(progress?: (done: number, total: number) => void): Promise<boolean>;
}

export function createEmbeddedEngine(options: { db: Db; analyzer: Analyzer; clock: Clock }): EmbeddedEngine {
  const { db, analyzer, clock } = options;
  const vocabulary = createVocabulary(db, clock);

  async function search(query: SearchQuery): Promise<EngineResult> {
    const spec = specs[query.type];
    const typos = await vocabulary.typos();
    const match = query.q.trim() ? analyzer.matchExpression(query.q, { typos }) : null;
    if (query.q.trim() && match === null) return { hits: [], total: 0, facets: {} };
    const fts = sql.raw(spec.fts);
    const catalog = sql`${sql.table(spec.table)} AS c`;
    const from = match
      ? sql`${fts} JOIN ${catalog} ON c.rowid = ${fts}.rowid ${spec.storeJoin}`
      : sql`${catalog} ${spec.storeJoin}`;
    const where = sql.join(
      [
        ...(match ? [sql`${fts} MATCH ${match}`] : []),
        spec.visible(clock.now().toISOString()),
        ...filterConditions(spec, query.filters),
      ],
      sql` AND `,
    );
    const order =
      query.sort === 'relevance'
        ? match
          ? sql`bm25(${fts}, ${WEIGHTS})`
          : sql.raw(spec.browse)
        : sql.raw(spec.order[query.sort] ?? spec.browse);
    const offset = (query.page - 1) * query.limit;
    const rows = await sql<{
      id: string;
      title: string;
    }>`SELECT c.id AS id, c.${sql.raw(query.type === 'store' ? 'name' : 'title')} AS title
      FROM ${from} WHERE ${where} ORDER BY ${order}, c.id LIMIT ${query.limit} OFFSET ${offset}`.execute(
      db.kysely,
    );

    const facetNames = query.facets.filter((f) => spec.facets[f]);
    let total: number;
    const facets: EngineResult['facets'] = {};
    if (facetNames.length === 0) {
      const counted = await sql<{ n: number }>`SELECT count(*) AS n FROM ${from} WHERE ${where}`.execute(
        db.kysely,
      );
      total = counted.rows[0]?.n ?? 0;
    } else {
      const cols = sql.join(facetNames.map((f) => sql`${sql.raw(spec.facets[f]!)} AS ${sql.ref(f)}`));
      const all = await sql<
        Record<FacetName, string | null>
      >`SELECT ${cols} FROM ${from} WHERE ${where}`.execute(db.kysely);
      total = all.rows.length;
      for (const f of facetNames) {
        const counts: Record<string, number> = {};
        for (const row of all.rows) {
          const value = row[f];
          if (value !== null && value !== '') counts[value] = (counts[value] ?? 0) + 1;
        }
        facets[f] = counts;
      }
    }
    return {
      hits: rows.rows.map((r) => ({
        id: r.id,
        highlightTitle: analyzer.highlight(r.title, query.q, { typos }),
      })),
      total,
      facets,
    };
  }

  async function reindex(progress: (done: number, total: number) => void = () => {}) {
    await sql`DELETE FROM product_fts`.execute(db.kysely);
    await sql`DELETE FROM post_fts`.execute(db.kysely);
    await sql`DELETE FROM store_fts`.execute(db.kysely);
    const stores = await db.kysely
      .selectFrom('stores')
      .select(['id', 'name', 'description', 'city'])
      .execute();
    let done = 0;
    for (const s of stores) {
      const statements = [
        ...embeddedIndexStatements(db, analyzer, { kind: 'store', storeId: s.id, text: storeIndexText(s) })
          .after,
      ];
      const products = await db.kysely
        .selectFrom('products')
        .select(['external_id', 'title', 'brand', 'description', 'tags'])
        .where('store_id', '=', s.id)
        .execute();
      const posts = await db.kysely
        .selectFrom('posts')
        .select(['external_id', 'title', 'body', 'tags'])
        .where('store_id', '=', s.id)
        .execute();
      statements.push(
        ...embeddedIndexStatements(db, analyzer, {
          kind: 'upsert',
          type: 'product',
          storeId: s.id,
          items: products.map((p) => ({
            externalId: p.external_id,
            title: p.title,
            brand: p.brand,
            body: p.description,
            tags: JSON.parse(p.tags),
          })),
        }).after,
        ...embeddedIndexStatements(db, analyzer, {
          kind: 'upsert',
          type: 'post',
          storeId: s.id,
          items: posts.map((p) => ({
            externalId: p.external_id,
            title: p.title,
            body: p.body,
            tags: JSON.parse(p.tags),
          })),
        }).after,
      );
      await db.batch(statements);
      done += 1;
      progress(done, stores.length);
    }
    vocabulary.invalidate();
  }

  return {
    name: 'embedded',
    indexStatements: (change) => {
      vocabulary.invalidate();
      return embeddedIndexStatements(db, analyzer, change);
    },
    search,
    suggest: (prefix: string, limit: number): Promise<Suggestion[]> =>
      suggestions(db, analyzer, vocabulary, prefix, limit),
    reindex,
    reindexIfEmpty: async (progress) => {
      const indexed = await sql`SELECT 1 FROM store_fts LIMIT 1`.execute(db.kysely);
      const stores = await db.kysely.selectFrom('stores').select('id').limit(1).execute();
      if (indexed.rows.length > 0 || stores.length === 0) return false;
      await reindex(progress);
      return true;
    },
    gauges: async () => ({}),
  };
}
