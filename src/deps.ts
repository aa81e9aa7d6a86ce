/** What the app is built from; each runtime's entry assembles these. */
import type { Clock } from './clock';
import type { Db } from './db/database';
import type { Logger } from './ops/logger';
import type { Metrics } from './ops/metrics';
import type { WeChatClient } from './wechat/client';

export interface AppConfig {
  production: boolean;
  devLogin: boolean;
  sessionSecret: string;
  marketplaceName: string;
}

export interface Deps {
  db: Db;
  clock: Clock;
  config: AppConfig;
  logger: Logger;
  metrics: Metrics;
  /** The mini-program sign-in client; null when no WeChat app is configured. */
  wechat: WeChatClient | null;
  /** The API reference's browser script, served at /docs/scalar.js so /docs works offline. */
  docsScript?: string;
}

/** The part of Deps the domain needs. */
export type DomainDeps = Pick<Deps, 'db' | 'clock'>;
