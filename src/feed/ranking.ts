/**
 * How the feed orders posts. Each post gets an effective time: when it was published plus a
 * bounded boost for engagement, for small stores and for stores the shopper follows. Every input
 * is taken as of the walk's start (`asOf`), so the order cannot change under a walking cursor.
 */
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database';

/** The most a boost can move a post ahead; also how far back the feed must look past a position. */
export const BOOST_MAX_MS = 4 * 3600 * 1000;
/** A store with this many followers or more gets no small-store exposure. */
const SMALL_STORE_FOLLOWERS = 100;
/** Engagement points (a view 1, a friend-add 5) at which the engagement boost is full. */
const FULL_ENGAGEMENT = 500;

/** A post with what ranks it: its engagement on whole days before `asOf` and its store's followers at `asOf`. */
export interface RankInput {
  id: string;
  store_id: string;
  published_at: string;
  points: number | null;
  followers: number;
}

const followedAt = (asOf: string) =>
  sql`f.created_at <= ${asOf} AND (f.deleted_at IS NULL OR f.deleted_at > ${asOf})`;

/**
 * The columns a post query selects (with the post as `p`) to rank it. Engagement counts only whole
 * days before the walk began, so counting during the walk cannot reorder it.
 */
export function rankColumns(asOf: string): RawBuilder<unknown> {
  return sql`p.id, p.store_id, p.published_at,
    (SELECT SUM(views + 5 * friend_adds) FROM item_stats
      WHERE item_type = 'post' AND item_id = p.id AND day < ${asOf.slice(0, 10)}) AS points,
    (SELECT count(*) FROM follows f WHERE f.store_id = p.store_id AND ${followedAt(asOf)}) AS followers`;
}

/** The stores the shopper followed at `asOf`. */
export async function followedStores(db: Db, shopperId: string | null, asOf: string): Promise<Set<string>> {
  if (!shopperId) return new Set();
  const rows = await sql<{ id: string }>`SELECT f.store_id AS id FROM follows f
    WHERE f.user_id = ${shopperId} AND ${followedAt(asOf)}`.execute(db.kysely);
  return new Set(rows.rows.map((r) => r.id));
}

/** Published time plus boost, in whole milliseconds. */
export function effectiveTime(post: RankInput, followed: Set<string>): number {
  const engagement = Math.min(1, Math.log1p(post.points ?? 0) / Math.log1p(FULL_ENGAGEMENT));
  const small = Math.max(0, 1 - post.followers / SMALL_STORE_FOLLOWERS);
  const follows = followed.has(post.store_id) ? 1 : 0;
  return (
    Date.parse(post.published_at) +
    Math.round(BOOST_MAX_MS * (0.35 * engagement + 0.25 * small + 0.4 * follows))
  );
}
