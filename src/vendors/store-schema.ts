/** What a vendor sends to create or edit a store, and what a store reads back as. */
import { z } from 'zod';
import { categoryIds } from './categories';
import { httpsUrl, pagePath, plainParagraphs, plainText } from './text';

export const storeStatuses = ['draft', 'pending_review', 'approved', 'rejected', 'suspended'] as const;

const miniProgram = z.object({
  appId: z.string().regex(/^wx[0-9a-f]{16}$/, 'must be wx followed by 16 hex digits'),
  homePath: pagePath.optional(),
  productPath: pagePath.refine((p) => p.includes('{externalId}'), 'must contain {externalId}').optional(),
});

const location = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

const storeFields = {
  name: plainText(2, 40),
  description: plainParagraphs(0, 500),
  category: z.enum(categoryIds),
  city: plainText(1, 20),
  wechatId: z
    .string()
    .regex(
      /^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/,
      'must be 6 to 20 letters, digits, - or _, starting with a letter',
    ),
  contactQrUrl: httpsUrl,
  logoUrl: httpsUrl,
  miniProgram,
  location,
};

export const StoreCreate = z
  .strictObject({
    name: storeFields.name,
    description: storeFields.description.optional(),
    category: storeFields.category,
    city: storeFields.city,
    wechatId: storeFields.wechatId,
    contactQrUrl: storeFields.contactQrUrl.optional(),
    logoUrl: storeFields.logoUrl.optional(),
    miniProgram: storeFields.miniProgram.optional(),
    location: storeFields.location.optional(),
  })
  .meta({ id: 'StoreCreate' });
export type StoreCreate = z.infer<typeof StoreCreate>;

/** Any subset of the create body; `null` clears an optional field. */
export const StorePatch = z
  .strictObject({
    name: storeFields.name.optional(),
    description: storeFields.description.nullable().optional(),
    category: storeFields.category.optional(),
    city: storeFields.city.optional(),
    wechatId: storeFields.wechatId.optional(),
    contactQrUrl: storeFields.contactQrUrl.nullable().optional(),
    logoUrl: storeFields.logoUrl.nullable().optional(),
    miniProgram: storeFields.miniProgram.nullable().optional(),
    location: storeFields.location.nullable().optional(),
  })
  .meta({ id: 'StorePatch' });
export type StorePatch = z.infer<typeof StorePatch>;

export const StoreSummary = z
  .object({ id: z.string(), name: z.string(), city: z.string(), logoUrl: z.string().nullable() })
  .meta({ id: 'StoreSummary' });
export type StoreSummary = z.infer<typeof StoreSummary>;

export const Store = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    category: z.enum(categoryIds),
    city: z.string(),
    logoUrl: z.string().nullable(),
    miniProgram: z
      .object({ appId: z.string(), homePath: z.string().nullable(), productPath: z.string().nullable() })
      .nullable(),
    location: location.nullable(),
    status: z.enum(storeStatuses),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** Only for the owner and moderators: contact details and the review outcome. */
    wechatId: z.string().optional(),
    contactQrUrl: z.string().nullable().optional(),
    ownerId: z.string().optional(),
    review: z
      .object({
        reason: z.string().nullable(),
        reviewedAt: z.string().nullable(),
        submittedAt: z.string().nullable(),
      })
      .optional(),
  })
  .meta({ id: 'Store' });
export type Store = z.infer<typeof Store>;
