/** The default search engine: SQLite FTS5 in the catalog's own database, Chinese-first text analysis. */
import { sql } from 'kysely';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { storeIndexText } from '../../vendors/stores';
import type { EngineResult, FacetName, SearchEngine, SearchQuery, Suggestion } from '../engine';
import { searchChanged } from '../result-cache';
import type { Analyzer } from '../text/analyzer';
import { changeLogStatements, pruneChanges } from './change-log';
import { createCatalogColumns } from './columns';
import { embeddedIndexStatements } from './indexing';
import { filterConditions, specs } from './queries';
import { DEFAULT_WINDOW, searchColumns, searchSql } from './ranking';
import { suggestions } from './suggest';
import { createVocabulary } from './vocabulary';

export interface EmbeddedEngine extends SearchEngine {
  readonly name: 'embedded';
  /** Drops and rebuilds every FTS row from the catalog; `progress` gets (done, total). */
  reindex(progress?: (done: number, total: number) => void): Promise<void>;
  /** Rebuilds the index when it is empty but the catalog is not (after a migration replaced it); says whether it did. */
  reindexIfEmpty(progress?: (done: number, total: number) => void): Promise<boolean>;
  /** Resolves once the in-memory columns are loaded; until then searches are answered by SQLite alone. */
  ready(): Promise<void>;
}

/** Facet values by count, most first, then by value: the same order whichever path counted them. */
function ordered(facets: EngineResult['facets']): EngineResult['facets'] {
  const out: EngineResult['facets'] = {};
  for (const [name, counts] of Object.entries(facets) as [FacetName, Record<string, number>][]) {
    out[name] = Object.fromEntries(
      Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)),
    );
  }
  return out;
}

export function createEmbeddedEngine(options: {
  db: Db;
  analyzer: Analyzer;
  clock: Clock;
  /** How many of the newest matches relevance ranks by bm25 (DEFAULT_WINDOW); small in tests. */
  window?: number;
  /** false answers every search by SQLite alone, without the in-memory columns (tests compare the two). */
  columns?: boolean;
}): EmbeddedEngine {
  const { db, analyzer, clock, window = DEFAULT_WINDOW } = options;
  const vocabulary = createVocabulary(db, clock);
  const columns = options.columns === false ? null : createCatalogColumns(db);

  async function search(query: SearchQuery): Promise<EngineResult> {
    const spec = specs[query.type];
    const typos = await vocabulary.typos();
    const match = query.q.trim() ? analyzer.matchExpression(query.q, { typos }) : null;
    if (query.q.trim() && match === null) return { hits: [], total: 0, facets: {}, exhaustive: true };
    const now = clock.now();
    const snapshot = columns ? await columns.current() : null;
    const ranked = snapshot
      ? await searchColumns(db, spec, snapshot, query, match, now, window)
      : await searchSql(
          db,
          spec,
          query,
          match,
          sql.join([spec.visible(now.toISOString()), ...filterConditions(spec, query.filters)], sql` AND `),
          window,
        );
    return {
      hits: ranked.page.map((r) => ({
        id: r.id,
        highlightTitle: analyzer.highlight(r.title, query.q, { typos }),
      })),
      total: ranked.total,
      facets: ordered(ranked.facets),
      exhaustive: true,
    };
  }

  async function reindex(progress: (done: number, total: number) => void = () => {}) {
    await sql`DELETE FROM product_fts`.execute(db.kysely);
    await sql`DELETE FROM post_fts`.execute(db.kysely);
    await sql`DELETE FROM store_fts`.execute(db.kysely);
    await sql`DELETE FROM search_typo_terms`.execute(db.kysely);
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
    await db.batch([searchChanged(db)]);
    vocabulary.invalidate();
  }

  return {
    name: 'embedded',
    indexStatements: (change) => {
      vocabulary.invalidate();
      const fts = embeddedIndexStatements(db, analyzer, change);
      const log = changeLogStatements(db, change);
      return {
        before: [...log.before, ...fts.before],
        after: [...fts.after, ...log.after, pruneChanges(db), searchChanged(db)],
      };
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
    ready: async () => {
      await columns?.ready();
    },
    gauges: async () => ({}),
  };
}
