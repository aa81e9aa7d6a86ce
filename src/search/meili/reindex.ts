/**
 * Rebuilds every index from the catalog: a fresh index per type with our settings, filled with all
 * indexable documents, then swapped in for the live one, so search keeps answering meanwhile.
 */
import type { EnqueuedTask, Meilisearch } from 'meilisearch';
import type { Db } from '../../db/database';
import type { DocType } from '../engine';
import { searchChanged } from '../result-cache';
import { enqueue, waitForTasks } from './client';
import { indexableDocuments } from './documents';
import { MeiliTaskError } from './errors';
import { countIndexable } from './rows';
import { applyIndexSettings, docTypes, indexUid, PRIMARY_KEY } from './settings';

export interface ReindexProgress {
  type: DocType;
  done: number;
  total: number;
}

export interface ReindexOptions {
  /** Documents per request. Default 1000. */
  chunkSize?: number;
  /** Requests in flight before waiting for their tasks. Default 8. */
  inFlight?: number;
  onProgress?: (progress: ReindexProgress) => void;
}

export type ReindexReport = Record<DocType, number>;

async function ignoring(code: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof MeiliTaskError && error.code === code)) throw error;
  }
}

/**
 * @remarks Changes delivered by the outbox while a type is being rebuilt may be overtaken by the
 * swap; run the drainer after a reindex (the script does) or pause it during one.
 */
export async function reindexAll(
  db: Db,
  client: Meilisearch,
  indexPrefix: string,
  options: ReindexOptions = {},
): Promise<ReindexReport> {
  const chunkSize = options.chunkSize ?? 1000;
  const inFlight = options.inFlight ?? 8;
  const report: ReindexReport = { product: 0, post: 0, store: 0 };
  for (const type of docTypes) {
    const live = indexUid(indexPrefix, type);
    const next = `${live}_rebuild`;
    await ignoring('index_not_found', async () =>
      waitForTasks(client, [await enqueue(() => client.deleteIndex(next))]),
    );
    await applyIndexSettings(client, live, type);
    await applyIndexSettings(client, next, type);

    const total = await countIndexable(db, type);
    options.onProgress?.({ type, done: 0, total });
    let pending: EnqueuedTask[] = [];
    for await (const docs of indexableDocuments(db, type, { chunkSize })) {
      pending.push(await enqueue(() => client.index(next).addDocuments(docs, { primaryKey: PRIMARY_KEY })));
      report[type] += docs.length;
      if (pending.length >= inFlight) {
        await waitForTasks(client, pending);
        pending = [];
      }
      options.onProgress?.({ type, done: report[type], total: Math.max(total, report[type]) });
    }
    await waitForTasks(client, pending);
    await waitForTasks(client, [
      await enqueue(() => client.swapIndexes([{ indexes: [live, next], rename: false }])),
    ]);
    await waitForTasks(client, [await enqueue(() => client.deleteIndex(next))]);
  }
  await db.batch([searchChanged(db)]);
  return report;
}
