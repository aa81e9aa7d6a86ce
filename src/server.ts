/** Node entry: reads the configuration, opens the SQLite file, loads demo data if asked, and serves. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from './api/app';
import { systemClock } from './clock';
import { ConfigError, loadConfig } from './config';
import { openSqlite } from './db/sqlite';
import { entryDeps } from './entry-deps';
import { randomToken } from './ids';
import { jsonLogger } from './ops/logger';
import { nodeSearchEngine } from './search/node-engine';
import { DEMO_CORPUS, loadCorpus } from './seed/load';

function config() {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** A local run keeps a generated secret in DATA_DIR so sessions survive restarts; production must set one. */
function sessionSecret(dataDir: string, configured: string | undefined): string {
  if (configured) return configured;
  const file = join(dataDir, 'session-secret');
  if (!existsSync(file)) writeFileSync(file, randomToken(48), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function docsScript(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return readFileSync(require.resolve('@scalar/api-reference/browser/standalone.js'), 'utf8');
  } catch {
    return undefined;
  }
}

const cfg = config();
const logger = jsonLogger(cfg.logLevel);
mkdirSync(cfg.dataDir, { recursive: true });
const db = openSqlite(join(cfg.dataDir, 'jishi.db'));
const search = nodeSearchEngine(cfg, db, systemClock);
const deps = entryDeps(cfg, {
  db,
  search,
  logger,
  sessionSecret: sessionSecret(cfg.dataDir, cfg.sessionSecret),
  docsScript: docsScript(),
});

if (search.name === 'embedded' && (await search.reindexIfEmpty()))
  logger.info('search index rebuilt from the catalog');

if (cfg.demoData) {
  const { count } = await db.kysely
    .selectFrom('stores')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  if (Number(count) === 0) {
    const loaded = await loadCorpus(deps, DEMO_CORPUS);
    db.raw.pragma('optimize');
    logger.info('demo marketplace loaded', loaded);
  }
}

/** Meilisearch is fed from the outbox: drain it about once a second, one drain at a time. */
let draining = false;
const drainTimer =
  search.name === 'meilisearch'
    ? setInterval(() => {
        if (draining) return;
        draining = true;
        search
          .drain()
          .then((report) => {
            if (report.error)
              logger.warn('search outbox drain stopped', { error: report.error, parked: report.parked });
          })
          .finally(() => {
            draining = false;
          });
      }, 1000)
    : undefined;

/** Keeps the query planner's statistics current as the catalog grows (SQLite's advice: now and then, bounded work). */
const optimizeTimer = setInterval(() => db.raw.pragma('optimize'), 3600_000);

const server = serve({ fetch: createApp(deps).fetch, port: cfg.port }, (info) => {
  logger.info('listening', {
    url: `http://localhost:${info.port}`,
    dataDir: cfg.dataDir,
    devLogin: cfg.devLogin,
    wechat: cfg.wechat ? cfg.wechatApiBase : 'not configured',
  });
});

function shutdown() {
  clearInterval(drainTimer);
  clearInterval(optimizeTimer);
  server.close(() => {
    void db.close().then(() => process.exit(0));
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
