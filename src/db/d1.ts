/**
 * The Workers database driver: the app's `Db` over a Cloudflare D1 binding. Reads go through
 * Kysely with kysely-d1's dialect; `batch` sends the compiled statements as one D1 `batch()`,
 * which D1 runs as a single transaction (all land or none does). The worker never migrates:
 * `wrangler d1 migrations apply` runs `migrations/` and keeps the same `d1_migrations` table as
 * our SQLite runner.
 */
import { type CompiledQuery, type DatabaseConnection, type Driver, Kysely, type QueryResult } from 'kysely';
import { D1Dialect } from 'kysely-d1';
import type { Database, Db } from './database';

/** The part of a D1 prepared statement used here (Cloudflare's `D1PreparedStatement`). */
export interface D1Statement {
  bind(...values: unknown[]): D1Statement;
}

/** The part of a D1 binding used here (Cloudflare's `D1Database`), so the app needs no Workers type package. */
export interface D1Binding {
  prepare(query: string): D1Statement;
  batch(statements: D1Statement[]): Promise<{ meta: { changes?: number } }[]>;
}

type LegacyResult<R> = QueryResult<R> & { numUpdatedOrDeletedRows?: bigint };

/**
 * kysely-d1 0.4 still returns the deprecated `numUpdatedOrDeletedRows` beside `numAffectedRows`,
 * and Kysely answers it with a plain-text warning on stdout in every isolate: dropped here so the
 * Worker's logs stay JSON.
 */
class D1DialectWithoutDeprecated extends D1Dialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    const acquire = driver.acquireConnection.bind(driver);
    driver.acquireConnection = async (): Promise<DatabaseConnection> => {
      const connection = await acquire();
      return {
        executeQuery: async <R>(query: CompiledQuery) => {
          const { numUpdatedOrDeletedRows: _, ...result }: LegacyResult<R> =
            await connection.executeQuery<R>(query);
          return result;
        },
        streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
      };
    };
    return driver;
  }
}

export function openD1(binding: D1Binding): Db {
  // kysely-d1 types its config with @cloudflare/workers-types' D1Database; ours is the same object, narrowed.
  const database = binding as ConstructorParameters<typeof D1Dialect>[0]['database'];
  const kysely = new Kysely<Database>({ dialect: new D1DialectWithoutDeprecated({ database }) });
  let batches = 0;
  return {
    kysely,
    // D1's limit on bound parameters per statement.
    maxParameters: 100,
    batch: async (queries) => {
      if (queries.length === 0) return [];
      const results = await binding.batch(queries.map((q) => binding.prepare(q.sql).bind(...q.parameters)));
      batches += 1;
      return results.map((r) => ({ changes: r.meta.changes ?? 0 }));
    },
    get batches() {
      return batches;
    },
  };
}
