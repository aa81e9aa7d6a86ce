/** Row types of `stores` and `api_keys`. */

export type StoreStatus = 'draft' | 'pending_review' | 'approved' | 'rejected' | 'suspended';

export interface StoresTable {
  id: string;
  owner_id: string;
  name: string;
  description: string | null;
  category: string;
  city: string;
  wechat_id: string;
  contact_qr_url: string | null;
  logo_url: string | null;
  mp_app_id: string | null;
  mp_home_path: string | null;
  mp_product_path: string | null;
  lat: number | null;
  lng: number | null;
  status: StoreStatus;
  review_reason: string | null;
  reviewed_at: string | null;
  submitted_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ApiKeysTable {
  id: string;
  store_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
