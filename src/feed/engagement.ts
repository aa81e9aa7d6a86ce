/**
 * Views and friend-adds per product, post and store: counted in memory on the hot path and
 * written as one batch now and then, never a write per read.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { FlushSchedule } from '../ops/flush-schedule';

export type EngagedItem = 'product' | 'post' | 'store';
export type EngagementKind = 'view' | 'friend_add';

const FLUSH_EVERY_MS = 5_000;
const FLUSH_AT_PENDING = 500;

export class Engagement {
  private pending = new Map<string, { type: EngagedItem; id: string; views: number; friendAdds: number }>();
  private readonly schedule = new FlushSchedule(FLUSH_EVERY_MS, FLUSH_AT_PENDING);

  record(kind: EngagementKind, type: EngagedItem, id: string) {
    const key = `${type}:${id}`;
    const entry = this.pending.get(key) ?? { type, id, views: 0, friendAdds: 0 };
    if (kind === 'view') entry.views += 1;
    else entry.friendAdds += 1;
    this.pending.set(key, entry);
  }

  /** Writes what was counted, into today's row of each item, if enough has gathered or time has passed. */
  async flushIfDue(db: Db, now: Date, force = false) {
    if (!this.schedule.due(this.pending.size, now, force)) return;
    const day = now.toISOString().slice(0, 10);
    const rows = [...this.pending.values()];
    this.pending.clear();
    await db.batch(
      rows.map((r) =>
        sql`INSERT INTO item_stats (item_type, item_id, day, views, friend_adds) VALUES (${r.type}, ${r.id}, ${day}, ${r.views}, ${r.friendAdds})
            ON CONFLICT (item_type, item_id, day) DO UPDATE SET
              views = item_stats.views + excluded.views, friend_adds = item_stats.friend_adds + excluded.friend_adds`.compile(
          db.kysely,
        ),
      ),
    );
  }
}

/** Counts one view of an item and flushes the counts when due. */
export async function countView(
  deps: { engagement: Engagement; db: Db; clock: { now(): Date } },
  type: EngagedItem,
  id: string,
) {
  deps.engagement.record('view', type, id);
  await deps.engagement.flushIfDue(deps.db, deps.clock.now());
}
