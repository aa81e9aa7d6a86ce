import { afterEach, describe, expect, it } from 'vitest';
import { MeiliTaskError } from './errors';
import { closeTestbeds, meiliTestbed as setup } from './testing';

afterEach(closeTestbeds);

describe('Meilisearch settings', () => {
  it('creates each index with the id primary key and applies its settings, waiting for every task', async () => {
    const { meili, engine } = setup();
    await engine.applySettings();
    const writes = meili.writes();
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST indexes',
      'PATCH indexes/jishi_products/settings',
      'POST indexes',
      'PATCH indexes/jishi_posts/settings',
      'POST indexes',
      'PATCH indexes/jishi_stores/settings',
    ]);
    expect(writes[0]!.body).toEqual({ uid: 'jishi_products', primaryKey: 'id' });
    expect(writes.every((r) => r.authorization === 'Bearer k')).toBe(true);
    expect(writes[1]!.body).toEqual({
      searchableAttributes: ['title', 'brand', 'tags', 'description', 'title_pinyin', 'title_initials'],
      filterableAttributes: ['category', 'city', 'storeId', 'brand', 'price', 'externalId', 'publishedAt'],
      sortableAttributes: ['price', 'createdAt'],
      rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
      typoTolerance: { minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
      localizedAttributes: [
        { attributePatterns: ['title', 'description', 'body', 'brand', 'tags'], locales: ['cmn'] },
      ],
      synonyms: expect.objectContaining({ 手机: ['移动电话'], 移动电话: ['手机'] }),
      pagination: { maxTotalHits: 10_000 },
    });
    expect(writes[3]!.body.sortableAttributes).toEqual(['publishedAt']);
    expect(writes[3]!.body.searchableAttributes).toEqual([
      'title',
      'tags',
      'body',
      'title_pinyin',
      'title_initials',
    ]);
  });

  it('an index that already exists is not an error', async () => {
    const { meili, engine } = setup();
    meili.taskOutcome = (r) =>
      r.path === 'indexes' ? { code: 'index_already_exists', message: 'exists' } : 'succeeded';
    await expect(engine.applySettings()).resolves.toBeUndefined();
  });

  it('a failed settings task throws with Meilisearch’s code', async () => {
    const { meili, engine } = setup();
    meili.taskOutcome = (r) =>
      r.path.endsWith('/settings')
        ? { code: 'invalid_settings_typo_tolerance', message: 'bad' }
        : 'succeeded';
    const error = await engine.applySettings().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeiliTaskError);
    expect((error as MeiliTaskError).code).toBe('invalid_settings_typo_tolerance');
  });
});
