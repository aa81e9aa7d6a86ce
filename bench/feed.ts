/** Feed latency: page p50/p99 at 200k posts across 10k stores, anonymous and signed in, first and later pages. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock';
import { openSqlite } from '../src/db/sqlite';
import { feedPage } from '../src/feed/feed';
import { feedItems } from '../src/feed/items';
import { createEmbeddedEngine } from '../src/search/embedded/engine';
import { nodeAnalyzer } from '../src/search/text/node-analyzer';
import { createRandom } from '../src/seed/corpus';
import { loadCorpus } from '../src/seed/load';
import type { Actor } from '../src/users/actor';
import { conditions, printConditions, printTable } from './conditions';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function feedBench(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      stores: { type: 'string', default: '10000' },
      'posts-per-store': { type: 'string', default: '20' },
    },
  });
  const stores = Number(values.stores);
  const postsPerStore = Number(values['posts-per-store']);
  const dir = mkdtempSync(join(tmpdir(), 'jishi-feed-'));
  const db = openSqlite(join(dir, 'feed.db'));
  const deps = {
    db,
    clock: systemClock,
    search: createEmbeddedEngine({ db, clock: systemClock, analyzer: nodeAnalyzer() }),
  };
  try {
    const started = performance.now();
    const loaded = await loadCorpus(deps, { seed: 5, stores, productsPerStore: 2, postsPerStore });
    const buildSeconds = (performance.now() - started) / 1000;
    db.raw.pragma('optimize');

    const rand = createRandom(9);
    const storeIds = (await db.kysely.selectFrom('stores').select('id').execute()).map((r) => r.id);
    const postIds = (await db.kysely.selectFrom('posts').select('id').execute()).map((r) => r.id);
    const shoppers: string[] = [];
    db.raw.transaction(() => {
      const user = db.raw.prepare(
        "INSERT INTO users (id, openid, roles, created_at, updated_at) VALUES (?, ?, '[]', ?, ?)",
      );
      const follow = db.raw.prepare(
        'INSERT OR IGNORE INTO follows (user_id, store_id, created_at) VALUES (?, ?, ?)',
      );
      const stat = db.raw.prepare(
        "INSERT OR IGNORE INTO item_stats (item_type, item_id, day, views, friend_adds) VALUES ('post', ?, ?, ?, ?)",
      );
      for (let u = 0; u < 2000; u++) {
        const id = `us_bench${u}`;
        shoppers.push(id);
        user.run(id, `bench-${u}`, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
        for (let f = 0; f < 10; f++) follow.run(id, rand.pick(storeIds), '2026-01-01T00:00:00Z');
      }
      for (let s = 0; s < 50_000; s++)
        stat.run(
          rand.pick(postIds),
          `2026-10-${String(rand.int(1, 30)).padStart(2, '0')}`,
          rand.int(1, 400),
          rand.int(0, 20),
        );
    })();

    const anonymous: Actor = { kind: 'anonymous' };
    const signedIn = (i: number): Actor => ({
      kind: 'user',
      userId: shoppers[i % shoppers.length]!,
      roles: ['shopper'],
    });
    const groups: Record<string, number[]> = {
      'anonymous, page 1': [],
      'anonymous, pages 2–5': [],
      'signed in, page 1': [],
      'signed in, pages 2–5': [],
    };
    const page = async (actor: Actor, cursor?: string) => {
      const t0 = performance.now();
      const p = await feedPage(deps, actor, { cursor, limit: 20 });
      await feedItems(deps, p.ids);
      return { ms: performance.now() - t0, next: p.nextCursor };
    };
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 100; i++) {
        for (const [who, actor] of [
          ['anonymous', anonymous],
          ['signed in', signedIn(i)],
        ] as const) {
          let r = await page(actor);
          if (round === 1) groups[`${who}, page 1`]!.push(r.ms);
          for (let n = 0; n < 4 && r.next; n++) {
            r = await page(actor, r.next);
            if (round === 1) groups[`${who}, pages 2–5`]!.push(r.ms);
          }
        }
      }
    }
    const all = Object.values(groups)
      .flat()
      .sort((a, b) => a - b);
    const rows = Object.entries(groups).map(([group, ms]) => {
      const sorted = [...ms].sort((a, b) => a - b);
      return {
        group,
        pages: sorted.length,
        'p50 ms': percentile(sorted, 50).toFixed(2),
        'p99 ms': percentile(sorted, 99).toFixed(2),
        'max ms': (sorted.at(-1) ?? 0).toFixed(2),
      };
    });
    rows.push({
      group: 'all',
      pages: all.length,
      'p50 ms': percentile(all, 50).toFixed(2),
      'p99 ms': percentile(all, 99).toFixed(2),
      'max ms': (all.at(-1) ?? 0).toFixed(2),
    });
    printTable(
      `Feed page (limit 20) including item hydration, in-process; target p99 ≤ 20 ms at 200k posts: ${percentile(all, 99) <= 20 ? 'met' : 'NOT met'}`,
      rows,
    );
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    printConditions(
      conditions({
        posts: loaded.posts,
        stores: loaded.stores,
        'visible stores': (
          await db.kysely
            .selectFrom('stores')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'approved')
            .executeTakeFirstOrThrow()
        ).n,
        follows: '2,000 shoppers × 10 stores',
        'engagement rows': '50,000 post-days',
        'build (seed through the domain)': `${buildSeconds.toFixed(1)} s`,
        'database size': `${(statSync(join(dir, 'feed.db')).size / 2 ** 20).toFixed(1)} MiB`,
        measured: '2nd of 2 rounds; 100 walks of 5 pages per group',
      }),
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
