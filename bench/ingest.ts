/** Ingest throughput: generated products pushed through the HTTP batch API into SQLite. */
import { parseArgs } from 'node:util';
import { seedProducts, seedStore } from '../src/seed/corpus';
import { conditions, printConditions, printTable } from './conditions';
import { otherCpu } from './load';
import { startBenchServer } from './server';

export async function ingestBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { products: { type: 'string', default: '100000' }, batch: { type: 'string', default: '1000' } },
  });
  const total = Number(values.products);
  const batchSize = Number(values.batch);
  const others = otherCpu();
  const srv = await startBenchServer();
  try {
    const owner = (await srv.call('POST', '/v1/auth/dev', undefined, { openid: 'bench-vendor' })).token;
    const moderator = (
      await srv.call('POST', '/v1/auth/dev', undefined, { openid: 'bench-mod', roles: ['moderator'] })
    ).token;
    const seed = seedStore(0, 7);
    const { key: _k, ownerOpenid: _o, miniProgram, ...fields } = seed;
    const storeId = (
      await srv.call('POST', '/v1/stores', owner, { ...fields, ...(miniProgram ? { miniProgram } : {}) })
    ).store.id;
    await srv.call('POST', `/v1/stores/${storeId}/submit`, owner);
    await srv.call('POST', `/v1/moderation/stores/${storeId}/decision`, moderator, { action: 'approve' });
    const key = (await srv.call('POST', `/v1/stores/${storeId}/api-keys`, owner, { name: 'bench' })).apiKey
      .secret;

    const products = seedProducts(seed, total, 7);
    const bodies: string[] = [];
    for (let i = 0; i < products.length; i += batchSize)
      bodies.push(JSON.stringify({ upsert: products.slice(i, i + batchSize) }));

    const rows: Record<string, string | number>[] = [];
    for (const pass of ['insert (new products)', 'repeat (unchanged, no-op)'] as const) {
      const started = performance.now();
      let upserted = 0;
      for (const body of bodies)
        upserted += (await srv.call('POST', `/v1/stores/${storeId}/products/batch`, key, body)).upserted;
      const seconds = (performance.now() - started) / 1000;
      rows.push({
        pass,
        products: upserted,
        batches: bodies.length,
        seconds: seconds.toFixed(2),
        'products/s': Math.round(upserted / seconds),
        'target products/s': 10_000,
      });
    }
    printTable(
      'Catalog ingest through POST /v1/stores/:id/products/batch (HTTP on loopback, one client, sequential batches)',
      rows,
    );
    printConditions(
      conditions({
        'batch size': batchSize,
        'request body (avg)': `${Math.round(bodies.reduce((n, b) => n + b.length, 0) / bodies.length / 1024)} KiB`,
        database: 'SQLite file, WAL, synchronous=FULL',
        'database size after': `${(srv.dbBytes() / 2 ** 20).toFixed(1)} MiB`,
        'CPU used by other processes during the run': others(),
      }),
    );
  } finally {
    await srv.stop();
  }
}
