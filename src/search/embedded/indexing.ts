/** The embedded engine's index writes: FTS5 rows keyed by the catalog row's rowid, in the catalog's own batch. */
import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../../db/database';
import type { CatalogChange, IndexStatements } from '../engine';
import type { Analyzer } from '../text/analyzer';

const ROWS_PER_STATEMENT = 200;
const LATIN_WORD = /^[a-z]+$/;
/** What FTS5's unicode61 tokenizer splits on, so a word here is a term there. */
const SEPARATORS = /[^\p{L}\p{N}]+/u;
const SEPARATOR = /[^\p{L}\p{N}]/u;
export const tables = { product: ['product_fts', 'products'], post: ['post_fts', 'posts'] } as const;

/**
 * Index rows for upserted items, replacing their old ones. With `changedAt`, only the rows the
 * catalog upsert inserted or changed are written, so resending an unchanged catalog is cheap.
 */
function upsertDocs(analyzer: Analyzer, change: Extract<CatalogChange, { kind: 'upsert' }>): CompiledQuery[] {
  const [fts, catalog] = tables[change.type];
  const statements: CompiledQuery[] = [];
  const latin = new Set<string>();
  const filter = change.changedAt ? ' WHERE c.updated_at = ?' : '';
  for (let i = 0; i < change.items.length; i += ROWS_PER_STATEMENT) {
    const chunk = change.items.slice(i, i + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    for (const item of chunk) {
      const c = analyzer.indexColumns(item);
      if (change.type === 'product') addLatinWords(latin, c.title, c.brand);
      params.push(item.externalId, c.title, c.brand, c.body, c.py);
    }
    params.push(change.storeId);
    if (change.changedAt) params.push(change.changedAt);
    // Written as text rather than built with Kysely: building 1000 parameters as nodes cost more than running them.
    statements.push(
      CompiledQuery.raw(
        `INSERT OR REPLACE INTO ${fts} (rowid, title, brand, body, py)
        SELECT c.rowid, v.column2, v.column3, v.column4, v.column5 FROM (VALUES ${placeholders(chunk.length, 5)}) AS v
        JOIN ${catalog} AS c ON c.store_id = ? AND c.external_id = v.column1${filter}`,
        params,
      ),
    );
  }
  statements.push(...typoTermStatements([...latin]));
  return statements;
}

/** `(?, ?), (?, ?)` for rows × columns parameters. */
function placeholders(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
  return Array.from({ length: rows }, () => row).join(', ');
}

/** The Latin words of product titles and brands (the analyzer's space-separated tokens), the typo index's vocabulary. */
function addLatinWords(into: Set<string>, ...columns: string[]) {
  for (const column of columns) {
    for (const token of column.split(' ')) {
      if (LATIN_WORD.test(token)) into.add(token);
      else if (SEPARATOR.test(token))
        for (const word of token.split(SEPARATORS)) if (LATIN_WORD.test(word)) into.add(word);
    }
  }
}

/**
 * Records the words in the typo vocabulary. A word is never removed when its last product goes:
 * a typo variant that matches nothing costs one more OR in a query, and reindex starts afresh.
 */
function typoTermStatements(words: string[]): CompiledQuery[] {
  const statements: CompiledQuery[] = [];
  for (let i = 0; i < words.length; i += ROWS_PER_STATEMENT * 2) {
    const chunk = words.slice(i, i + ROWS_PER_STATEMENT * 2);
    statements.push(
      CompiledQuery.raw(
        `INSERT OR IGNORE INTO search_typo_terms (term) VALUES ${placeholders(chunk.length, 1)}`,
        chunk,
      ),
    );
  }
  return statements;
}

function deleteDocs(db: Db, type: 'product' | 'post', storeId: string, externalIds: string[]) {
  const [fts, catalog] = tables[type];
  const statements: CompiledQuery[] = [];
  for (let i = 0; i < externalIds.length; i += ROWS_PER_STATEMENT) {
    const chunk = externalIds.slice(i, i + ROWS_PER_STATEMENT);
    statements.push(
      sql`DELETE FROM ${sql.table(fts)} WHERE rowid IN (
        SELECT rowid FROM ${sql.table(catalog)} WHERE store_id = ${storeId} AND external_id IN (${sql.join(chunk)}))`.compile(
        db.kysely,
      ),
    );
  }
  return statements;
}

/**
 * What a catalog change writes to the FTS tables. Visibility (approval, suspension, takedown) is
 * applied at query time, from the catalog or the in-memory columns, so it needs no FTS write.
 */
export function embeddedIndexStatements(db: Db, analyzer: Analyzer, change: CatalogChange): IndexStatements {
  switch (change.kind) {
    case 'upsert':
      return { before: [], after: upsertDocs(analyzer, change) };
    case 'delete':
      return { before: deleteDocs(db, change.type, change.storeId, change.externalIds), after: [] };
    case 'store': {
      const c = analyzer.indexColumns(change.text);
      return {
        before: [],
        after: [
          sql`INSERT OR REPLACE INTO store_fts (rowid, title, brand, body, py)
            SELECT rowid, ${c.title}, ${c.brand}, ${c.body}, ${c.py} FROM stores WHERE id = ${change.storeId}`.compile(
            db.kysely,
          ),
        ],
      };
    }
    case 'visibility':
      return { before: [], after: [] };
    default: {
      const unknown: never = change;
      throw new Error(`unknown catalog change ${JSON.stringify(unknown)}`);
    }
  }
}
