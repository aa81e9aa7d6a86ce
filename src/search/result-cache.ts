/**
 * Search answers remembered until anything search can see changes. Shoppers repeat themselves
 * (hot keywords, the first page of each category), so most searches are answered without the engine.
 *
 * Every write that can change an answer bumps `search_state.generation` in its own atomic batch
 * (the engines add the statement to their index work; Meilisearch deliveries add it too), and
 * every lookup reads the generation first: an answer is only ever served for the catalog state
 * it was computed from, on every runtime and across processes sharing the database.
 */
import { type CompiledQuery, sql } from 'kysely';
import type { Db } from '../db/database';

/** The statement that marks every remembered answer stale; part of each write's batch. */
export function searchChanged(db: Db): CompiledQuery {
  return sql`UPDATE search_state SET generation = generation + 1 WHERE id = 1`.compile(db.kysely);
}

export interface CacheStats {
  hits: number;
  misses: number;
}

export class SearchResultCache<T> {
  private readonly entries = new Map<string, T>();
  private generation = -1;
  private readonly read: CompiledQuery;
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  /** `maxEntries` 0 turns remembering off: every lookup computes. */
  constructor(
    private readonly db: Db,
    private readonly maxEntries: number,
  ) {
    this.read = db.kysely.selectFrom('search_state').select('generation').where('id', '=', 1).compile();
  }

  /** The answer for `key` at the current generation, computing (and remembering) it when there is none. */
  async get(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.maxEntries === 0) return compute();
    const generation = (await this.db.first<{ generation: number }>(this.read))?.generation ?? 0;
    if (generation !== this.generation) {
      this.entries.clear();
      this.generation = generation;
    }
    const known = this.entries.get(key);
    if (known !== undefined) {
      // Least recently used first: a hit moves to the back.
      this.entries.delete(key);
      this.entries.set(key, known);
      this.stats.hits += 1;
      return known;
    }
    this.stats.misses += 1;
    const answer = await compute();
    // A newer generation seen meanwhile (by another request) means this answer may be stale.
    if (this.generation === generation) {
      this.entries.set(key, answer);
      if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    }
    return answer;
  }
}
