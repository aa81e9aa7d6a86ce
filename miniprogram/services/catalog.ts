/** Public catalog reads: stores, products, posts, the feed and the category taxonomy. */
import { request } from './request';
import type { Category, FeedItem, Page, Post, Product, Store } from './types';

export async function getProduct(id: string): Promise<Product> {
  return (await request<{ product: Product }>({ path: `/v1/products/${encodeURIComponent(id)}` })).product;
}

/** A post with the products it links that shoppers can see. */
export async function getPost(id: string): Promise<FeedItem> {
  return (await request<{ post: FeedItem }>({ path: `/v1/posts/${encodeURIComponent(id)}` })).post;
}

export async function getStore(id: string): Promise<Store> {
  return (await request<{ store: Store }>({ path: `/v1/stores/${encodeURIComponent(id)}` })).store;
}

export function storeProducts(storeId: string, cursor?: string, limit = 20): Promise<Page<Product>> {
  return request<Page<Product>>({
    path: `/v1/stores/${encodeURIComponent(storeId)}/products`,
    query: { cursor, limit },
  });
}

export function storePosts(storeId: string, cursor?: string): Promise<Page<Post>> {
  return request<Page<Post>>({
    path: `/v1/stores/${encodeURIComponent(storeId)}/posts`,
    query: { cursor, limit: 10 },
  });
}

export function feed(cursor?: string): Promise<Page<FeedItem>> {
  return request<Page<FeedItem>>({ path: '/v1/feed', query: { cursor, limit: 10 } });
}

export async function categories(): Promise<Category[]> {
  return (await request<{ categories: Category[] }>({ path: '/v1/categories' })).categories;
}
