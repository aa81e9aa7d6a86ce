/** A store's engagement per UTC day for its owner: views of its products and posts, and friend-adds (leads). */
import { sql } from 'kysely';
import type { DomainDeps } from '../deps';
import type { Actor } from '../users/actor';
import { ownedStore } from './store-access';

export interface DayStats {
  /** YYYY-MM-DD, UTC. */
  day: string;
  views: number;
  friendAdds: number;
}

const DAY_MS = 86_400_000;

/** The last `days` days up to today, oldest first, each present (zero when nothing happened). */
export async function storeDailyStats(
  deps: DomainDeps,
  actor: Actor,
  storeId: string,
  days = 30,
): Promise<DayStats[]> {
  await ownedStore(deps.db, actor, storeId);
  const today = Date.parse(deps.clock.now().toISOString().slice(0, 10));
  const dayList = Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
  const first = dayList[0]!;
  const views = await sql<{ day: string; n: number }>`
    SELECT day, SUM(views) AS n FROM item_stats
    WHERE day >= ${first} AND (
      (item_type = 'store' AND item_id = ${storeId})
      OR (item_type = 'product' AND item_id IN (SELECT id FROM products WHERE store_id = ${storeId}))
      OR (item_type = 'post' AND item_id IN (SELECT id FROM posts WHERE store_id = ${storeId})))
    GROUP BY day`.execute(deps.db.kysely);
  const adds = await sql<{ day: string; n: number }>`
    SELECT substr(created_at, 1, 10) AS day, COUNT(*) AS n FROM leads
    WHERE store_id = ${storeId} AND created_at >= ${first}
    GROUP BY day`.execute(deps.db.kysely);
  const viewsOn = new Map(views.rows.map((r) => [r.day, Number(r.n)]));
  const addsOn = new Map(adds.rows.map((r) => [r.day, Number(r.n)]));
  return dayList.map((day) => ({ day, views: viewsOn.get(day) ?? 0, friendAdds: addsOn.get(day) ?? 0 }));
}
