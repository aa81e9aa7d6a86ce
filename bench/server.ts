/** A real service on loopback over a fresh SQLite file (or a kept one), for benchmarks that go through HTTP. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../src/api/app';
import { systemClock } from '../src/clock';
import { openSqlite } from '../src/db/sqlite';
import type { Deps } from '../src/deps';
import { Engagement } from '../src/feed/engagement';
import { silentLogger } from '../src/ops/logger';
import { Metrics } from '../src/ops/metrics';
import { createEmbeddedEngine } from '../src/search/embedded/engine';
import { HotQueries } from '../src/search/hot-queries';
import { createSearchCache } from '../src/search/service';
import { nodeAnalyzer } from '../src/search/text/node-analyzer';
import { createMemoryRateLimiter } from '../src/shoppers/rate-limit';

/** With `file`, serves that database and keeps it on stop; otherwise a temporary one, removed on stop. */
export async function startBenchServer(options: { file?: string; searchCacheEntries?: number } = {}) {
  const dir = options.file ? null : mkdtempSync(join(tmpdir(), 'jishi-bench-'));
  const file = options.file ?? join(dir!, 'bench.db');
  const db = openSqlite(file);
  const deps: Deps = {
    db,
    clock: systemClock,
    logger: silentLogger,
    metrics: new Metrics(),
    config: {
      production: false,
      devLogin: true,
      sessionSecret: 'bench-secret-bench-secret-bench-secret!',
      marketplaceName: '集市',
      publicBaseUrl: 'http://127.0.0.1',
    },
    wechat: null,
    search: createEmbeddedEngine({ db, clock: systemClock, analyzer: nodeAnalyzer() }),
    searchCache: createSearchCache(db, options.searchCacheEntries ?? 2000, systemClock),
    hotQueries: new HotQueries(),
    engagement: new Engagement(),
    limiter: createMemoryRateLimiter(),
  };
  const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(base + path, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json as any;
  }

  return {
    base,
    deps,
    file,
    raw: db.raw,
    /** Refreshes the query planner's statistics, as the server does after loading data. */
    optimize: () => db.raw.pragma('optimize'),
    call,
    dbBytes: () =>
      ['', '-wal'].reduce((n, s) => n + (statSync(file + s, { throwIfNoEntry: false })?.size ?? 0), 0),
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
