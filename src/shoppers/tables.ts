/** Row types of the shoppers' tables (follows, leads), assembled into Database. */

/** One row per (user, store); unfollow soft-deletes, re-follow restarts `created_at`. */
export interface FollowsTable {
  user_id: string;
  store_id: string;
  created_at: string;
  deleted_at: string | null;
}

export type LeadStatus = 'new' | 'contacted' | 'closed';

export interface LeadsTable {
  id: string;
  store_id: string;
  user_id: string;
  product_id: string | null;
  post_id: string | null;
  message: string | null;
  status: LeadStatus;
  /** UTC date (YYYY-MM-DD) of creation: one lead per shopper, store, day and item. */
  day: string;
  created_at: string;
  updated_at: string;
}

export interface ShopperTables {
  follows: FollowsTable;
  leads: LeadsTable;
}
