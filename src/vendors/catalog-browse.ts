/**
 * A store's catalog as its owner sees it in the console: every product or post, searchable by title,
 * each with whether shoppers can see it now and, if not, why.
 */
import { sql } from 'kysely';
import type { DomainDeps } from '../deps';
import { decodeCursor, pageOf, seekAfter } from '../paging';
import type { Actor } from '../users/actor';
import { ownedStore } from './store-access';

export type NotLiveReason = 'store' | 'inactive' | 'takenDown' | 'scheduled';

export interface CatalogRow {
  id: string;
  externalId: string;
  title: string;
  price: number | null;
  updatedAt: string;
  live: boolean;
  notLive: NotLiveReason | null;
}

export interface BrowseQuery {
  type: 'product' | 'post';
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** `%` and `_` in what the vendor typed match themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export async function browseCatalog(deps: DomainDeps, actor: Actor, storeId: string, query: BrowseQuery) {
  const { row: store } = await ownedStore(deps.db, actor, storeId);
  const after = decodeCursor(query.cursor);
  const now = deps.clock.now().toISOString();
  const table = query.type === 'product' ? 'products' : 'posts';
  let q = deps.db.kysely
    .selectFrom(table)
    .select(['id', 'external_id', 'title', 'updated_at', 'taken_down_at'])
    .select(
      query.type === 'product'
        ? [
            sql<number | null>`price`.as('price'),
            sql<string | null>`status`.as('status'),
            sql<string | null>`null`.as('published_at'),
          ]
        : [
            sql<number | null>`null`.as('price'),
            sql<string | null>`null`.as('status'),
            sql<string | null>`published_at`.as('published_at'),
          ],
    )
    .where('store_id', '=', storeId)
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1);
  const words = query.q?.trim();
  if (words) q = q.where(sql<boolean>`title LIKE ${likePattern(words)} ESCAPE '\\'`);
  if (after) q = q.where(seekAfter(['updated_at', 'id'], after, 'desc'));
  const page = pageOf(await q.execute(), query.limit, (r) => ({ k: r.updated_at, id: r.id }));
  const items: CatalogRow[] = page.items.map((r) => {
    const notLive: NotLiveReason | null =
      store.status !== 'approved'
        ? 'store'
        : r.taken_down_at
          ? 'takenDown'
          : r.status === 'inactive'
            ? 'inactive'
            : r.published_at && r.published_at > now
              ? 'scheduled'
              : null;
    return {
      id: r.id,
      externalId: r.external_id,
      title: r.title,
      price: r.price,
      updatedAt: r.updated_at,
      live: notLive === null,
      notLive,
    };
  });
  return { items, nextCursor: page.nextCursor };
}
