/**
 * Search answers remembered until anything search can see changes. Shoppers repeat themselves
 * (hot keywords, the first page of each category), so most searches are answered without the engine.
 *
 * Every write that can change an answer bumps `search_state.generation` in its own atomic batch
 * (the engines add the statement to their index work; Meilisearch deliveries add it too). A lookup
 * reads the generation again whenever this process has written since it last did, so this
 * process's own writes show at once; writes by other processes (another server on the same file,
 * another Workers isolate on the same D1) show within RECHECK_MS, the longest a lookup goes
 * without reading it.
 */
import { type CompiledQuery, sql } from 'kysely';
import type { Clock } from '../clock';
import type { Db } from '../db/database';

/** The statement that marks every remembered answer stale; part of each write's batch. */
export function searchChanged(db: Db): CompiledQuery {
  return sql`UPDATE search_state SET generation = generation + 1 WHERE id = 1`.compile(db.kysely);
}

export interface CacheStats {
  hits: number;
  misses: number;
}

/** The longest a lookup trusts the generation it last read, when this process has not written since. */
export const RECHECK_MS = 250;

export class SearchResultCache<T> {
  private readonly entries = new Map<string, T>();
  private generation = -1;
  /** When the generation was last read, and how many batches this process had written by then. */
  private readAt = Number.NEGATIVE_INFINITY;
  private readAfterBatches = -1;
  private readonly read: CompiledQuery;
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  /** `maxEntries` 0 turns remembering off: every lookup computes. */
  constructor(
    private readonly db: Db,
    private readonly maxEntries: number,
    private readonly clock: Clock,
  ) {
    this.read = db.kysely.selectFrom('search_state').select('generation').where('id', '=', 1).compile();
  }

  /** The generation, read again when this process wrote since or RECHECK_MS passed. */
  private async current(): Promise<number> {
    const now = this.clock.now().getTime();
    if (this.db.batches === this.readAfterBatches && now - this.readAt < RECHECK_MS) return this.generation;
    const batches = this.db.batches;
    const result = await this.db.kysely.executeQuery<{ generation: number }>(this.read);
    const generation = result.rows[0]?.generation ?? 0;
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    this.readAt = now;
    this.readAfterBatches = batches;
    return generation;
  }

  /** The answer for `key` at the current generation, computing (and remembering) it when there is none. */
  async get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.maxEntries === 0) return compute();
    const generation = await this.current();
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Least recently used first: a hit moves to the back.
      this.entries.delete(key);
      this.entries.set(key, known);
      this.stats.hits += 1;
      return known;
    }
    this.stats.misses += 1;
    const batches = this.db.batches;
    const answer = await compute();
    // A write by this process meanwhile, or a newer generation seen by another request, means this answer may be stale.
    if (this.generation === generation && this.db.batches === batches) {
      this.entries.set(key, answer);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return answer;
  }
}
