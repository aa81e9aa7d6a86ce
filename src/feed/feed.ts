/**
 * The cross-store feed: posts of approved stores, ranked by effective time (see ranking.ts),
 * with never more than two in a row from one store. The cursor pins the walk to its start and
 * carries the few posts held back for diversity, so a walk yields each eligible post exactly once.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { DomainDeps } from '../deps';
import { decodeToken, encodeToken } from '../paging';
import type { Actor } from '../users/actor';
import { BOOST_MAX_MS, effectiveTime, followedStores, type RankInput, rankColumns } from './ranking';

const MAX_RUN = 2;
const MAX_DEFERRED = 20;
const SCAN_CHUNK = 500;

const Cursor = z.object({
  /** The walk's start: only posts created and published by then take part. */
  a: z.iso.datetime(),
  /** Everything ranked before (e, i) has been served or is in d. */
  e: z.number().int(),
  i: z.string().max(64),
  d: z.array(z.string().max(64)).max(MAX_DEFERRED),
});
type Cursor = z.infer<typeof Cursor>;

type Ranked = RankInput & { eff: number };

const before = (a: { eff: number; id: string }, e: number, i: string) =>
  a.eff < e || (a.eff === e && a.id < i);
const byRank = (a: Ranked, b: Ranked) => b.eff - a.eff || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Posts a walk started at `asOf` may show. Queries using it write `posts p CROSS JOIN stores s`, which keeps posts as the outer loop on the feed index (newest first) instead of visiting every approved store. */
function eligible(asOf: string) {
  return sql`s.status = 'approved' AND p.taken_down_at IS NULL AND p.published_at <= ${asOf} AND p.created_at <= ${asOf}`;
}

/**
 * The next posts in rank order after (e, i): scans by publication time, newest first, until no
 * older post could outrank what was found (a boost moves a post ahead by at most BOOST_MAX_MS).
 */
async function nextRanked(deps: DomainDeps, c: Cursor, want: number, followed: Set<string>) {
  const found: Ranked[] = [];
  let last: { published_at: string; id: string } | null = null;
  let exhausted = false;
  const upper = new Date(Math.min(c.e, Date.parse(c.a))).toISOString();
  for (;;) {
    const rows =
      await sql<RankInput>`SELECT ${rankColumns(c.a)} FROM posts p CROSS JOIN stores s ON s.id = p.store_id
      WHERE ${eligible(c.a)} AND p.published_at <= ${upper}
        ${last ? sql`AND (p.published_at, p.id) < (${last.published_at}, ${last.id})` : sql``}
      ORDER BY p.published_at DESC, p.id DESC LIMIT ${SCAN_CHUNK}`.execute(deps.db.kysely);
    for (const r of rows.rows) {
      const eff = effectiveTime(r, followed);
      if (before({ eff, id: r.id }, c.e, c.i)) found.push({ ...r, eff });
    }
    found.sort(byRank);
    if (rows.rows.length < SCAN_CHUNK) {
      exhausted = true;
      break;
    }
    last = rows.rows.at(-1)!;
    const bar = found[want - 1];
    if (bar && Date.parse(last.published_at) + BOOST_MAX_MS < bar.eff) break;
  }
  return { ranked: found, exhausted };
}

/** The held-back posts that are still eligible, in rank order. */
async function stillEligible(deps: DomainDeps, c: Cursor, followed: Set<string>): Promise<Ranked[]> {
  if (c.d.length === 0) return [];
  const rows =
    await sql<RankInput>`SELECT ${rankColumns(c.a)} FROM posts p CROSS JOIN stores s ON s.id = p.store_id
    WHERE ${eligible(c.a)} AND p.id IN (${sql.join(c.d)})`.execute(deps.db.kysely);
  return rows.rows.map((r) => ({ ...r, eff: effectiveTime(r, followed) })).sort(byRank);
}

/** One page of post ids in feed order, and the cursor for the next page (null at the end). */
export async function feedPage(
  deps: DomainDeps,
  actor: Actor,
  query: { cursor?: string | undefined; limit: number },
) {
  const shopperId = actor.kind === 'user' ? actor.userId : null;
  const start = decodeToken(Cursor, query.cursor);
  const c: Cursor = start ?? {
    a: deps.clock.now().toISOString(),
    e: Number.MAX_SAFE_INTEGER,
    i: '\uffff',
    d: [],
  };
  const followed = await followedStores(deps.db, shopperId, c.a);
  const held = await stillEligible(deps, c, followed);
  // A page consumes at most `limit` posts plus MAX_DEFERRED held back; only that many are sure to be in order.
  const want = query.limit + MAX_DEFERRED;
  const { ranked: found, exhausted } = await nextRanked(deps, c, want, followed);
  const ranked = exhausted ? found : found.slice(0, want);

  const page: Ranked[] = [];
  const deferred: Ranked[] = [];
  const runs = (storeId: string) =>
    page.length >= MAX_RUN && page.slice(-MAX_RUN).every((p) => p.store_id === storeId);
  let position = { e: c.e, i: c.i };
  let consumed = 0;
  const queue = [...held.map((p) => ({ p, held: true })), ...ranked.map((p) => ({ p, held: false }))];
  for (const { p, held: wasHeld } of queue) {
    if (page.length === query.limit) break;
    if (runs(p.store_id) && deferred.length < MAX_DEFERRED) deferred.push(p);
    else page.push(p);
    if (!wasHeld) {
      position = { e: p.eff, i: p.id };
      consumed += 1;
    }
  }
  const untouchedHeld = held.filter((h) => !page.includes(h) && !deferred.includes(h));
  let carry = [...untouchedHeld, ...deferred];
  const atEnd = exhausted && consumed === ranked.length;
  if (atEnd && page.length < query.limit) {
    const room = query.limit - page.length;
    page.push(...carry.slice(0, room));
    carry = carry.slice(room);
  }
  const nextCursor =
    atEnd && carry.length === 0
      ? null
      : encodeToken({
          a: c.a,
          e: position.e,
          i: position.i,
          d: carry.slice(0, MAX_DEFERRED).map((p) => p.id),
        } satisfies Cursor);
  return { ids: page.map((p) => p.id), nextCursor };
}
