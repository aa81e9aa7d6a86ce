/** What the index knows, cached: Latin words for typo tolerance, and brands for suggestions. */
import { sql } from 'kysely';
import type { Clock } from '../../clock';
import type { Db } from '../../db/database';
import { createTypoIndex, type TypoIndex } from '../text/typo';

/** How long a snapshot serves after the index changed before it is rebuilt. */
const STALE_AFTER_MS = 60_000;

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
  const brands = cached(clock, async () => {
    const rows = await db.kysely
      .selectFrom('products')
      .select(['brand', (eb) => eb.fn.countAll<number>().as('count')])
      .where('brand', 'is not', null)
      .groupBy('brand')
      .orderBy('count', 'desc')
      .limit(5000)
      .execute();
    return rows.map((b) => ({ brand: b.brand as string, count: Number(b.count) }));
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
