/** `npm run reindex`: rebuilds the search index (embedded, or Meilisearch when MEILI_URL is set) from the catalog. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../src/clock';
import { ConfigError, loadConfig } from '../src/config';
import { openSqlite } from '../src/db/sqlite';
import { nodeSearchEngine } from '../src/search/node-engine';

const WIDTH = 30;

function progressBar(label: string) {
  const started = performance.now();
  return (done: number, total: number) => {
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * WIDTH);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(
      `\r${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${Math.round(share * 100)}% ${done}/${total} (${seconds} s)`,
    );
    if (done === total) process.stderr.write('\n');
  };
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(2);
}
mkdirSync(config.dataDir, { recursive: true });
const db = openSqlite(join(config.dataDir, 'jishi.db'));
const engine = nodeSearchEngine(config, db, systemClock);
try {
  if (engine.name === 'embedded') {
    await engine.reindex(progressBar('stores'));
  } else {
    const bars = new Map<string, ReturnType<typeof progressBar>>();
    const counts = await engine.reindex({
      onProgress: ({ type, done, total }) => {
        if (!bars.has(type)) bars.set(type, progressBar(`${type}s`));
        bars.get(type)?.(done, total);
      },
    });
    const drained = await engine.drain();
    console.log(
      `reindexed ${counts.product} products, ${counts.post} posts, ${counts.store} stores; ` +
        `outbox: ${drained.delivered} delivered${drained.error ? `, stopped: ${drained.error}` : ''}`,
    );
  }
} catch (error) {
  console.error('reindex failed:', error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
