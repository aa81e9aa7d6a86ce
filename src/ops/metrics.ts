/**
 * Prometheus text exposition for the few series the service keeps.
 * @remarks prom-client is Node-only (cluster, perf_hooks); this runs on Workers too.
 */

type Labels = Record<string, string>;

const NEEDS_ESCAPE = /[\\"\n]/;
const escapeValue = (v: string) =>
  NEEDS_ESCAPE.test(v) ? v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n') : v;

/** A series' label set as exposition text, names in order; on every request's path, so kept lean. */
function key(labels: Labels): string {
  const names = Object.keys(labels);
  if (names.length > 1) names.sort();
  let out = '';
  for (const name of names) out += `${out ? ',' : ''}${name}="${escapeValue(labels[name]!)}"`;
  return out;
}

export class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1) {
    const k = key(labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [k, v] of this.values) lines.push(`${this.name}${k ? `{${k}}` : ''} ${v}`);
    return lines.join('\n');
  }
}

export class Histogram {
  private readonly series = new Map<string, { counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}
  observe(labels: Labels, value: number) {
    const k = key(labels);
    let s = this.series.get(k);
    if (!s) {
      s = { counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.series.set(k, s);
    }
    this.buckets.forEach((b, i) => {
      if (value <= b) s.counts[i]! += 1;
    });
    s.sum += value;
    s.count += 1;
  }
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [k, s] of this.series) {
      const sep = k ? `${k},` : '';
      this.buckets.forEach((b, i) => {
        lines.push(`${this.name}_bucket{${sep}le="${b}"} ${s.counts[i]}`);
      });
      lines.push(`${this.name}_bucket{${sep}le="+Inf"} ${s.count}`);
      lines.push(`${this.name}_sum${k ? `{${k}}` : ''} ${s.sum}`);
      lines.push(`${this.name}_count${k ? `{${k}}` : ''} ${s.count}`);
    }
    return lines.join('\n');
  }
}

/** The service's metrics registry; one per app instance. */
export class Metrics {
  readonly requests = new Counter('http_requests_total', 'HTTP requests by method, route and status.');
  readonly duration = new Histogram(
    'http_request_duration_seconds',
    'HTTP request latency by method and route.',
    [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  readonly ingested = new Counter('catalog_items_ingested_total', 'Catalog items accepted by batch ingest.');
  readonly rejected = new Counter('catalog_items_rejected_total', 'Catalog items rejected by batch ingest.');

  render(): string {
    return `${[this.requests, this.duration, this.ingested, this.rejected].map((m) => m.render()).join('\n')}\n`;
  }
}
