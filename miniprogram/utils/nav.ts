/** Page routes and the small wrappers pages use to move between them and to vendors' mini-programs. */
import type { DeepLink } from '../services/types';

export const routes = {
  product: (id: string) => `/pages/product/index?id=${encodeURIComponent(id)}`,
  post: (id: string) => `/pages/post/index?id=${encodeURIComponent(id)}`,
  store: (id: string) => `/pages/store/index?id=${encodeURIComponent(id)}`,
  search: (query: { q?: string; category?: string }) =>
    `/pages/search/index?${Object.entries(query)
      .filter(([, v]) => v)
      .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
      .join('&')}`,
};

export function go(url: string): void {
  wx.navigateTo({ url });
}

/** Opens the vendor's own mini-program (at the product when the link has a path). */
export function openVendorMiniProgram(link: DeepLink): void {
  wx.navigateToMiniProgram({
    appId: link.appId,
    ...(link.path ? { path: link.path } : {}),
    fail: (err) => {
      if (!/cancel/.test(err.errMsg)) wx.showToast({ title: '暂时无法打开店铺', icon: 'none' });
    },
  });
}

export function toast(title: string): void {
  wx.showToast({ title, icon: 'none' });
}

/** The `data-*` value of the element that was tapped. */
export function dataOf(e: WechatMiniprogram.BaseEvent, key: string): string {
  return String((e.currentTarget.dataset as Record<string, unknown>)[key] ?? '');
}

/** A page's query parameter: WeChat hands them over still URL-encoded. */
export function param(query: Record<string, string | undefined>, key: string): string {
  const raw = query[key] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
