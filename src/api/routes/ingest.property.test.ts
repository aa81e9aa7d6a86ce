import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { product, type TestApp, testApp } from '../../../test/harness';

let t: TestApp;
let store: { storeId: string; owner: string; moderator: string };
beforeAll(async () => {
  t = testApp();
  store = await t.approvedStore();
});

const anyJson = fc.jsonValue({ maxDepth: 4 });

/** Something shaped like a product, with any field possibly replaced by anything. */
const productish = fc
  .tuple(
    fc.integer({ min: 0, max: 50 }),
    fc.dictionary(
      fc.constantFrom(
        'externalId',
        'title',
        'price',
        'originalPrice',
        'images',
        'tags',
        'brand',
        'category',
        'status',
        'zzz',
      ),
      fc.oneof(anyJson, fc.string(), fc.integer(), fc.webUrl()),
      { maxKeys: 3 },
    ),
  )
  .map(([n, overrides]) => ({ ...product(n), ...overrides }));

const expectErrorShape = (res: { status: number; body: any }) => {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) expect(res.body.error.code).toMatch(/^[a-z_]+$/);
};

describe('arbitrary input never causes a 5xx', () => {
  it('on product and post batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          anyJson,
          fc.record(
            {
              upsert: fc.array(fc.oneof(productish, anyJson), { maxLength: 8 }),
              delete: fc.array(anyJson, { maxLength: 3 }),
            },
            { requiredKeys: [] },
          ),
        ),
        fc.constantFrom('products', 'posts'),
        async (body, kind) => {
          expectErrorShape(
            await t.call('POST', `/v1/stores/${store.storeId}/${kind}/batch`, { token: store.owner, body }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('on store creation, edits, decisions and sign-in', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyJson,
        fc.dictionary(
          fc.constantFrom('name', 'city', 'wechatId', 'miniProgram', 'location', 'category', 'logoUrl'),
          anyJson,
        ),
        async (junk, patch) => {
          expectErrorShape(await t.call('POST', '/v1/stores', { token: store.owner, body: junk }));
          expectErrorShape(
            await t.call('POST', '/v1/stores', {
              token: store.owner,
              body: { ...t.completeStore, ...patch },
            }),
          );
          expectErrorShape(
            await t.call('PATCH', `/v1/stores/${store.storeId}`, { token: store.owner, body: patch }),
          );
          expectErrorShape(
            await t.call('POST', `/v1/moderation/stores/${store.storeId}/decision`, {
              token: store.moderator,
              body: junk,
            }),
          );
          expectErrorShape(await t.call('POST', '/v1/auth/dev', { body: junk }));
          expectErrorShape(await t.call('POST', '/v1/auth/miniprogram', { body: junk }));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('on path parameters, cursors and limits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), async (id, cursor) => {
        const seg = encodeURIComponent(id) || 'x';
        const q = `cursor=${encodeURIComponent(cursor)}&limit=${encodeURIComponent(id)}`;
        for (const path of [
          `/v1/stores/${seg}`,
          `/v1/products/${seg}`,
          `/v1/posts/${seg}`,
          `/v1/stores/${store.storeId}/products?${q}`,
          `/v1/moderation/audit?${q}`,
        ]) {
          expectErrorShape(await t.call('GET', path, { token: store.moderator }));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('a batch neither loses nor duplicates an item', () => {
  it('stores exactly the items it reports as upserted', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(productish, { maxLength: 30 }), async (upsert) => {
        const fresh = testApp();
        const s = await fresh.approvedStore();
        const res = await fresh.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
          token: s.owner,
          body: { upsert },
        });
        expect(res.status).toBe(200);
        const failedIdx = new Set(res.body.failed.map((f: { index: number }) => f.index));
        expect(res.body.upserted + failedIdx.size).toBe(upsert.length);
        const accepted = upsert.filter((_, i) => !failedIdx.has(i)).map((p) => p.externalId);
        const rows = await fresh.db.kysely.selectFrom('products').select('external_id').execute();
        expect(rows.map((r) => r.external_id).sort()).toEqual([...accepted].sort());
        await fresh.db.close();
      }),
      { numRuns: 60 },
    );
  });
});
