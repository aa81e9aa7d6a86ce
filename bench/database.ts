/**
 * A benchmark corpus built once into a file and reused: the file records what it holds (corpus,
 * migrations, index format), and a file that does not hold what is asked for is rebuilt.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';

/** Bump when the analyzer or index writes change what an already built file would contain. */
export const INDEX_FORMAT = 1;

export interface CorpusStamp {
  seed: number;
  stores: number;
  productsPerStore: number;
  postsPerStore: number;
  /** The migration files applied when it was built, in order. */
  migrations: string;
  indexFormat: number;
}

const TABLE = 'bench_corpus';

/** What a file built now with this corpus would record. */
export function stampFor(
  corpus: Omit<CorpusStamp, 'migrations' | 'indexFormat'>,
  migrationsDir: string,
): CorpusStamp {
  const migrations = readdirSync(migrationsDir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .join(',');
  return { ...corpus, migrations, indexFormat: INDEX_FORMAT };
}

/** The stamp a built file carries, or null when it has none (never finished building, or not a bench file). */
export function readStamp(raw: BetterSqlite3.Database): CorpusStamp | null {
  const table = raw.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(TABLE);
  if (!table) return null;
  const row = raw.prepare(`SELECT stamp FROM ${TABLE}`).get() as { stamp: string } | undefined;
  return row ? (JSON.parse(row.stamp) as CorpusStamp) : null;
}

/** Marks a finished build; written last, so an interrupted build is never reused. */
export function writeStamp(raw: BetterSqlite3.Database, stamp: CorpusStamp) {
  raw.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (stamp TEXT NOT NULL)`);
  raw.transaction(() => {
    raw.exec(`DELETE FROM ${TABLE}`);
    raw.prepare(`INSERT INTO ${TABLE} (stamp) VALUES (?)`).run(JSON.stringify(stamp));
  })();
}

/**
 * Whether a file built with `built` can serve for `wanted`: the same corpus and index format, built
 * under the same migrations or fewer (the server applies the newer ones when it opens the file, as
 * it would in production; a migration that empties the index shows as an empty index, see `indexEmpty`).
 */
export function sameStamp(built: CorpusStamp | null, wanted: CorpusStamp): boolean {
  if (built === null) return false;
  const keys = Object.keys(wanted).filter((k) => k !== 'migrations') as (keyof CorpusStamp)[];
  const applied = built.migrations.split(',');
  const known = wanted.migrations.split(',');
  return (
    keys.every((k) => built[k] === wanted[k]) &&
    Object.keys(built).length === Object.keys(wanted).length &&
    applied.every((m, i) => known[i] === m)
  );
}

/** Removes a database file with its WAL and shared-memory files. */
export function removeDatabase(file: string) {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

export const databaseExists = (file: string) => existsSync(file);
