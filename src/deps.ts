/** What the app is built from; each runtime's entry assembles these. */
import type { Clock } from './clock';
import type { Db } from './db/database';
import type { Engagement } from './feed/engagement';
import type { Logger } from './ops/logger';
import type { Metrics } from './ops/metrics';
import type { SearchEngine } from './search/engine';
import type { HotQueries } from './search/hot-queries';
import type { SearchCache } from './search/service';
import type { RateLimiter } from './shoppers/rate-limit';
import type { WeChatClient } from './wechat/client';
import type { WeChatWebLogin } from './wechat/web-login';

export interface AppConfig {
  production: boolean;
  devLogin: boolean;
  sessionSecret: string;
  marketplaceName: string;
  /** Where the marketplace's own pages are, for share codes: `${publicBaseUrl}/p/{productId}`. */
  publicBaseUrl: string;
}

export interface Deps {
  db: Db;
  clock: Clock;
  config: AppConfig;
  logger: Logger;
  metrics: Metrics;
  /** The mini-program sign-in client; null when no WeChat app is configured. */
  wechat: WeChatClient | null;
  /** The console's WeChat web sign-in; null when no website app is configured. */
  wechatWeb?: WeChatWebLogin | null;
  /** The search engine: embedded (SQLite FTS5) by default, Meilisearch when configured. */
  search: SearchEngine;
  /** Search answers remembered until the catalog changes. */
  searchCache: SearchCache;
  hotQueries: HotQueries;
  /** Views and friend-adds, counted in memory and flushed in batches. */
  engagement: Engagement;
  limiter: RateLimiter;
  /** The API reference's browser script, served at /docs/scalar.js so /docs works offline. */
  docsScript?: string;
}

/** The part of Deps the domain needs. */
export type DomainDeps = Pick<Deps, 'db' | 'clock' | 'search'>;
