/** What the index knows, cached: Latin words for typo tolerance, and brands for suggestions. */
import { sql } from 'kysely';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { createTypoIndex, type TypoIndex } from '../text/typo';

/** How long a snapshot serves after the index changed before it is rebuilt. */
const STALE_AFTER_MS = 60_000;
/** How many of the newest products the brand list is drawn from. */
const BRAND_WINDOW = 100_000;

export interface Vocabulary {
  typos(): Promise<TypoIndex>;
  brands(): Promise<{ brand: string; count: number }[]>;
  invalidate(): void;
}

/** A value built on first use and rebuilt, at most once a minute, after the index changed. */
function cached<T>(clock: Clock, build: () => Promise<T>) {
  let value: { data: T; at: number } | null = null;
  let building: Promise<T> | null = null;
  let dirty = false;
  return {
    async get(): Promise<T> {
      if (value && !(dirty && clock.now().getTime() - value.at > STALE_AFTER_MS)) return value.data;
      const at = clock.now().getTime();
      const wasDirty = dirty;
      dirty = false;
      building ??= build().finally(() => {
        building = null;
      });
      try {
        const data = await building;
        value = { data, at };
        return data;
      } catch (error) {
        dirty ||= wasDirty;
        throw error;
      }
    },
    invalidate() {
      dirty = true;
    },
  };
}

export function createVocabulary(db: Db, clock: Clock): Vocabulary {
  /** The Latin words of product titles and brands, kept by the index writes (search_typo_terms). */
  const typos = cached(clock, async () => {
    const words = await sql<{ term: string }>`SELECT term FROM search_typo_terms`.execute(db.kysely);
    return createTypoIndex(words.rows.map((r) => r.term));
  });
  /**
   * The brands of the newest products, most frequent first. Counting every product's brand took
   * ~1 s at a million products, on a suggest request, once a minute while the catalog changes; the
   * newest 100,000 take ~70 ms and hold the brands shoppers meet (813 of 979 in the 1M bench
   * corpus). A rarer brand is still suggested through the product titles that name it.
   */
  const brands = cached(clock, async () => {
    const rows = await sql<{ brand: string; count: number }>`
      SELECT brand, COUNT(*) AS count
      FROM (SELECT brand FROM products WHERE brand IS NOT NULL ORDER BY rowid DESC LIMIT ${BRAND_WINDOW})
      GROUP BY brand ORDER BY count DESC LIMIT 5000`.execute(db.kysely);
    return rows.rows.map((b) => ({ brand: b.brand, count: Number(b.count) }));
  });
  return {
    typos: () => typos.get(),
    brands: () => brands.get(),
    invalidate: () => {
      typos.invalidate();
      brands.invalidate();
    },
  };
}
