/** The Meilisearch engine behind the search port: searches go to Meilisearch, catalog changes through the outbox. */
import type { Meilisearch } from 'meilisearch';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { CatalogChange, IndexStatements, SearchEngine } from '../engine';
import {
  defaultRetryPolicy,
  type OutboxStats,
  outboxStatements,
  outboxStats,
  type RetryPolicy,
} from '../outbox';
import { searchChanged } from '../result-cache';
import { createMeiliClient, type MeiliClientOptions } from './client';
import { type DrainOptions, type DrainReport, drainOutbox } from './drainer';
import { MeiliUnavailableError } from './errors';
import { type ReindexOptions, type ReindexReport, reindexAll } from './reindex';
import { searchMeili, suggestMeili } from './search';
import { applySettings, DEFAULT_INDEX_PREFIX } from './settings';

export interface MeiliEngineOptions extends MeiliClientOptions {
  db: Db;
  clock: Clock;
  /** Index names are `${indexPrefix}products` and so on. Default `jishi_`. */
  indexPrefix?: string | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  /** How long a drainer keeps claimed rows from others. Default 5 min. */
  leaseMs?: number | undefined;
  /** Documents per addDocuments request. Default 1000. */
  chunkSize?: number | undefined;
}

export interface MeiliEngine extends SearchEngine {
  readonly name: 'meilisearch';
  readonly client: Meilisearch;
  /** Creates the indexes if needed and applies their settings; throws if a task failed. */
  applySettings(): Promise<void>;
  /**
   * Delivers due outbox rows, batch after batch until none is due. Never throws for Meilisearch
   * failures: they are recorded on the rows (backoff, parking) and in the report.
   */
  drain(options?: DrainOptions): Promise<DrainReport>;
  /** Rebuilds every index from the catalog and swaps it in; throws on failure. */
  reindex(options?: ReindexOptions): Promise<ReindexReport>;
  /** Outbox counts for `/metrics` and moderators. */
  outboxStats(): Promise<OutboxStats>;
}

/** Meilisearch being down is the shopper's 503 (try again), not our 500. */
async function unavailableAs503<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof MeiliUnavailableError) {
      throw new AppError('search_unavailable', 'Search is unavailable right now; try again shortly', [], 5);
    }
    throw error;
  }
}

export function createMeiliEngine(options: MeiliEngineOptions): MeiliEngine {
  const { db, clock } = options;
  const client = createMeiliClient(options);
  const indexPrefix = options.indexPrefix ?? DEFAULT_INDEX_PREFIX;
  const policy = { ...defaultRetryPolicy, ...options.retry };
  const search = { client, indexPrefix, clock };
  return {
    name: 'meilisearch',
    client,
    indexStatements: (change: CatalogChange): IndexStatements => ({
      before: [],
      after: [...outboxStatements(db, change, clock.now()), searchChanged(db)],
    }),
    search: (query) => unavailableAs503(searchMeili(search, query)),
    suggest: (prefix, limit) => unavailableAs503(suggestMeili(search, prefix, limit)),
    gauges: async () => {
      const s = await outboxStats(db, clock.now());
      return {
        search_outbox_pending: s.pending,
        search_outbox_parked: s.parked,
        search_outbox_oldest_pending_age_seconds: s.oldestPendingAgeSeconds,
      };
    },
    applySettings: () => applySettings(client, indexPrefix),
    drain: (drainOptions) =>
      drainOutbox(
        {
          db,
          clock,
          client,
          indexPrefix,
          policy,
          leaseMs: options.leaseMs ?? 300_000,
          chunkSize: options.chunkSize ?? 1000,
        },
        drainOptions,
      ),
    reindex: (reindexOptions) =>
      reindexAll(db, client, indexPrefix, { chunkSize: options.chunkSize, ...reindexOptions }),
    outboxStats: () => outboxStats(db, clock.now()),
  };
}
