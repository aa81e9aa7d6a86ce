/** Feed items as shoppers see them: the post, its store, and the products it links with price and deep link. */
import { z } from 'zod';
import type { DomainDeps } from '../deps';
import { toPost } from '../vendors/catalog';
import { DeepLink, Post } from '../vendors/catalog-schema';
import { productDeepLink } from '../vendors/deep-link';

export const LinkedProduct = z.object({
  id: z.string(),
  externalId: z.string(),
  title: z.string(),
  price: z.number().int(),
  imageUrl: z.string().nullable(),
  deepLink: DeepLink.nullable(),
});
export const FeedItem = Post.extend({ products: z.array(LinkedProduct) }).meta({ id: 'FeedItem' });
export type FeedItem = z.infer<typeof FeedItem>;

/** The posts with these ids, in this order; any no longer visible are left out. */
export async function feedItems(deps: DomainDeps, ids: string[]): Promise<FeedItem[]> {
  if (ids.length === 0) return [];
  const db = deps.db.kysely;
  const rows = await db
    .selectFrom('posts')
    .selectAll()
    .where('id', 'in', ids)
    .where('taken_down_at', 'is', null)
    .execute();
  const stores = new Map(
    rows.length === 0
      ? []
      : (
          await db
            .selectFrom('stores')
            .select(['id', 'name', 'city', 'logo_url', 'mp_app_id', 'mp_home_path', 'mp_product_path'])
            .select('status')
            .where('id', 'in', [...new Set(rows.map((p) => p.store_id))])
            .execute()
        )
          // Filtered here, not in SQL, where the planner would rather walk every approved store.
          .filter((s) => s.status === 'approved')
          .map((s) => [s.id, s]),
  );
  const posts = rows.filter((p) => stores.has(p.store_id));
  const wanted = posts.flatMap((p) =>
    (JSON.parse(p.product_external_ids) as string[]).map((x) => [p.store_id, x] as const),
  );
  const products =
    wanted.length === 0
      ? []
      : await db
          .selectFrom('products')
          .select(['id', 'store_id', 'external_id', 'title', 'price', 'images', 'mini_program_path'])
          .where((eb) =>
            eb.or(
              wanted.map(([storeId, x]) => eb.and([eb('store_id', '=', storeId), eb('external_id', '=', x)])),
            ),
          )
          .where('status', '=', 'active')
          .where('taken_down_at', 'is', null)
          .execute();
  const productsByKey = new Map(products.map((p) => [`${p.store_id}\u0000${p.external_id}`, p]));
  const byId = new Map(
    posts.map((p) => {
      const store = stores.get(p.store_id)!;
      const linked = (JSON.parse(p.product_external_ids) as string[]).flatMap((x) => {
        const pr = productsByKey.get(`${p.store_id}\u0000${x}`);
        if (!pr) return [];
        return [
          {
            id: pr.id,
            externalId: pr.external_id,
            title: pr.title,
            price: pr.price,
            imageUrl: (JSON.parse(pr.images) as string[])[0] ?? null,
            deepLink: productDeepLink(store, pr.external_id, pr.mini_program_path),
          },
        ];
      });
      return [p.id, { ...toPost(p, store), products: linked }];
    }),
  );
  return ids.flatMap((id) => byId.get(id) ?? []);
}
