/** The shapes of the marketplace API (`../shared/API.md`) that the mini-program reads. */

export interface StoreSummary {
  id: string;
  name: string;
  city: string;
  logoUrl: string | null;
}

export interface DeepLink {
  appId: string;
  path?: string;
}

export interface Store extends StoreSummary {
  description: string | null;
  category: string;
  miniProgram: { appId: string; homePath: string | null; productPath: string | null } | null;
}

export interface Product {
  id: string;
  storeId: string;
  externalId: string;
  title: string;
  description: string | null;
  brand: string | null;
  price: number;
  originalPrice: number | null;
  images: string[];
  tags: string[];
  store: StoreSummary;
  deepLink: DeepLink | null;
}

export interface Post {
  id: string;
  storeId: string;
  title: string;
  body: string;
  coverUrl: string | null;
  images: string[];
  productExternalIds: string[];
  publishedAt: string;
  store: StoreSummary;
}

export interface LinkedProduct {
  id: string;
  externalId: string;
  title: string;
  price: number;
  imageUrl: string | null;
}

export interface FeedItem extends Post {
  products: LinkedProduct[];
}

export interface ProductHit {
  type: 'product';
  id: string;
  storeId: string;
  store: { id: string; name: string; city: string };
  title: string;
  highlight: { title: string };
  price: number;
  imageUrl?: string;
  category: string;
  brand?: string;
}

export interface SearchResult {
  hits: ProductHit[];
  total: number;
  /** False when `total` and the facet counts are estimates (a very large result set). */
  exhaustive: boolean;
  page: number;
  limit: number;
  facets?: Record<string, Record<string, number>>;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Category {
  id: string;
  label: string;
}

export interface Contact {
  wechatId: string;
  contactQrUrl?: string;
  greeting: string;
}

export interface FriendRequestResult {
  lead: { id: string; status: string };
  contact: Contact;
}

export interface MyFriendRequest {
  id: string;
  status: 'new' | 'contacted' | 'closed';
  createdAt: string;
  store: StoreSummary;
  product?: { id: string; title: string; price: number };
  post?: { id: string; title: string };
}

export interface User {
  id: string;
  roles: string[];
  nickname?: string;
}

export interface Session {
  token: string;
  user: User;
}
