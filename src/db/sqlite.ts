/** The Node database driver: better-sqlite3 in one file, our migration runner, the atomic batch. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import type { BatchResult, Database, Db } from './database';

export const migrationsDir = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The same bookkeeping table as `wrangler d1 migrations`, so both agree on what has run. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

export interface SqliteDb extends Db {
  raw: BetterSqlite3.Database;
  close(): Promise<void>;
}

/** Opens (or creates) the database file, applies pending migrations, and returns the app's `Db`. */
export function openSqlite(filename: string, options: { migrations?: string } = {}): SqliteDb {
  const raw = new BetterSqlite3(filename);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  // The default 2 MB page cache thrashes on FTS merges; 64 MB of cache and mapped reads keep them in
  // memory. The map reaches 2 GiB (SQLite's own cap): at a million products the file is ~1.8 GB, and
  // reading it through the map instead of read() took engine p99 from 21 to 15 ms. The map is
  // address space backed by the OS page cache, not heap.
  raw.pragma('cache_size = -65536');
  raw.pragma('mmap_size = 2147418112');
  migrate(raw, options.migrations ?? migrationsDir);
  // Gathers the statistics the query planner needs, on tables that lack them (bounded work).
  raw.pragma('optimize=0x10002');

  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sqlText: string) => {
    let s = statements.get(sqlText);
    if (!s) {
      if (statements.size >= 500) statements.delete(statements.keys().next().value as string);
      s = raw.prepare(sqlText);
      statements.set(sqlText, s);
    }
    return s;
  };
  const runAll = raw.transaction((queries: readonly CompiledQuery[]): BatchResult[] =>
    queries.map((q) => {
      const s = prepare(q.sql);
      const params = q.parameters as unknown[];
      if (s.reader) {
        s.all(...params);
        return { changes: 0 };
      }
      return { changes: s.run(...params).changes };
    }),
  );

  let batches = 0;
  return {
    raw,
    kysely,
    // SQLITE_MAX_VARIABLE_NUMBER's default since SQLite 3.32.
    maxParameters: 32_766,
    batch: async (queries) => {
      if (queries.length === 0) return [];
      const results = runAll(queries);
      batches += 1;
      return results;
    },
    get batches() {
      return batches;
    },
    close: async () => {
      await kysely.destroy();
    },
  };
}

/** Applies every `NNNN_*.sql` not yet recorded, each in its own transaction with its record. */
export function migrate(raw: BetterSqlite3.Database, dir: string): string[] {
  raw.exec(MIGRATIONS_TABLE);
  const done = new Set(
    raw
      .prepare('SELECT name FROM d1_migrations')
      .all()
      .map((r) => (r as { name: string }).name),
  );
  const pending = readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f) && !done.has(f))
    .sort();
  const record = raw.prepare('INSERT INTO d1_migrations (name) VALUES (?)');
  for (const name of pending) {
    const text = readFileSync(join(dir, name), 'utf8');
    raw.transaction(() => {
      raw.exec(text);
      record.run(name);
    })();
  }
  return pending;
}
