/** Where `wx.navigateToMiniProgram` should land for an item of a store with its own mini-program. */
import type { DeepLink } from './catalog-schema';
import type { StoresTable } from './stores.table';

type StoreLinks = Pick<StoresTable, 'mp_app_id' | 'mp_home_path' | 'mp_product_path'>;

/** The product's own path, else the store's product path template filled in, else the store's home. */
export function productDeepLink(
  store: StoreLinks,
  externalId: string,
  ownPath: string | null,
): DeepLink | null {
  if (!store.mp_app_id) return null;
  const path =
    ownPath ??
    store.mp_product_path?.replaceAll('{externalId}', encodeURIComponent(externalId)) ??
    store.mp_home_path;
  return path ? { appId: store.mp_app_id, path } : { appId: store.mp_app_id };
}

export function storeDeepLink(store: StoreLinks): DeepLink | null {
  if (!store.mp_app_id) return null;
  return store.mp_home_path
    ? { appId: store.mp_app_id, path: store.mp_home_path }
    : { appId: store.mp_app_id };
}
