/** Configuration from the environment, validated once at start; a bad value stops the start. */
import { z } from 'zod';

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8787),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO_DATA: flag.optional(),
  DEV_LOGIN: flag.optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  WECHAT_APP_ID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, 'must look like wx followed by 16 hex digits')
    .optional(),
  WECHAT_APP_SECRET: z.string().min(1).optional(),
  WECHAT_WEB_APP_ID: z
    .string()
    .regex(/^wx[0-9a-f]{16}$/, 'must look like wx followed by 16 hex digits')
    .optional(),
  WECHAT_WEB_APP_SECRET: z.string().min(1).optional(),
  WECHAT_OPEN_BASE: z.url({ protocol: /^https?$/ }).default('https://open.weixin.qq.com'),
  WECHAT_API_BASE: z.url({ protocol: /^https?$/ }).default('https://api.weixin.qq.com'),
  MARKETPLACE_NAME: z.string().min(1).max(40).default('集市'),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  MEILI_URL: z.url({ protocol: /^https?$/ }).optional(),
  MEILI_API_KEY: z.string().min(1).optional(),
  SEARCH_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export interface Config {
  production: boolean;
  port: number;
  dataDir: string;
  demoData: boolean;
  devLogin: boolean;
  /** Absent only before the Node entry has filled it in for a local run. */
  sessionSecret: string | undefined;
  wechat: { appId: string; appSecret: string } | null;
  wechatApiBase: string;
  /** The website app for the console's WeChat sign-in (web OAuth). */
  wechatWeb: { appId: string; appSecret: string } | null;
  wechatOpenBase: string;
  marketplaceName: string;
  /** Where shoppers reach the marketplace's pages, for share codes. */
  publicBaseUrl: string;
  /** Search through Meilisearch instead of the embedded engine. */
  meili: { url: string; apiKey: string | undefined } | null;
  /** How many search answers to remember until the catalog changes; 0 remembers none. */
  searchCacheEntries: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && e.DEV_LOGIN === true) problems.push('DEV_LOGIN: dev login is always off in production');
  if (production && e.DEMO_DATA === true) problems.push('DEMO_DATA: demo data is always off in production');
  if (production && !e.SESSION_SECRET) problems.push('SESSION_SECRET: required in production');
  if (e.MEILI_API_KEY && !e.MEILI_URL) problems.push('MEILI_URL: required when MEILI_API_KEY is set');
  if (Boolean(e.WECHAT_APP_ID) !== Boolean(e.WECHAT_APP_SECRET)) {
    problems.push('WECHAT_APP_ID, WECHAT_APP_SECRET: set both or neither');
  }
  if (Boolean(e.WECHAT_WEB_APP_ID) !== Boolean(e.WECHAT_WEB_APP_SECRET)) {
    problems.push('WECHAT_WEB_APP_ID, WECHAT_WEB_APP_SECRET: set both or neither');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  return {
    production,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    demoData: production ? false : (e.DEMO_DATA ?? true),
    devLogin: production ? false : (e.DEV_LOGIN ?? true),
    sessionSecret: e.SESSION_SECRET,
    wechat:
      e.WECHAT_APP_ID && e.WECHAT_APP_SECRET
        ? { appId: e.WECHAT_APP_ID, appSecret: e.WECHAT_APP_SECRET }
        : null,
    wechatApiBase: e.WECHAT_API_BASE.replace(/\/+$/, ''),
    wechatWeb:
      e.WECHAT_WEB_APP_ID && e.WECHAT_WEB_APP_SECRET
        ? { appId: e.WECHAT_WEB_APP_ID, appSecret: e.WECHAT_WEB_APP_SECRET }
        : null,
    wechatOpenBase: e.WECHAT_OPEN_BASE.replace(/\/+$/, ''),
    marketplaceName: e.MARKETPLACE_NAME,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    meili: e.MEILI_URL ? { url: e.MEILI_URL, apiKey: e.MEILI_API_KEY } : null,
    searchCacheEntries: e.SEARCH_CACHE_ENTRIES,
    logLevel: e.LOG_LEVEL,
  };
}
