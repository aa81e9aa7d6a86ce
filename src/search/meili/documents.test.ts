import { afterEach, describe, expect, it } from 'vitest';
import { closeTestbeds, insertProduct, insertStore, meiliTestbed as setup } from './testing';

afterEach(closeTestbeds);

describe('Meilisearch documents', () => {
  it('a product is sent as its current document, with pinyin and initials of its title', async () => {
    const { meili, db, engine } = setup();
    const storeId = await insertStore(db, 'st_a', { name: '小林数码', city: '杭州' });
    const id = await insertProduct(db, storeId, 'SKU-1', { title: '电脑包 双肩 Apple', brand: 'Apple' });
    await db.batch(
      engine.indexStatements({
        kind: 'upsert',
        type: 'product',
        storeId,
        items: [{ externalId: 'SKU-1', title: 'x' }],
      }).after,
    );
    await engine.drain();
    const [add] = meili.writes();
    expect(add!.method).toBe('POST');
    expect(add!.path).toBe('indexes/jishi_products/documents');
    expect(add!.query).toEqual({ primaryKey: 'id' });
    expect(add!.body).toEqual([
      {
        id,
        type: 'product',
        storeId,
        storeName: '小林数码',
        city: '杭州',
        externalId: 'SKU-1',
        title: '电脑包 双肩 Apple',
        description: '进口白橡木',
        brand: 'Apple',
        category: 'home',
        price: 129_900,
        imageUrl: 'https://img.example.com/p/1.jpg',
        tags: ['实木', '北欧'],
        createdAt: Date.parse('2026-10-01T00:00:00.000Z'),
        title_pinyin: 'diannaobao shuangjian apple',
        title_initials: 'dnb sj',
      },
    ]);
  });

  it('deleted products are removed by store and externalId, hidden ones by id', async () => {
    const { meili, db, engine } = setup();
    const storeId = await insertStore(db, 'st_a');
    const hidden = await insertProduct(db, storeId, 'SKU-3', { status: 'inactive' });
    const statements = [
      ...engine.indexStatements({ kind: 'delete', type: 'product', storeId, externalIds: ['SKU-1', 'A"B'] })
        .after,
      ...engine.indexStatements({
        kind: 'upsert',
        type: 'product',
        storeId,
        items: [{ externalId: 'SKU-3', title: 't' }],
      }).after,
    ];
    await db.batch(statements);
    await engine.drain();
    expect(meili.writes().map((r) => [r.path, r.body])).toEqual([
      ['indexes/jishi_products/documents/delete-batch', [hidden]],
      [
        'indexes/jishi_products/documents/delete',
        { filter: 'storeId = "st_a" AND externalId IN ["SKU-1", "A\\"B"]' },
      ],
    ]);
  });
});
