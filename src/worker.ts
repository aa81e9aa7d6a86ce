/**
 * Cloudflare Workers entry: the same app as on Node, on D1 (binding `DB`) with Meilisearch for
 * search. The dependencies are built once per isolate from `env` at its first request or cron
 * run. A configuration the Worker cannot run with (on Workers SESSION_SECRET and MEILI_URL are
 * always required, PUBLIC_BASE_URL in production) makes `fetch` throw a ConfigError naming the
 * variables, on every request until it is fixed: Cloudflare logs it (`wrangler tail`) and the
 * client gets Workers' own error page, never the configuration.
 */
import type { Hono } from 'hono';
import { createApp } from './api/app';
import { systemClock } from './clock';
import { type Config, ConfigError, loadConfig } from './config';
import { type D1Binding, openD1 } from './db/d1';
import type { Deps } from './deps';
import { entryDeps } from './entry-deps';
import { jsonLogger } from './ops/logger';
import { createMeiliEngine, type MeiliEngine } from './search/meili/engine';

export interface Env {
  DB: D1Binding;
  /** Vars from wrangler.toml and secrets: the same names as the Node configuration. */
  [variable: string]: unknown;
}

/** The Workers-only parts of `ExecutionContext` used here. */
interface Ctx {
  waitUntil(promise: Promise<unknown>): void;
}

interface Built {
  deps: Deps & { search: MeiliEngine };
  fetch: Hono['fetch'];
}

/** The configuration from `env`, with what a Worker cannot run without. */
function workerConfig(env: Env): Config & { sessionSecret: string; meili: NonNullable<Config['meili']> } {
  const strings = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const cfg = loadConfig(strings);
  const problems = [
    !cfg.sessionSecret && 'SESSION_SECRET: required on Workers (wrangler secret put SESSION_SECRET)',
    !cfg.meili && 'MEILI_URL: required on Workers, where search is Meilisearch',
    cfg.production && !strings.PUBLIC_BASE_URL && 'PUBLIC_BASE_URL: required on Workers in production',
    !env.DB && 'DB: no D1 binding (wrangler.toml [[d1_databases]])',
  ].filter(Boolean);
  if (problems.length > 0 || !cfg.sessionSecret || !cfg.meili)
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return { ...cfg, sessionSecret: cfg.sessionSecret, meili: cfg.meili };
}

function build(env: Env): Built {
  const cfg = workerConfig(env);
  const db = openD1(env.DB);
  const deps = entryDeps(cfg, {
    db,
    search: createMeiliEngine({ url: cfg.meili.url, apiKey: cfg.meili.apiKey, db, clock: systemClock }),
    logger: jsonLogger(cfg.logLevel),
    sessionSecret: cfg.sessionSecret,
  });
  return { deps, fetch: createApp(deps).fetch };
}

let built: Built | ConfigError | undefined;

/** This isolate's app, built at first use; a configuration error is kept and thrown again each time. */
function app(env: Env): Built {
  if (built === undefined) {
    try {
      built = build(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(error.message);
      built = error;
    }
  }
  if (built instanceof ConfigError) throw built;
  return built;
}

/** Delivers due search work to Meilisearch and writes this isolate's pending counts. */
async function drain(deps: Built['deps']) {
  const report = await deps.search.drain();
  if (report.error)
    deps.logger.warn('search outbox drain stopped', { error: report.error, parked: report.parked });
  const now = deps.clock.now();
  await deps.engagement.flushIfDue(deps.db, now, true);
  await deps.hotQueries.flushIfDue(deps.db, now, true);
}

export default {
  fetch(request: Request, env: Env, ctx: Ctx): Response | Promise<Response> {
    return app(env).fetch(request, env, ctx as Parameters<Hono['fetch']>[2]);
  },
  scheduled(_event: unknown, env: Env, ctx: Ctx): void {
    ctx.waitUntil(drain(app(env).deps));
  },
};
