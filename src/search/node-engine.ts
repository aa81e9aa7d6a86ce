/** Chooses the search engine on Node: Meilisearch when configured, else the embedded engine with jieba's native segmenter. */
import type { Clock } from '../clock';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { createEmbeddedEngine, type EmbeddedEngine } from './embedded/engine';
import { createMeiliEngine, type MeiliEngine } from './meili/engine';
import { nodeAnalyzer } from './text/node-analyzer';

export function nodeSearchEngine(
  config: Pick<Config, 'meili'>,
  db: Db,
  clock: Clock,
): EmbeddedEngine | MeiliEngine {
  if (config.meili)
    return createMeiliEngine({ url: config.meili.url, apiKey: config.meili.apiKey, db, clock });
  return createEmbeddedEngine({ db, clock, analyzer: nodeAnalyzer() });
}
