/** What a benchmark ran on, printed beside its figures. */
import { cpus, totalmem } from 'node:os';
import BetterSqlite3 from 'better-sqlite3';

export function conditions(extra: Record<string, string | number> = {}): Record<string, string | number> {
  const cpu = cpus();
  const sqlite = new BetterSqlite3(':memory:');
  const { v } = sqlite.prepare('SELECT sqlite_version() AS v').get() as { v: string };
  sqlite.close();
  return {
    node: process.version,
    cpu: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    sqlite: v,
    ...extra,
  };
}

export function printTable(title: string, rows: Record<string, string | number>[]) {
  console.log(`\n${title}`);
  const cols = Object.keys(rows[0] ?? {});
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  console.log(line(cols));
  console.log(`|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(cols.map((c) => String(r[c]))));
}

export function printConditions(values: Record<string, string | number>) {
  printTable(
    'Conditions',
    Object.entries(values).map(([k, v]) => ({ condition: k, value: v })),
  );
}
