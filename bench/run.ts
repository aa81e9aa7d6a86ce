/** `npm run bench -- <name> [options]`: runs one benchmark and prints its table with the conditions. */
import { feedBench } from './feed';
import { ingestBench } from './ingest';
import { searchBench } from './search';

const benches: Record<string, (args: string[]) => Promise<void>> = {
  feed: feedBench,
  ingest: ingestBench,
  search: searchBench,
};

const [name, ...rest] = process.argv.slice(2);
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
await bench(rest);
