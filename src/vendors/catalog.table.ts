/** Row types of the synced catalog: `products` and `posts`. */

export interface ProductsTable {
  id: string;
  store_id: string;
  external_id: string;
  title: string;
  description: string | null;
  category: string;
  brand: string | null;
  price: number;
  original_price: number | null;
  currency: string;
  /** JSON array of https URLs. */
  images: string;
  /** JSON array of strings. */
  tags: string;
  mini_program_path: string | null;
  status: 'active' | 'inactive';
  taken_down_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PostsTable {
  id: string;
  store_id: string;
  external_id: string;
  title: string;
  body: string;
  cover_url: string | null;
  images: string;
  product_external_ids: string;
  tags: string;
  published_at: string;
  taken_down_at: string | null;
  created_at: string;
  updated_at: string;
}
