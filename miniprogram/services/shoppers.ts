/** What a signed-in shopper does: add a vendor as a friend, follow stores, report, and list their own. */
import { ApiError } from './errors';
import { request } from './request';
import type { FriendRequestResult, MyFriendRequest, Page, StoreSummary } from './types';

const store = (storeId: string) => `/v1/stores/${encodeURIComponent(storeId)}`;

export function requestFriend(
  storeId: string,
  about: { productId?: string; postId?: string },
): Promise<FriendRequestResult> {
  return request<FriendRequestResult>({
    method: 'POST',
    path: `${store(storeId)}/friend-requests`,
    data: about,
    auth: 'required',
  });
}

export async function follow(storeId: string, on: boolean): Promise<void> {
  await request<null>({
    method: on ? 'PUT' : 'DELETE',
    path: `/v1/me/follows/${encodeURIComponent(storeId)}`,
    auth: 'required',
  });
}

/** Whether the signed-in shopper follows this store (the service answers 404 when not). */
export async function isFollowing(storeId: string): Promise<boolean> {
  try {
    await request<null>({ path: `/v1/me/follows/${encodeURIComponent(storeId)}`, auth: 'required' });
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return false;
    throw err;
  }
}

export function myFollows(cursor?: string): Promise<{ stores: StoreSummary[]; nextCursor: string | null }> {
  return request({ path: '/v1/me/follows', query: { cursor, limit: 100 }, auth: 'required' });
}

export function myFriendRequests(cursor?: string): Promise<Page<MyFriendRequest>> {
  return request<Page<MyFriendRequest>>({
    path: '/v1/me/friend-requests',
    query: { cursor, limit: 20 },
    auth: 'required',
  });
}

export type ReportReason = 'counterfeit' | 'prohibited' | 'fraud' | 'spam' | 'other';

export async function report(
  targetType: 'store' | 'product' | 'post',
  targetId: string,
  reason: ReportReason,
): Promise<void> {
  await request({
    method: 'POST',
    path: '/v1/reports',
    data: { targetType, targetId, reason },
    auth: 'required',
  });
}
