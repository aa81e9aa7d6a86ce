import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/harness';
import { DEMO_CORPUS, loadCorpus } from './load';

describe('the demo marketplace', () => {
  it('loads realistic stores, products and posts through the domain, with every review queue populated', async () => {
    const t = testApp();
    const totals = await loadCorpus(t.deps, DEMO_CORPUS);
    expect(totals.stores).toBeGreaterThanOrEqual(20);
    expect(totals.products).toBeGreaterThanOrEqual(500);
    expect(totals.posts).toBeGreaterThanOrEqual(60);
    const statuses = await t.db.kysely
      .selectFrom('stores')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]));
    expect(byStatus.approved).toBeGreaterThanOrEqual(20);
    expect(byStatus.pending_review).toBeGreaterThan(0);
    expect(byStatus.rejected).toBeGreaterThan(0);

    const visible = await t.db.kysely
      .selectFrom('products as p')
      .innerJoin('stores as s', 's.id', 'p.store_id')
      .select('p.brand')
      .where('s.status', '=', 'approved')
      .where('p.status', '=', 'active')
      .where('p.brand', 'is not', null)
      .executeTakeFirstOrThrow();
    const search = await t.call('GET', `/v1/search?q=${encodeURIComponent(visible.brand!)}`);
    expect(search.status).toBe(200);
    expect(search.body.total).toBeGreaterThan(0);
    const moderator = await t.signIn('demo-moderator', ['moderator']);
    const queue = await t.call('GET', '/v1/moderation/stores', { token: moderator });
    expect(queue.body.items.length).toBe(byStatus.pending_review);
  });

  it('is the same marketplace every time', async () => {
    const titles = async () => {
      const t = testApp();
      await loadCorpus(t.deps, { ...DEMO_CORPUS, stores: 3 });
      return (await t.db.kysely.selectFrom('products').select('title').orderBy('title').execute()).map(
        (r) => r.title,
      );
    };
    expect(await titles()).toEqual(await titles());
  });
});
