/** The dependencies every runtime's entry (Node's server.ts, the Worker) assembles the same way from its configuration. */
import { systemClock } from './clock';
import type { Config } from './config';
import type { Db } from './db/database';
import type { Deps } from './deps';
import { Engagement } from './feed/engagement';
import type { Logger } from './ops/logger';
import { Metrics } from './ops/metrics';
import type { SearchEngine } from './search/engine';
import { HotQueries } from './search/hot-queries';
import { createSearchCache } from './search/service';
import { createMemoryRateLimiter } from './shoppers/rate-limit';
import { createWeChatClient } from './wechat/client';
import { createWeChatWebLogin } from './wechat/web-login';

export function entryDeps<S extends SearchEngine>(
  cfg: Config,
  parts: { db: Db; search: S; logger: Logger; sessionSecret: string; docsScript?: string | undefined },
): Deps & { search: S } {
  const { db, search, logger, sessionSecret, docsScript } = parts;
  return {
    db,
    clock: systemClock,
    logger,
    metrics: new Metrics(),
    config: {
      production: cfg.production,
      devLogin: cfg.devLogin,
      sessionSecret,
      marketplaceName: cfg.marketplaceName,
      publicBaseUrl: cfg.publicBaseUrl,
    },
    wechat: cfg.wechat ? createWeChatClient({ apiBase: cfg.wechatApiBase, ...cfg.wechat }) : null,
    wechatWeb: cfg.wechatWeb
      ? createWeChatWebLogin({ apiBase: cfg.wechatApiBase, openBase: cfg.wechatOpenBase, ...cfg.wechatWeb })
      : null,
    search,
    searchCache: createSearchCache(db, cfg.searchCacheEntries, systemClock),
    // Counted in memory per process (per isolate on Workers) and flushed in batches.
    hotQueries: new HotQueries(),
    engagement: new Engagement(),
    // Per process (per isolate on Workers): a shopper's limits hold within one of them.
    limiter: createMemoryRateLimiter(),
    ...(docsScript === undefined ? {} : { docsScript }),
  };
}
