/** The shopper's recent searches, newest first, kept in local storage. */

const KEY = 'recent-searches';
const MAX = 10;

export function recentSearches(): string[] {
  const stored = wx.getStorageSync(KEY) as unknown;
  return Array.isArray(stored) ? stored.filter((s): s is string => typeof s === 'string') : [];
}

export function rememberSearch(q: string): string[] {
  const query = q.trim();
  if (!query) return recentSearches();
  const next = [query, ...recentSearches().filter((s) => s !== query)].slice(0, MAX);
  wx.setStorageSync(KEY, next);
  return next;
}

export function clearRecentSearches(): void {
  wx.removeStorageSync(KEY);
}
