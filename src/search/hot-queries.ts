/**
 * Popular queries for /v1/search/hot: counted in memory on the hot path and flushed in one batch,
 * with a score that halves every day so yesterday's trend fades.
 */
import { type CompiledQuery, sql } from 'kysely';
import type { Db } from '../db/database';
import { FlushSchedule } from '../ops/flush-schedule';

const HALF_LIFE_HOURS = 24;
const FLUSH_EVERY_MS = 10_000;
/**
 * Distinct queries held before an early write. Repeats of a query in the 10 s cost nothing to write,
 * so writing on time is what keeps the hot path cheap; this only bounds the memory (~100 bytes each).
 */
const FLUSH_AT_PENDING = 5_000;
const MAX_QUERY_LENGTH = 40;

export class HotQueries {
  private pending = new Map<string, { count: number; hits: number }>();
  private readonly schedule = new FlushSchedule(FLUSH_EVERY_MS, FLUSH_AT_PENDING);

  /** Counts a normalised query that found something. */
  record(q: string, hits: number) {
    const key = q.trim().replace(/\s+/g, ' ');
    if (!key || key.length > MAX_QUERY_LENGTH || hits <= 0) return;
    const entry = this.pending.get(key) ?? { count: 0, hits: 0 };
    entry.count += 1;
    entry.hits = hits;
    this.pending.set(key, entry);
  }

  private statements(db: Db, now: Date): CompiledQuery[] {
    const at = now.toISOString();
    const rows = [...this.pending];
    this.pending.clear();
    return rows.map(([q, { count, hits }]) =>
      sql`INSERT INTO search_queries (q, score, hits, updated_at) VALUES (${q}, ${count}, ${hits}, ${at})
        ON CONFLICT (q) DO UPDATE SET
          score = excluded.score + search_queries.score *
            pow(0.5, (julianday(excluded.updated_at) - julianday(search_queries.updated_at)) * 24.0 / ${HALF_LIFE_HOURS}),
          hits = excluded.hits,
          updated_at = excluded.updated_at`.compile(db.kysely),
    );
  }

  /** Writes what was counted if enough has gathered or enough time has passed. */
  async flushIfDue(db: Db, now: Date, force = false) {
    if (!this.schedule.due(this.pending.size, now, force)) return;
    await db.batch(this.statements(db, now));
  }

  /** The `n` queries with the highest score decayed to now. */
  async top(db: Db, now: Date, n: number): Promise<string[]> {
    await this.flushIfDue(db, now, true);
    const rows = await db.kysely
      .selectFrom('search_queries')
      .select(['q', 'score', 'updated_at'])
      .orderBy('score', 'desc')
      .limit(200)
      .execute();
    const hours = (iso: string) => (now.getTime() - Date.parse(iso)) / 3_600_000;
    return rows
      .map((r) => ({ q: r.q, score: r.score * 0.5 ** (hours(r.updated_at) / HALF_LIFE_HOURS) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, n)
      .map((r) => r.q);
  }
}
