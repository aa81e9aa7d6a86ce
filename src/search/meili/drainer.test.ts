import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogChange } from '../engine';
import { type OutboxDatabase, requeueParked } from '../outbox';
import { closeTestbeds, insertPost, insertProduct, insertStore, meiliTestbed } from './testing';

afterEach(closeTestbeds);

function setup(retry: { maxAttempts?: number } = {}) {
  const bed = meiliTestbed(retry);
  const { db, engine } = bed;
  const enqueue = (...changes: CatalogChange[]) =>
    db.batch(changes.flatMap((c) => engine.indexStatements(c).after));
  const outbox = () =>
    (db.kysely as unknown as Kysely<OutboxDatabase>)
      .selectFrom('search_outbox')
      .selectAll()
      .orderBy('id')
      .execute();
  return { ...bed, enqueue, outbox };
}

const upsert = (storeId: string, type: 'product' | 'post', ...externalIds: string[]): CatalogChange => ({
  kind: 'upsert',
  type,
  storeId,
  items: externalIds.map((externalId) => ({ externalId, title: externalId })),
});

describe('the outbox drainer', () => {
  it('enqueues one row per item, the store, or the item behind a moderator’s decision', async () => {
    const { db, enqueue, outbox } = setup();
    const storeId = await insertStore(db, 'st_a');
    const taken = await insertProduct(db, storeId, 'SKU-9', { takenDown: true });
    await enqueue(
      upsert(storeId, 'product', 'SKU-1', 'SKU-2'),
      { kind: 'delete', type: 'post', storeId, externalIds: ['POST-1'] },
      { kind: 'store', storeId, text: { externalId: storeId, title: 'x' } },
      { kind: 'visibility', type: 'product', id: taken },
    );
    const rows = await outbox();
    expect(rows.map((r) => [r.doc_type, r.op, r.store_id, r.ref, r.attempts, r.next_attempt_at])).toEqual([
      ['product', 'upsert', storeId, 'SKU-1', 0, '2026-11-01T08:00:00.000Z'],
      ['product', 'upsert', storeId, 'SKU-2', 0, '2026-11-01T08:00:00.000Z'],
      ['post', 'delete', storeId, 'POST-1', 0, '2026-11-01T08:00:00.000Z'],
      ['store', 'store', storeId, null, 0, '2026-11-01T08:00:00.000Z'],
      ['product', 'upsert', storeId, 'SKU-9', 0, '2026-11-01T08:00:00.000Z'],
    ]);
  });

  it('delivers enqueued changes in order, each item once, and deletes the delivered rows', async () => {
    const { meili, db, engine, enqueue, outbox } = setup();
    const storeId = await insertStore(db, 'st_a');
    const first = await insertProduct(db, storeId, 'SKU-2');
    const second = await insertProduct(db, storeId, 'SKU-1');
    const post = await insertPost(db, storeId, 'POST-1');
    await enqueue(upsert(storeId, 'product', 'SKU-2'), upsert(storeId, 'post', 'POST-1'));
    await enqueue(upsert(storeId, 'product', 'SKU-1', 'SKU-2'));

    const report = await engine.drain();
    expect(report).toMatchObject({ batches: 1, delivered: 4, failed: 0, documents: 3, error: null });
    expect(meili.writes().map((r) => [r.path, r.body.map((d: { id: string }) => d.id)])).toEqual([
      ['indexes/jishi_products/documents', [first, second]],
      ['indexes/jishi_posts/documents', [post]],
    ]);
    expect(await outbox()).toEqual([]);
    expect(await engine.outboxStats()).toEqual({ pending: 0, parked: 0, oldestPendingAgeSeconds: 0 });
  });

  it('claims due rows in batches of the size asked for', async () => {
    const { meili, db, engine, enqueue } = setup();
    const storeId = await insertStore(db, 'st_a');
    for (const n of [1, 2, 3, 4, 5]) await insertProduct(db, storeId, `SKU-${n}`);
    await enqueue(upsert(storeId, 'product', 'SKU-1', 'SKU-2', 'SKU-3', 'SKU-4', 'SKU-5'));
    const report = await engine.drain({ batchSize: 2 });
    expect(report).toMatchObject({ batches: 3, delivered: 5 });
    expect(meili.writes().map((r) => r.body.length)).toEqual([2, 2, 1]);
  });

  it('when Meilisearch is down the rows stay, with an attempt counted and a backoff', async () => {
    const { meili, db, clock, engine, enqueue, outbox } = setup();
    const storeId = await insertStore(db, 'st_a');
    await insertProduct(db, storeId, 'SKU-1');
    await enqueue(upsert(storeId, 'product', 'SKU-1'));
    meili.down = true;

    const report = await engine.drain();
    expect(report).toMatchObject({ delivered: 0, failed: 1, parked: 0 });
    expect(report.error).toMatch(/^MeiliUnavailableError: /);
    const [row] = await outbox();
    expect(row).toMatchObject({ attempts: 1, parked_at: null, next_attempt_at: '2026-11-01T08:00:00.750Z' });
    expect(row!.last_error).toMatch(/fetch failed/);

    meili.down = false;
    expect(await engine.drain()).toMatchObject({ batches: 0 });
    expect(meili.requests).toEqual([]);
    clock.advance(750);
    expect(await engine.drain()).toMatchObject({ delivered: 1, error: null });
    expect(await outbox()).toEqual([]);
  });

  it('backs off exponentially, and parks rows after the attempt limit and counts them', async () => {
    const { meili, db, clock, engine, enqueue, outbox } = setup({ maxAttempts: 4 });
    const storeId = await insertStore(db, 'st_a');
    await insertProduct(db, storeId, 'SKU-1');
    await enqueue(upsert(storeId, 'product', 'SKU-1'));
    meili.down = true;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      await engine.drain();
      const [row] = await outbox();
      waits.push(Date.parse(row!.next_attempt_at) - clock.now().getTime());
      clock.advance(60_000);
    }
    expect(waits.slice(0, 3)).toEqual([750, 1500, 3000]);
    expect((await outbox())[0]).toMatchObject({ attempts: 4, parked_at: '2026-11-01T08:03:00.000Z' });
    expect(await engine.outboxStats()).toEqual({ pending: 0, parked: 1, oldestPendingAgeSeconds: 0 });

    meili.down = false;
    clock.advance(3_600_000);
    expect(await engine.drain()).toMatchObject({ batches: 0 });
    expect(await requeueParked(db, clock.now())).toBe(1);
    expect(await engine.drain()).toMatchObject({ delivered: 1 });
  });

  it('reports how long the oldest pending change has waited', async () => {
    const { db, clock, engine, enqueue } = setup();
    const storeId = await insertStore(db, 'st_a');
    await enqueue(upsert(storeId, 'product', 'SKU-1'));
    clock.advance(90_000);
    await enqueue(upsert(storeId, 'product', 'SKU-2'));
    expect(await engine.outboxStats()).toEqual({ pending: 2, parked: 0, oldestPendingAgeSeconds: 90 });
  });

  it('deletes a suspended store’s documents from every index by filter', async () => {
    const { meili, db, engine, enqueue } = setup();
    const storeId = await insertStore(db, 'st_a', { status: 'suspended' });
    await insertProduct(db, storeId, 'SKU-1');
    await enqueue({ kind: 'store', storeId, text: { externalId: storeId, title: 'x' } });
    await engine.drain();
    expect(meili.writes().map((r) => [r.path, r.body])).toEqual([
      ['indexes/jishi_products/documents/delete', { filter: 'storeId IN ["st_a"]' }],
      ['indexes/jishi_posts/documents/delete', { filter: 'storeId IN ["st_a"]' }],
      ['indexes/jishi_stores/documents/delete', { filter: 'storeId IN ["st_a"]' }],
    ]);
  });

  it('re-adds every visible document of a reinstated store, and only those', async () => {
    const { meili, db, engine, enqueue } = setup();
    const storeId = await insertStore(db, 'st_a');
    const shown = await insertProduct(db, storeId, 'SKU-1');
    await insertProduct(db, storeId, 'SKU-2', { status: 'inactive' });
    await insertProduct(db, storeId, 'SKU-3', { takenDown: true });
    const post = await insertPost(db, storeId, 'POST-1', { publishedAt: '2027-01-01T00:00:00.000Z' });
    await enqueue({ kind: 'store', storeId, text: { externalId: storeId, title: 'x' } });
    await engine.drain();
    expect(meili.writes().map((r) => [r.path, r.body.map((d: { id: string }) => d.id)])).toEqual([
      ['indexes/jishi_products/documents', [shown]],
      ['indexes/jishi_posts/documents', [post]],
      ['indexes/jishi_stores/documents', [storeId]],
    ]);
    expect(meili.writes()[1]!.body[0].publishedAt).toBe(Date.parse('2027-01-01T00:00:00.000Z'));
  });

  it('a failed task keeps the rows, and the next drain sends the latest documents', async () => {
    const { meili, db, clock, engine, enqueue, outbox } = setup();
    const storeId = await insertStore(db, 'st_a');
    await insertProduct(db, storeId, 'SKU-1', { title: '旧标题' });
    await enqueue(upsert(storeId, 'product', 'SKU-1'));
    meili.taskOutcome = () => ({ code: 'internal', message: 'disk full' });

    const failed = await engine.drain();
    expect(failed.error).toMatch(/^MeiliTaskError: .*disk full/);
    expect(await outbox()).toHaveLength(1);

    await db.kysely
      .updateTable('products')
      .set({ title: '新标题' })
      .where('external_id', '=', 'SKU-1')
      .execute();
    meili.taskOutcome = () => 'succeeded';
    clock.advance(1_000);
    expect(await engine.drain()).toMatchObject({ delivered: 1, error: null });
    const titles = meili.writes().map((r) => r.body[0].title);
    expect(titles).toEqual(['旧标题', '新标题']);
    expect(await outbox()).toEqual([]);
  });
});
