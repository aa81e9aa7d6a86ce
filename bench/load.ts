/**
 * The load the search benchmark applies: a deterministic mixed query set built from the seed
 * vocabulary, and HTTP load with autocannon in a child process (this file, run with tsx) so the
 * load generator never shares the server's event loop.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import type { FacetName, SearchFilters, SearchQuery } from '../src/search/engine';
import { type CategoryId, createRandom } from '../src/seed/corpus';
import { brands, cities, vocabulary } from '../src/seed/vocabulary';
import { printTable } from './conditions';
import { startHello } from './hello';

export interface BenchQuery extends SearchQuery {
  kind: string;
}
type Source = {
  q: string;
  category: CategoryId;
  brand: string | undefined;
  price: readonly [number, number];
};

export const FACETS: FacetName[] = ['category', 'city', 'brand'];
/** How many queries of each kind of text. */
export const MIX: Record<string, number> = {
  noun: 60,
  compound: 45,
  'brand (zh)': 40,
  'brand (latin)': 35,
  pinyin: 35,
  'model number': 30,
  prefix: 30,
  typo: 25,
};

/** A deterministic mix of what shoppers type, with filters, facets, sorts and pages 1–3. */
export function querySet(): BenchQuery[] {
  const r = createRandom(2026);
  const pool: Record<string, Source[]> = {};
  const add = (kind: string, s: Source) => {
    pool[kind] ??= [];
    pool[kind].push(s);
  };
  const alias = new Map(brands.map(([name, a]) => [name, a]));
  for (const [category, voc] of Object.entries(vocabulary) as [
    CategoryId,
    (typeof vocabulary)[CategoryId],
  ][]) {
    for (const k of voc.kinds) {
      const base = { category, price: k.price, brand: k.brands[0] };
      for (const n of k.nouns) {
        add(n.length === 2 ? 'noun' : 'compound', { ...base, q: n });
        add('pinyin', { ...base, q: pinyin(n, { toneType: 'none', type: 'array' }).join('') });
      }
      for (const b of k.brands) {
        for (const name of [b, alias.get(b)]) {
          if (!name) continue;
          add(/[\u4e00-\u9fff]/.test(name) ? 'brand (zh)' : 'brand (latin)', {
            ...base,
            q: name,
            brand: undefined,
          });
          const letters = name.toLowerCase().replace(/[^a-z]/g, '');
          if (letters.length < 5 || !/^[A-Za-z]/.test(name)) continue;
          add('prefix', { ...base, q: letters.slice(0, r.int(3, 4)), brand: undefined });
          const i = r.int(1, letters.length - 2);
          add('typo', {
            ...base,
            q: letters.slice(0, i) + letters[i + 1] + letters[i] + letters.slice(i + 2),
          });
        }
      }
      for (const m of Object.values(k.models ?? {}).flat()) {
        if (/\d/.test(m) && /[A-Za-z]/.test(m)) add('model number', { ...base, q: m });
      }
    }
  }
  const out: BenchQuery[] = [];
  for (const [kind, n] of Object.entries(MIX)) {
    for (let i = 0; i < n; i++) {
      const s = r.pick(pool[kind] ?? []);
      const filters: SearchFilters = {};
      if (r.chance(0.4)) {
        const which = r.int(0, 3);
        if (which === 0 || r.chance(0.2)) filters.category = s.category;
        if (which === 1) filters.city = r.pick(cities)[0];
        if (which === 2 || (which === 0 && r.chance(0.3))) {
          filters.priceMin = s.price[0] * 100;
          filters.priceMax = Math.round((s.price[0] + s.price[1]) / 2) * 100;
        }
        if (which === 3) {
          if (s.brand) filters.brand = s.brand;
          else filters.city = r.pick(cities)[0];
        }
      }
      const roll = r.next();
      const sort = roll < 0.7 ? 'relevance' : roll < 0.85 ? 'price_asc' : 'newest';
      const page = r.chance(0.7) ? 1 : r.chance(0.67) ? 2 : 3;
      const facets = r.chance(0.5) ? FACETS : [];
      out.push({ kind, type: 'product', q: s.q, filters, sort, page, limit: 20, facets });
    }
  }
  return out;
}

/** The query as a GET /v1/search path. */
export function searchPath(q: BenchQuery): string {
  const params = new URLSearchParams({ q: q.q, sort: q.sort, page: String(q.page), limit: String(q.limit) });
  for (const [k, v] of Object.entries(q.filters)) params.set(k, String(v));
  if (q.facets.length) params.set('facets', q.facets.join(','));
  return `/v1/search?${params}`;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface ChildInput extends LoadOptions {
  url: string;
  paths: string[];
}

/** Runs autocannon in a child process against `base` (loopback only), cycling through `paths` on every connection. */
export function loadTest(base: string, paths: string[], options: LoadOptions): Promise<LoadResult> {
  if (!['127.0.0.1', 'localhost'].includes(new URL(base).hostname)) throw new Error('loopback only');
  const input: ChildInput = { url: base, paths, ...options };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(input)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  // autocannon stops itself after `seconds`; the child is killed if it has not stopped a minute later.
  const timer = setTimeout(() => child.kill('SIGKILL'), (options.seconds + 60) * 1000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`autocannon child exited with ${code}`));
      try {
        resolve(JSON.parse(out) as LoadResult);
      } catch (error) {
        reject(error);
      }
    });
  });
}

export interface LoadTarget {
  name: string;
  base: string;
  paths: string[];
}

/**
 * Hello-world first, then each target, one after the other, each after a 2 s warm-up; prints them
 * with the server's CPU time per request (this process: the servers run here, the load generator
 * in its own) and each one's share of hello-world's requests per second.
 */
export async function httpThroughput(
  targets: LoadTarget[],
  load: LoadOptions,
  json: Uint8Array<ArrayBuffer>,
) {
  const hello = await startHello(json);
  const all: LoadTarget[] = [
    { name: 'hello-world (GET /, bare Hono)', base: hello.base, paths: ['/'] },
    {
      name: `fixed ${(json.length / 1024).toFixed(1)} KiB JSON (GET /json, bare Hono)`,
      base: hello.base,
      paths: ['/json'],
    },
    ...targets,
  ];
  const rows: (LoadResult & { name: string; cpuUs: number })[] = [];
  try {
    for (const t of all) {
      await loadTest(t.base, t.paths, { ...load, seconds: 2 });
      const cpu = process.cpuUsage();
      const r = await loadTest(t.base, t.paths, load);
      const used = process.cpuUsage(cpu);
      rows.push({ ...r, name: t.name, cpuUs: (used.user + used.system) / Math.max(1, r.requests) });
    }
  } finally {
    await hello.stop();
  }
  const helloRps = rows[0]!.rps;
  printTable(
    `HTTP on 127.0.0.1, autocannon -c ${load.connections} -d ${load.seconds} in a separate process (after a 2 s warm-up)`,
    rows.map((r) => ({
      server: r.name,
      requests: r.requests,
      'req/s': Math.round(r.rps),
      'of hello': `${((r.rps / helloRps) * 100).toFixed(1)}%`,
      'server CPU µs/req': Math.round(r.cpuUs),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'non-2xx': r.non2xx,
      'errors/timeouts': `${r.errors}/${r.timeouts}`,
    })),
  );
  const search = rows[2]!;
  const ratio = search.rps / helloRps;
  console.log(
    `\n${search.name} / hello: ${(ratio * 100).toFixed(1)}% (target ≥ 50%) → ${ratio >= 0.5 ? 'met' : 'not met'}.`,
  );
}

/**
 * CPU seconds (Linux /proc, USER_HZ 100): the whole machine busy, this process with its reaped
 * children, and the time a hypervisor gave the machine's CPUs to other guests (steal).
 */
function cpuSeconds(): { machine: number; own: number; steal: number } | null {
  try {
    const [user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const self = readFileSync('/proc/self/stat', 'utf8');
    const [utime, stime, cutime, cstime] = self
      .slice(self.lastIndexOf(')') + 2)
      .split(' ')
      .slice(11, 15)
      .map(Number);
    return {
      machine: (user! + nice! + system! + irq! + softirq!) / 100,
      own: (utime! + stime! + cutime! + cstime!) / 100,
      steal: (steal ?? 0) / 100,
    };
  } catch {
    return null;
  }
}

/** Starts counting the CPU time other processes use; call the result for a description of it so far. */
export function otherCpu(): () => string {
  const start = cpuSeconds();
  const started = performance.now();
  return () => {
    const end = cpuSeconds();
    if (!start || !end) return 'unknown (no /proc)';
    const other = end.machine - start.machine - (end.own - start.own);
    const wall = (performance.now() - started) / 1000;
    return `${other.toFixed(0)} CPU-s over ${wall.toFixed(0)} s wall (this process and its load generator excluded); stolen by the hypervisor: ${(end.steal - start.steal).toFixed(0)} CPU-s (figures from a noisy host vary by that much)`;
  };
}

async function child(input: ChildInput) {
  const specifier: string = 'autocannon';
  const { default: autocannon } = (await import(specifier)) as { default: (o: object) => Promise<any> };
  const r = await autocannon({
    url: input.url,
    connections: input.connections,
    duration: input.seconds,
    requests: input.paths.map((path) => ({ method: 'GET', path })),
  });
  const result: LoadResult = {
    requests: r.requests.total,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
  process.stdout.write(JSON.stringify(result));
}

if (process.argv[2] && process.argv[1] === fileURLToPath(import.meta.url)) {
  await child(JSON.parse(process.argv[2]) as ChildInput);
}
