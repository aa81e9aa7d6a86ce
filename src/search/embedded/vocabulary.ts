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

interface Snapshot {
  typos: TypoIndex;
  brands: { brand: string; count: number }[];
  at: number;
}

export function createVocabulary(db: Db, clock: Clock): Vocabulary {
  let snapshot: Snapshot | null = null;
  let building: Promise<Snapshot> | null = null;
  let dirty = false;

  async function build(): Promise<Snapshot> {
    const words = await sql<{ term: string }>`SELECT DISTINCT term FROM product_fts_vocab
      WHERE col IN ('title', 'brand') AND term GLOB '[a-z]*' AND term NOT GLOB '*[^a-z]*'`.execute(db.kysely);
    const brands = await db.kysely
      .selectFrom('products')
      .select(['brand', (eb) => eb.fn.countAll<number>().as('count')])
      .where('brand', 'is not', null)
      .groupBy('brand')
      .orderBy('count', 'desc')
      .limit(5000)
      .execute();
    return {
      typos: createTypoIndex(words.rows.map((r) => r.term)),
      brands: brands.map((b) => ({ brand: b.brand as string, count: Number(b.count) })),
      at: clock.now().getTime(),
    };
  }

  async function current(): Promise<Snapshot> {
    if (snapshot && !(dirty && clock.now().getTime() - snapshot.at > STALE_AFTER_MS)) return snapshot;
    building ??= build().finally(() => {
      building = null;
    });
    const next = await building;
    snapshot = next;
    dirty = false;
    return next;
  }

  return {
    typos: async () => (await current()).typos,
    brands: async () => (await current()).brands,
    invalidate: () => {
      dirty = true;
    },
  };
}
