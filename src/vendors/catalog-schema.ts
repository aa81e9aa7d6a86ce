/** The catalog items vendors sync (products and posts), and how they read back. */
import { z } from 'zod';
import { categoryIds } from './categories';
import { StoreSummary } from './store-schema';
import { externalId, httpsUrl, pagePath, plainParagraphs, plainText } from './text';

/** ¥100,000,000.00 in fen: far above any real listing, far below float trouble. */
const MAX_PRICE = 10_000_000_000;
const money = z.number().int('must be a whole number of fen').min(0).max(MAX_PRICE);
const tags = z.array(plainText(1, 30)).max(20);
const images = z.array(httpsUrl).max(20);

export const ProductInput = z
  .strictObject({
    externalId,
    title: plainText(1, 120),
    description: plainParagraphs(0, 5000).optional(),
    category: z.enum(categoryIds).optional(),
    brand: plainText(1, 60).optional(),
    price: money,
    originalPrice: money.optional(),
    currency: z.literal('CNY').default('CNY'),
    images: images.default([]),
    tags: tags.default([]),
    miniProgramPath: pagePath.optional(),
    status: z.enum(['active', 'inactive']).default('active'),
  })
  .refine((p) => p.originalPrice === undefined || p.originalPrice >= p.price, {
    path: ['originalPrice'],
    message: 'must not be below price',
  })
  .meta({ id: 'ProductInput' });
export type ProductInput = z.infer<typeof ProductInput>;

export const PostInput = z
  .strictObject({
    externalId,
    title: plainText(1, 120),
    body: plainParagraphs(1, 10_000),
    coverUrl: httpsUrl.optional(),
    images: images.default([]),
    productExternalIds: z.array(externalId).max(50).default([]),
    publishedAt: z.iso
      .datetime({ offset: true })
      // Stored as UTC: an offset must not carry it past the year 9999 (an ISO string SQL cannot order).
      .refine((at) => new Date(at).getUTCFullYear() <= 9999, 'must be before the year 10000 in UTC')
      .optional(),
    tags: tags.default([]),
  })
  .meta({ id: 'PostInput' });
export type PostInput = z.infer<typeof PostInput>;

export const DeepLink = z.object({ appId: z.string(), path: z.string().optional() }).meta({ id: 'DeepLink' });
export type DeepLink = z.infer<typeof DeepLink>;

export const Product = z
  .object({
    id: z.string(),
    storeId: z.string(),
    externalId: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    category: z.string(),
    brand: z.string().nullable(),
    price: z.number().int(),
    originalPrice: z.number().int().nullable(),
    currency: z.string(),
    images: z.array(z.string()),
    tags: z.array(z.string()),
    miniProgramPath: z.string().nullable(),
    status: z.enum(['active', 'inactive']),
    store: StoreSummary,
    deepLink: DeepLink.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof Product>;

export const Post = z
  .object({
    id: z.string(),
    storeId: z.string(),
    externalId: z.string(),
    title: z.string(),
    body: z.string(),
    coverUrl: z.string().nullable(),
    images: z.array(z.string()),
    productExternalIds: z.array(z.string()),
    tags: z.array(z.string()),
    publishedAt: z.string(),
    store: StoreSummary,
    deepLink: DeepLink.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Post' });
export type Post = z.infer<typeof Post>;

export const BATCH_MAX_ITEMS = 1000;

export const BatchFailure = z
  .object({
    op: z.enum(['upsert', 'delete']),
    index: z.number().int(),
    externalId: z.string().optional(),
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(
        z.object({ path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: z.string() }),
      ),
    }),
  })
  .meta({ id: 'BatchFailure' });
export type BatchFailure = z.infer<typeof BatchFailure>;

export const BatchResult = z
  .object({ upserted: z.number().int(), deleted: z.number().int(), failed: z.array(BatchFailure) })
  .meta({ id: 'BatchResult' });
export type BatchResult = z.infer<typeof BatchResult>;

export const batchRequest = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({ upsert: z.array(item).optional(), delete: z.array(externalId).optional() })
    .meta({ id, description: `Up to ${BATCH_MAX_ITEMS} upserts and deletes in all.` });
