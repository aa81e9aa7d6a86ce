/** What shoppers send for friend requests, and how contacts, leads and friend requests read back. */
import { z } from 'zod';
import { StoreSummary } from '../vendors/store-schema';
import { plainParagraphs } from '../vendors/text';

export const leadStatuses = ['new', 'contacted', 'closed'] as const;

const id = z.string().min(1).max(64);

export const Contact = z
  .object({ wechatId: z.string(), contactQrUrl: z.string().optional(), greeting: z.string() })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof Contact>;

export const FriendRequestInput = z
  .strictObject({
    productId: id.optional(),
    postId: id.optional(),
    message: plainParagraphs(0, 200).optional(),
  })
  .meta({ id: 'FriendRequestInput' });
export type FriendRequestInput = z.infer<typeof FriendRequestInput>;

export const FriendRequestResult = z
  .object({ lead: z.object({ id: z.string(), status: z.enum(leadStatuses) }), contact: Contact })
  .meta({ id: 'FriendRequestResult' });
export type FriendRequestResult = z.infer<typeof FriendRequestResult>;

export const ProductRef = z.object({ id: z.string(), title: z.string(), price: z.number().int() });
export const PostRef = z.object({ id: z.string(), title: z.string() });

export const Lead = z
  .object({
    id: z.string(),
    status: z.enum(leadStatuses),
    createdAt: z.string(),
    updatedAt: z.string(),
    message: z.string().nullable(),
    shopper: z.object({ id: z.string(), nickname: z.string().optional() }),
    product: ProductRef.optional(),
    post: PostRef.optional(),
  })
  .meta({ id: 'Lead' });
export type Lead = z.infer<typeof Lead>;

export const LeadPatch = z.strictObject({ status: z.enum(leadStatuses) }).meta({ id: 'LeadPatch' });
export type LeadPatch = z.infer<typeof LeadPatch>;

/** A shopper's own friend request, as "my friend requests" lists it. */
export const MyFriendRequest = z
  .object({
    id: z.string(),
    status: z.enum(leadStatuses),
    createdAt: z.string(),
    store: StoreSummary,
    product: ProductRef.optional(),
    post: PostRef.optional(),
  })
  .meta({ id: 'MyFriendRequest' });
export type MyFriendRequest = z.infer<typeof MyFriendRequest>;

export interface PageQuery {
  cursor?: string | undefined;
  limit: number;
}
