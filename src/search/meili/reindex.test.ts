import { afterEach, describe, expect, it } from 'vitest';
import { closeTestbeds, insertPost, insertProduct, insertStore, meiliTestbed as setup } from './testing';

afterEach(closeTestbeds);

describe('Meilisearch reindex', () => {
  it('fills a fresh index per type with the visible documents and swaps it in', async () => {
    const { meili, db, engine } = setup();
    const storeId = await insertStore(db, 'st_a');
    await insertStore(db, 'st_b', { status: 'pending_review' });
    const products = [await insertProduct(db, storeId, 'SKU-1'), await insertProduct(db, storeId, 'SKU-2')];
    await insertProduct(db, 'st_b', 'SKU-1');
    await insertProduct(db, storeId, 'SKU-3', { status: 'inactive' });
    const post = await insertPost(db, storeId, 'POST-1');
    const progress: string[] = [];
    const report = await engine.reindex({
      chunkSize: 1,
      onProgress: (p) => progress.push(`${p.type} ${p.done}/${p.total}`),
    });
    expect(report).toEqual({ product: 2, post: 1, store: 1 });
    expect(progress).toEqual([
      'product 0/2',
      'product 1/2',
      'product 2/2',
      'post 0/1',
      'post 1/1',
      'store 0/1',
      'store 1/1',
    ]);
    const productWrites = meili
      .writes()
      .filter((r) => r.path.includes('jishi_products') || r.body?.uid?.startsWith('jishi_products'));
    expect(productWrites.map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE indexes/jishi_products_rebuild',
      'POST indexes',
      'PATCH indexes/jishi_products/settings',
      'POST indexes',
      'PATCH indexes/jishi_products_rebuild/settings',
      'POST indexes/jishi_products_rebuild/documents',
      'POST indexes/jishi_products_rebuild/documents',
      'DELETE indexes/jishi_products_rebuild',
    ]);
    const added = productWrites
      .filter((r) => r.path.endsWith('/documents'))
      .flatMap((r) => r.body.map((d: any) => d.id));
    expect(added).toEqual(products.sort());
    expect(
      meili
        .writes()
        .filter((r) => r.path === 'swap-indexes')
        .map((r) => r.body),
    ).toEqual([
      [{ indexes: ['jishi_products', 'jishi_products_rebuild'], rename: false }],
      [{ indexes: ['jishi_posts', 'jishi_posts_rebuild'], rename: false }],
      [{ indexes: ['jishi_stores', 'jishi_stores_rebuild'], rename: false }],
    ]);
    expect(
      meili.writes().some((r) => r.path === 'indexes/jishi_posts_rebuild/documents' && r.body[0].id === post),
    ).toBe(true);
  });
});
