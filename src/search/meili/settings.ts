/** The Meilisearch indexes, one per document type, and their settings; applying them waits for and checks every task. */
import type { Meilisearch, Settings } from 'meilisearch';
import type { DocType } from '../engine';
import { enqueue, waitForTasks } from './client';
import { MeiliTaskError } from './errors';

export const docTypes = ['product', 'post', 'store'] as const satisfies readonly DocType[];
export const PRIMARY_KEY = 'id';
export const DEFAULT_INDEX_PREFIX = 'jishi_';
/** Meilisearch counts and pages at most this many hits; the same as the API's deepest page. */
export const MAX_TOTAL_HITS = 10_000;

/** `jishi_products`, `jishi_posts`, `jishi_stores`. */
export const indexUid = (prefix: string, type: DocType) => `${prefix}${type}s`;

const searchable: Record<DocType, string[]> = {
  product: ['title', 'brand', 'tags', 'description', 'title_pinyin', 'title_initials'],
  post: ['title', 'tags', 'body', 'title_pinyin', 'title_initials'],
  store: ['title', 'description', 'title_pinyin', 'title_initials'],
};

const sortable: Record<DocType, string[]> = {
  product: ['price', 'createdAt'],
  post: ['publishedAt'],
  store: ['createdAt'],
};

/**
 * @remarks Every index may be filtered on every field, so a filter on a field a type lacks (a post's
 * brand) matches nothing instead of failing; `externalId` serves deletes, `publishedAt` hides
 * scheduled posts at query time.
 */
const filterable = ['category', 'city', 'storeId', 'brand', 'price', 'externalId', 'publishedAt'];

const synonyms: Record<string, string[]> = {
  手机: ['移动电话'],
  移动电话: ['手机'],
  笔记本: ['笔记本电脑'],
  笔记本电脑: ['笔记本'],
  T恤: ['体恤', 'tshirt'],
  体恤: ['T恤'],
  tshirt: ['T恤'],
  运动鞋: ['球鞋'],
  球鞋: ['运动鞋'],
};

export function settingsFor(type: DocType): Settings {
  return {
    searchableAttributes: searchable[type],
    filterableAttributes: filterable,
    sortableAttributes: sortable[type],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    typoTolerance: { minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    localizedAttributes: [
      { attributePatterns: ['title', 'description', 'body', 'brand', 'tags'], locales: ['cmn'] },
    ],
    synonyms,
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}

/** Creates the index with our primary key unless it exists, then applies the type's settings. */
export async function applyIndexSettings(client: Meilisearch, uid: string, type: DocType): Promise<void> {
  const created = await enqueue(() => client.createIndex(uid, { primaryKey: PRIMARY_KEY }));
  try {
    await waitForTasks(client, [created]);
  } catch (error) {
    if (!(error instanceof MeiliTaskError && error.code === 'index_already_exists')) throw error;
  }
  const updated = await enqueue(() => client.index(uid).updateSettings(settingsFor(type)));
  await waitForTasks(client, [updated]);
}

/** Applies the settings of every index; throws if any task failed. */
export async function applySettings(client: Meilisearch, prefix = DEFAULT_INDEX_PREFIX): Promise<void> {
  for (const type of docTypes) await applyIndexSettings(client, indexUid(prefix, type), type);
}
