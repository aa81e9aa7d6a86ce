import { beforeEach, describe, expect, it } from 'vitest';
import { post, product, type TestApp, testApp } from '../../../test/harness';
import { BatchResult, Post, Product } from '../../vendors/catalog-schema';

let t: TestApp;
beforeEach(() => {
  t = testApp();
});

const productRows = () => t.db.kysely.selectFrom('products').selectAll().orderBy('external_id').execute();

describe('POST /v1/stores/:storeId/products/batch', () => {
  it('stores exactly the good items of a batch and reports each bad one by index', async () => {
    const { storeId, owner } = await t.approvedStore();
    const key = await t.apiKey(owner, storeId);
    const upsert = Array.from({ length: 1000 }, (_, i) => product(i));
    upsert[3] = product(3, { price: -1 });
    upsert[500] = product(500, { title: '<script>alert(1)</script>' });
    upsert[998] = product(998, { images: ['http://img.example.com/a.jpg'] });
    upsert[999] = { externalId: 'no-title', price: 5 } as never;
    const res = await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: key,
      body: { upsert },
    });
    expect(res.status).toBe(200);
    const result = BatchResult.parse(res.body);
    expect(result.upserted).toBe(996);
    expect(result.failed.map((f) => [f.index, f.externalId, f.error.details[0]?.path.join('.')])).toEqual([
      [3, 'SKU-000003', 'price'],
      [500, 'SKU-000500', 'title'],
      [998, 'SKU-000998', 'images.0'],
      [999, 'no-title', 'title'],
    ]);
    const rows = await productRows();
    expect(rows).toHaveLength(996);
    expect(rows.map((r) => r.external_id)).not.toContain('SKU-000500');
  });

  it('changes nothing when the same batch is sent again', async () => {
    const { storeId, owner } = await t.approvedStore();
    const body = { upsert: [product(1), product(2), product(3, { price: 'free' })] };
    await t.call('POST', `/v1/stores/${storeId}/products/batch`, { token: owner, body });
    const before = await productRows();
    t.clock.advance(60_000);
    const again = await t.call('POST', `/v1/stores/${storeId}/products/batch`, { token: owner, body });
    expect(again.body.upserted).toBe(2);
    expect(await productRows()).toEqual(before);
  });

  it('updates a changed item in place, keeping its id and creation time', async () => {
    const { storeId, owner } = await t.approvedStore();
    await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert: [product(1)] },
    });
    const [before] = await productRows();
    t.clock.advance(60_000);
    await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert: [product(1, { price: 99 })] },
    });
    const [after] = await productRows();
    expect(after).toMatchObject({ id: before!.id, created_at: before!.created_at, price: 99 });
    expect(after!.updated_at).toBe(t.clock.now().toISOString());
  });

  it('leaves nothing of a batch behind when the write fails midway', async () => {
    const { storeId, owner } = await t.approvedStore();
    await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert: [product(1)] },
    });
    const before = await productRows();
    t.db.raw.exec(`CREATE TRIGGER fail_midway BEFORE INSERT ON products WHEN NEW.external_id = 'SKU-000700'
      BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    const upsert = Array.from({ length: 999 }, (_, i) => product(i, { title: `改名后的商品 ${i}` }));
    const res = await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert, delete: ['SKU-000001'] },
    });
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('internal_error');
    expect(await productRows()).toEqual(before);
  });

  it('deletes by externalId, counting only what existed', async () => {
    const { storeId, owner } = await t.approvedStore();
    await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert: [product(1), product(2)] },
    });
    const res = await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { delete: ['SKU-000001', 'SKU-999999', 'SKU-000001'] },
    });
    expect(res.body).toEqual({ upserted: 0, deleted: 1, failed: [] });
    expect((await productRows()).map((r) => r.external_id)).toEqual(['SKU-000002']);
  });

  it('reports a duplicate externalId within one batch instead of guessing which wins', async () => {
    const { storeId, owner } = await t.approvedStore();
    const res = await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert: [product(1), product(1, { price: 1 })], delete: ['SKU-000001'] },
    });
    expect(res.body.upserted).toBe(1);
    expect(
      res.body.failed.map((f: { op: string; index: number; error: { code: string } }) => [
        f.op,
        f.index,
        f.error.code,
      ]),
    ).toEqual([
      ['upsert', 1, 'duplicate_in_batch'],
      ['delete', 0, 'duplicate_in_batch'],
    ]);
  });

  it('refuses more than 1000 items with 413 and a malformed envelope with 400', async () => {
    const { storeId, owner } = await t.approvedStore();
    const upsert = Array.from({ length: 1000 }, (_, i) => product(i));
    const big = await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: owner,
      body: { upsert, delete: ['x'] },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('batch_too_large');
    for (const body of [[], 'null', { upsert: {} }, { items: [] }, '{"upsert": [']) {
      const res = await t.call('POST', `/v1/stores/${storeId}/products/batch`, { token: owner, body });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(await productRows()).toEqual([]);
  });

  it('refuses a body over the size limit with 413', async () => {
    const { storeId, owner } = await t.approvedStore();
    const body = JSON.stringify({ upsert: [product(1, { description: 'x'.repeat(17 * 1024 * 1024) })] });
    const res = await t.call('POST', `/v1/stores/${storeId}/products/batch`, { token: owner, body });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('accepts the store’s own API key and its owner; refuses other keys, vendors, moderators and anonymous callers', async () => {
    const a = await t.approvedStore('vendor-a');
    const b = await t.approvedStore('vendor-b');
    const keyA = await t.apiKey(a.owner, a.storeId);
    const keyB = await t.apiKey(b.owner, b.storeId);
    const body = { upsert: [product(1)] };
    const path = `/v1/stores/${a.storeId}/products/batch`;
    expect((await t.call('POST', path, { token: keyA, body })).status).toBe(200);
    expect((await t.call('POST', path, { token: a.owner, body })).status).toBe(200);
    expect((await t.call('POST', path, { token: keyB, body })).status).toBe(403);
    expect((await t.call('POST', path, { token: b.owner, body })).status).toBe(403);
    expect((await t.call('POST', path, { token: a.moderator, body })).status).toBe(403);
    expect((await t.call('POST', path, { body })).status).toBe(401);
    expect((await t.call('POST', path, { token: 'mk_forged', body })).status).toBe(401);
  });

  it('lets a key sync its store before approval, keeping the items hidden until then', async () => {
    const owner = await t.signIn('vendor-a');
    const storeId = await t.createStore(owner);
    const key = await t.apiKey(owner, storeId);
    const res = await t.call('POST', `/v1/stores/${storeId}/products/batch`, {
      token: key,
      body: { upsert: [product(1)] },
    });
    expect(res.body.upserted).toBe(1);
    const id = (await productRows())[0]!.id;
    expect((await t.call('GET', `/v1/products/${id}`)).status).toBe(404);
    expect((await t.call('GET', `/v1/products/${id}`, { token: owner })).status).toBe(200);
  });
});

describe('POST /v1/stores/:storeId/posts/batch', () => {
  it('stores good posts, reports bad ones, and is idempotent', async () => {
    const { storeId, owner } = await t.approvedStore();
    const key = await t.apiKey(owner, storeId);
    const body = {
      upsert: [
        post(1),
        post(2, { body: '' }),
        post(3, { publishedAt: 'yesterday' }),
        post(4, { publishedAt: '9999-12-31T23:00:00-05:00' }),
      ],
    };
    const res = await t.call('POST', `/v1/stores/${storeId}/posts/batch`, { token: key, body });
    expect(res.body.upserted).toBe(1);
    expect(res.body.failed.map((f: { index: number }) => f.index)).toEqual([1, 2, 3]);
    expect(res.body.failed[2].error.details[0].path).toEqual(['publishedAt']);
    const before = await t.db.kysely.selectFrom('posts').selectAll().execute();
    t.clock.advance(1000);
    await t.call('POST', `/v1/stores/${storeId}/posts/batch`, { token: key, body });
    expect(await t.db.kysely.selectFrom('posts').selectAll().execute()).toEqual(before);
  });

  it('refuses another store’s key and anonymous callers', async () => {
    const a = await t.approvedStore('vendor-a');
    const b = await t.approvedStore('vendor-b');
    const keyB = await t.apiKey(b.owner, b.storeId);
    const path = `/v1/stores/${a.storeId}/posts/batch`;
    expect((await t.call('POST', path, { token: keyB, body: { upsert: [post(1)] } })).status).toBe(403);
    expect((await t.call('POST', path, { body: { upsert: [post(1)] } })).status).toBe(401);
  });
});

describe('public catalog reads', () => {
  async function seeded() {
    const s = await t.approvedStore();
    await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
      token: s.owner,
      body: {
        upsert: [
          product(1),
          product(2, { miniProgramPath: 'pages/special/index?sku=2' }),
          product(3, { status: 'inactive' }),
        ],
      },
    });
    await t.call('POST', `/v1/stores/${s.storeId}/posts/batch`, {
      token: s.owner,
      body: { upsert: [post(1), post(2, { publishedAt: '2027-01-01T00:00:00Z' })] },
    });
    return s;
  }

  it('reads a product with its store summary and a deep link with the externalId URL-encoded', async () => {
    const s = await seeded();
    const res = await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
      token: s.owner,
      body: { upsert: [product(9, { externalId: 'A:1' })] },
    });
    expect(res.status).toBe(200);
    const row = await t.db.kysely
      .selectFrom('products')
      .select('id')
      .where('external_id', '=', 'A:1')
      .executeTakeFirstOrThrow();
    const read = await t.call('GET', `/v1/products/${row.id}`);
    const p = Product.parse(read.body.product);
    expect(p.store).toEqual({
      id: s.storeId,
      name: '杭州小林家居馆',
      city: '杭州',
      logoUrl: 'https://img.example.com/logo/xiaolin.png',
    });
    expect(p.deepLink).toEqual({ appId: 'wx0123456789abcdef', path: 'pages/goods/detail?id=A%3A1' });
    expect(p.price).toBe(129_909);
  });

  it('reads a post with the products it links that shoppers can see', async () => {
    const s = await seeded();
    await t.call('POST', `/v1/stores/${s.storeId}/posts/batch`, {
      token: s.owner,
      body: { upsert: [post(3, { productExternalIds: ['SKU-000002', 'SKU-000003', 'SKU-404'] })] },
    });
    const postId = (await t.call('GET', `/v1/stores/${s.storeId}/posts`)).body.items.find(
      (p: { externalId: string }) => p.externalId === 'POST-3',
    ).id;
    const read = await t.call('GET', `/v1/posts/${postId}`);
    expect(read.status).toBe(200);
    expect(read.body.post.products).toEqual([
      {
        id: expect.stringMatching(/^pr_/),
        externalId: 'SKU-000002',
        title: expect.any(String),
        price: 129_902,
        imageUrl: 'https://img.example.com/p/2.jpg',
        deepLink: { appId: 'wx0123456789abcdef', path: 'pages/special/index?sku=2' },
      },
    ]);
  });

  it('rejects an externalId with characters outside its alphabet', async () => {
    const s = await seeded();
    const res = await t.call('POST', `/v1/stores/${s.storeId}/products/batch`, {
      token: s.owner,
      body: { upsert: [product(7, { externalId: 'SKU 7/红色' })] },
    });
    expect(res.body.failed[0].error.details[0].path).toEqual(['externalId']);
  });

  it('uses a product’s own mini-program path over the store template', async () => {
    await seeded();
    const row = (await productRows()).find((r) => r.external_id === 'SKU-000002')!;
    const read = await t.call('GET', `/v1/products/${row.id}`);
    expect(read.body.product.deepLink).toEqual({
      appId: 'wx0123456789abcdef',
      path: 'pages/special/index?sku=2',
    });
  });

  it('walks a store’s active products page by page, each exactly once', async () => {
    const s = await seeded();
    const seen: string[] = [];
    let cursor = '';
    do {
      const page = await t.call(
        'GET',
        `/v1/stores/${s.storeId}/products?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((p: { externalId: string }) => p.externalId));
      cursor = page.body.nextCursor ?? '';
    } while (cursor);
    expect(seen.sort()).toEqual(['SKU-000001', 'SKU-000002']);
  });

  it('hides inactive products and future posts from shoppers but not from the owner', async () => {
    const s = await seeded();
    const shopper = await t.call('GET', `/v1/stores/${s.storeId}/posts`);
    expect(shopper.body.items.map((p: { externalId: string }) => p.externalId)).toEqual(['POST-1']);
    Post.parse(shopper.body.items[0]);
    const owner = await t.call('GET', `/v1/stores/${s.storeId}/posts`, { token: s.owner });
    expect(owner.body.items.map((p: { externalId: string }) => p.externalId)).toEqual(['POST-2', 'POST-1']);
    const inactive = (await productRows()).find((r) => r.external_id === 'SKU-000003')!;
    expect((await t.call('GET', `/v1/products/${inactive.id}`)).status).toBe(404);
    expect((await t.call('GET', `/v1/products/${inactive.id}`, { token: s.owner })).status).toBe(200);
  });

  it('answers 400 for a cursor it did not give out', async () => {
    const s = await seeded();
    const res = await t.call('GET', `/v1/stores/${s.storeId}/products?cursor=bogus`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toEqual(['cursor']);
  });
});
