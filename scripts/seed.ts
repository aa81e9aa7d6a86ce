/** `npm run seed -- --stores N --products-per-store M --posts-per-store K`: loads a generated marketplace into DATA_DIR. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config';
import { openSqlite } from '../src/db/sqlite';
import { nodeSearchEngine } from '../src/search/node-engine';
import { loadCorpus } from '../src/seed/load';

const { values } = parseArgs({
  options: {
    stores: { type: 'string', default: '24' },
    'products-per-store': { type: 'string', default: '25' },
    'posts-per-store': { type: 'string', default: '3' },
    seed: { type: 'string', default: '2018' },
  },
});
const numbers = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)]));
for (const [k, v] of Object.entries(numbers)) {
  if (!Number.isInteger(v) || v < 0) {
    console.error(`--${k} must be a whole number, got ${values[k as keyof typeof values]}`);
    process.exit(2);
  }
}

const config = loadConfig(process.env);
mkdirSync(config.dataDir, { recursive: true });
const db = openSqlite(join(config.dataDir, 'jishi.db'));
const stores = numbers.stores!;
const started = performance.now();
const totals = await loadCorpus(
  { db, clock: systemClock, search: nodeSearchEngine(config, db, systemClock) },
  {
    seed: numbers.seed!,
    stores,
    productsPerStore: numbers['products-per-store']!,
    postsPerStore: numbers['posts-per-store']!,
  },
  (done) => {
    if (done % Math.max(1, Math.floor(stores / 20)) === 0 || done === stores) {
      process.stdout.write(`\r${done}/${stores} stores`);
    }
  },
);
db.raw.pragma('optimize');
const seconds = (performance.now() - started) / 1000;
console.log(
  `\nloaded ${totals.stores} stores, ${totals.products} products, ${totals.posts} posts into ${config.dataDir} in ${seconds.toFixed(1)} s`,
);
await db.close();
