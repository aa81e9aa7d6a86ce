/** Previews of reported targets for the moderators' queue, loaded for a whole page at once. */
import type { Db } from '../db/database';
import { toStoreSummary } from '../vendors/stores';
import type { TargetPreview } from './schema';
import type { ReportTargetType } from './tables';

export const targetKey = (type: ReportTargetType, id: string) => `${type}:${id}`;

const storeColumns = [
  's.id as store_id',
  's.name as store_name',
  's.city as store_city',
  's.logo_url as store_logo_url',
  's.status as store_status',
] as const;

interface StoreCols {
  store_id: string;
  store_name: string;
  store_city: string;
  store_logo_url: string | null;
  store_status: string;
}

const storeOf = (r: StoreCols) =>
  toStoreSummary({ id: r.store_id, name: r.store_name, city: r.store_city, logo_url: r.store_logo_url });

const firstImage = (images: string): string | null => (JSON.parse(images) as string[])[0] ?? null;

/** Previews keyed by `targetKey`; targets that no longer exist have none. */
export async function loadPreviews(
  db: Db,
  now: Date,
  targets: { type: ReportTargetType; id: string }[],
): Promise<Map<string, TargetPreview>> {
  const idsOf = (type: ReportTargetType) => [
    ...new Set(targets.filter((t) => t.type === type).map((t) => t.id)),
  ];
  const productIds = idsOf('product');
  const postIds = idsOf('post');
  const storeIds = idsOf('store');
  const previews = new Map<string, TargetPreview>();

  if (productIds.length > 0) {
    const rows = await db.kysely
      .selectFrom('products as p')
      .innerJoin('stores as s', 's.id', 'p.store_id')
      .select(['p.id', 'p.title', 'p.price', 'p.currency', 'p.images', 'p.status', 'p.taken_down_at'])
      .select(storeColumns)
      .where('p.id', 'in', productIds)
      .execute();
    for (const r of rows) {
      previews.set(targetKey('product', r.id), {
        title: r.title,
        store: storeOf(r),
        price: r.price,
        currency: r.currency,
        imageUrl: firstImage(r.images),
        visible: r.store_status === 'approved' && r.status === 'active' && r.taken_down_at === null,
      });
    }
  }
  if (postIds.length > 0) {
    const rows = await db.kysely
      .selectFrom('posts as p')
      .innerJoin('stores as s', 's.id', 'p.store_id')
      .select(['p.id', 'p.title', 'p.cover_url', 'p.images', 'p.published_at', 'p.taken_down_at'])
      .select(storeColumns)
      .where('p.id', 'in', postIds)
      .execute();
    for (const r of rows) {
      previews.set(targetKey('post', r.id), {
        title: r.title,
        store: storeOf(r),
        price: null,
        currency: null,
        imageUrl: r.cover_url ?? firstImage(r.images),
        visible:
          r.store_status === 'approved' && r.taken_down_at === null && r.published_at <= now.toISOString(),
      });
    }
  }
  if (storeIds.length > 0) {
    const rows = await db.kysely.selectFrom('stores').selectAll().where('id', 'in', storeIds).execute();
    for (const r of rows) {
      previews.set(targetKey('store', r.id), {
        title: r.name,
        store: toStoreSummary(r),
        price: null,
        currency: null,
        imageUrl: r.logo_url,
        visible: r.status === 'approved',
      });
    }
  }
  return previews;
}
