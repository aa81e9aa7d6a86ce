/** What shoppers send to report, what moderators send to resolve, and how a report reads back. */
import { z } from 'zod';
import { StoreSummary } from '../vendors/store-schema';
import { plainParagraphs } from '../vendors/text';

export const reportTargetTypes = ['store', 'product', 'post'] as const;
export const reportReasons = ['counterfeit', 'prohibited', 'fraud', 'spam', 'other'] as const;
export const reportStatuses = ['open', 'resolved'] as const;
export const reportActions = ['dismiss', 'takedown'] as const;

export const ReportCreate = z
  .strictObject({
    targetType: z.enum(reportTargetTypes),
    targetId: z.string().min(1).max(64),
    reason: z.enum(reportReasons),
    details: plainParagraphs(0, 1000).optional(),
  })
  .meta({ id: 'ReportCreate' });
export type ReportCreate = z.infer<typeof ReportCreate>;

export const Resolution = z
  .strictObject({
    action: z.enum(reportActions),
    note: plainParagraphs(1, 1000),
  })
  .meta({ id: 'ReportResolution' });
export type Resolution = z.infer<typeof Resolution>;

export const ReportRef = z
  .object({ id: z.string(), status: z.enum(reportStatuses) })
  .meta({ id: 'ReportRef' });

/** What the moderator needs to judge the target without opening it; null when it no longer exists. */
export const TargetPreview = z
  .object({
    /** A product's or post's title, a store's name. */
    title: z.string(),
    store: StoreSummary,
    /** Products only, in minor units. */
    price: z.number().int().nullable(),
    currency: z.string().nullable(),
    imageUrl: z.string().nullable(),
    /** Whether shoppers can see it now (false once taken down or its store suspended). */
    visible: z.boolean(),
  })
  .meta({ id: 'ReportTargetPreview' });
export type TargetPreview = z.infer<typeof TargetPreview>;

export const Report = z
  .object({
    id: z.string(),
    status: z.enum(reportStatuses),
    target: z.object({
      type: z.enum(reportTargetTypes),
      id: z.string(),
      preview: TargetPreview.nullable(),
    }),
    /** Shoppers who filed this report; each counts once. */
    reporters: z.number().int(),
    reasons: z.partialRecord(z.enum(reportReasons), z.number().int()),
    /** The latest filings, newest first. */
    filings: z.array(
      z.object({ reason: z.enum(reportReasons), details: z.string().nullable(), createdAt: z.string() }),
    ),
    createdAt: z.string(),
    resolution: z
      .object({
        action: z.enum(reportActions),
        note: z.string(),
        by: z.object({ id: z.string(), nickname: z.string().nullable() }),
        at: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;
