/**
 * Delivers the search outbox to Meilisearch: claims due rows in id order, coalesces them, sends the
 * documents as they are now, waits for and checks the tasks, then deletes the delivered rows. A
 * failure leaves the rows in place, backed off, and parked once they have failed too often.
 */
import type { EnqueuedTask, Meilisearch } from 'meilisearch';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import type { DocType } from '../engine';
import { claimDue, type OutboxRow, type RetryPolicy, settleDelivered, settleFailed } from '../outbox';
import { enqueue, waitForTasks } from './client';
import {
  type DeleteTarget,
  type DocRef,
  indexableDocuments,
  loadDocuments,
  type SearchDoc,
} from './documents';
import { toMeiliError } from './errors';
import { type FilterClause, filterString } from './filters';
import { docTypes, indexUid, PRIMARY_KEY } from './settings';

export interface DrainContext {
  db: Db;
  clock: Clock;
  client: Meilisearch;
  indexPrefix: string;
  policy: RetryPolicy;
  /** How long claimed rows are kept from other drainers. */
  leaseMs: number;
  /** Documents per addDocuments request. */
  chunkSize: number;
}

export interface DrainOptions {
  /** Rows claimed at a time. Default 500. */
  batchSize?: number;
  /** Stop after this many batches. Default: until no row is due. */
  maxBatches?: number;
}

export interface DrainReport {
  batches: number;
  /** Outbox rows delivered and deleted. */
  delivered: number;
  /** Outbox rows whose delivery failed, now backed off (or parked). */
  failed: number;
  parked: number;
  /** Documents sent for addition. */
  documents: number;
  /** Deletions asked for (documents, or a hidden store's documents by filter). */
  deletions: number;
  /** The failure that stopped the drain, if one did. */
  error: string | null;
}

export async function drainOutbox(ctx: DrainContext, options: DrainOptions = {}): Promise<DrainReport> {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const report: DrainReport = {
    batches: 0,
    delivered: 0,
    failed: 0,
    parked: 0,
    documents: 0,
    deletions: 0,
    error: null,
  };
  while (report.batches < maxBatches) {
    const rows = await claimDue(ctx.db, ctx.clock.now(), batchSize, ctx.leaseMs);
    if (rows.length === 0) break;
    report.batches += 1;
    try {
      const sent = await deliver(ctx, rows);
      await settleDelivered(
        ctx.db,
        rows.map((r) => r.id),
      );
      report.delivered += rows.length;
      report.documents += sent.documents;
      report.deletions += sent.deletions;
    } catch (error) {
      const mapped = toMeiliError(error);
      report.error = mapped instanceof Error ? `${mapped.name}: ${mapped.message}` : String(mapped);
      report.failed += rows.length;
      report.parked += await settleFailed(ctx.db, rows, report.error, ctx.clock.now(), ctx.policy);
      break;
    }
    if (rows.length < batchSize) break;
  }
  return report;
}

/** Item refs once each, and the stores to resync. */
function coalesce(rows: readonly OutboxRow[]): { refs: DocRef[]; stores: string[] } {
  const refs = new Map<string, DocRef>();
  const stores = new Set<string>();
  for (const row of rows) {
    if (row.op === 'store' || row.doc_type === 'store') stores.add(row.store_id);
    else if (row.ref !== null) {
      refs.set(`${row.doc_type}\u0000${row.store_id}\u0000${row.ref}`, {
        type: row.doc_type,
        storeId: row.store_id,
        externalId: row.ref,
      });
    }
  }
  return { refs: [...refs.values()], stores: [...stores] };
}

async function deliver(ctx: DrainContext, rows: readonly OutboxRow[]) {
  const { refs, stores } = coalesce(rows);
  const items = await loadDocuments(ctx.db, refs);
  const storeStates = await loadDocuments(
    ctx.db,
    stores.map((id) => ({ type: 'store' as const, id })),
  );
  const hidden = stores.filter((_, i) => 'delete' in storeStates[i]!);
  const shown = stores.filter((_, i) => 'doc' in storeStates[i]!);
  const tasks: EnqueuedTask[] = [];
  const index = (type: DocType) => ctx.client.index(indexUid(ctx.indexPrefix, type));
  const add = async (type: DocType, docs: SearchDoc[]) => {
    for (let i = 0; i < docs.length; i += ctx.chunkSize) {
      const chunk = docs.slice(i, i + ctx.chunkSize);
      tasks.push(await enqueue(() => index(type).addDocuments(chunk, { primaryKey: PRIMARY_KEY })));
    }
  };
  let documents = 0;
  let deletions = hidden.length;

  for (const type of docTypes) {
    if (hidden.length > 0) {
      const filter = filterString({ kind: 'oneOf', field: 'storeId', values: hidden });
      tasks.push(await enqueue(() => index(type).deleteDocuments({ filter })));
    }
    const targets = items.flatMap((l) => ('delete' in l && l.delete.type === type ? [l.delete] : []));
    deletions += targets.length;
    const ids = targets.flatMap((t) => ('id' in t ? [t.id] : []));
    if (ids.length > 0) tasks.push(await enqueue(() => index(type).deleteDocuments(ids)));
    const filter = byReference(targets);
    if (filter) tasks.push(await enqueue(() => index(type).deleteDocuments({ filter })));

    const docs = items.flatMap((l) => ('doc' in l && l.doc.type === type ? [l.doc] : []));
    documents += docs.length;
    await add(type, docs);
    for (const storeId of shown) {
      for await (const chunk of indexableDocuments(ctx.db, type, { storeId, chunkSize: ctx.chunkSize })) {
        documents += chunk.length;
        await add(type, chunk);
      }
    }
  }
  await waitForTasks(ctx.client, tasks);
  return { documents, deletions };
}

/** `(storeId = "…" AND externalId IN […]) OR …` for targets known only by the vendor's reference. */
function byReference(targets: readonly DeleteTarget[]): string | null {
  const byStore = new Map<string, string[]>();
  for (const t of targets) {
    if (!('externalId' in t)) continue;
    const list = byStore.get(t.storeId) ?? [];
    if (list.length === 0) byStore.set(t.storeId, list);
    list.push(t.externalId);
  }
  if (byStore.size === 0) return null;
  const clauses: FilterClause[] = [...byStore].map(([storeId, externalIds]) => ({
    kind: 'all',
    clauses: [
      { kind: 'equals', field: 'storeId', value: storeId },
      { kind: 'oneOf', field: 'externalId', values: externalIds },
    ],
  }));
  return filterString(clauses.length === 1 ? clauses[0]! : { kind: 'any', clauses });
}
