/** Cross-store product search, suggestions as you type, and hot keywords. */
import { request } from './request';
import type { SearchResult } from './types';

export type Sort = 'relevance' | 'price_asc' | 'price_desc' | 'newest';

export interface SearchFilters {
  category?: string;
  city?: string;
  /** Fen. */
  priceMin?: number;
  priceMax?: number;
}

export interface SearchQuery extends SearchFilters {
  q: string;
  sort: Sort;
  page: number;
}

export const PAGE_SIZE = 20;

export function searchProducts(query: SearchQuery): Promise<SearchResult> {
  return request<SearchResult>({
    path: '/v1/search',
    query: { ...query, type: 'product', limit: PAGE_SIZE, facets: 'category,city' },
  });
}

export async function suggest(q: string): Promise<string[]> {
  const res = await request<{ suggestions: { text: string }[] }>({
    path: '/v1/search/suggest',
    query: { q, limit: 8 },
  });
  return res.suggestions.map((s) => s.text);
}

export async function hotKeywords(): Promise<string[]> {
  return (await request<{ keywords: string[] }>({ path: '/v1/search/hot' })).keywords;
}
