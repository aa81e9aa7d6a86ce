/**
 * The `wx` a test runs pages against: `request` over real HTTP (to the service on loopback), storage
 * in memory, `login` from the WeChat emulator, and everything that leaves the page (navigation,
 * clipboard, previews, toasts, jumps to other mini-programs) recorded for assertions.
 */

type Callbacks = { success?: (res: any) => void; fail?: (err: any) => void; complete?: (res: any) => void };

export interface WxRecords {
  requests: { method: string; url: string; status: number }[];
  navigations: string[];
  tabs: string[];
  clipboard: string[];
  previews: { urls: string[]; current?: string }[];
  jumps: { appId: string; path?: string }[];
  toasts: string[];
  pullDownStops: number;
  titles: string[];
}

export interface WxShimOptions {
  /** What `wx.login` answers: a code from the WeChat emulator. */
  login: () => string;
}

export interface WxShim {
  records: WxRecords;
  storage: Map<string, unknown>;
  /** Which item `wx.showActionSheet` picks. */
  actionSheetIndex: number;
}

function ok(options: Callbacks, res: Record<string, unknown> = {}) {
  const result = { errMsg: 'ok', ...res };
  queueMicrotask(() => {
    options.success?.(result);
    options.complete?.(result);
  });
}

async function send(options: WechatMiniprogram.RequestOption, records: WxRecords) {
  const method = options.method ?? 'GET';
  const body = options.data !== undefined && method !== 'GET' ? JSON.stringify(options.data) : undefined;
  try {
    const res = await fetch(options.url, { method, headers: options.header, body });
    const text = await res.text();
    let data: unknown = text;
    try {
      data = text ? JSON.parse(text) : '';
    } catch {}
    records.requests.push({ method, url: options.url, status: res.status });
    const result = {
      statusCode: res.status,
      data,
      header: Object.fromEntries(res.headers),
      errMsg: 'request:ok',
    };
    options.success?.(result as any);
    options.complete?.(result as any);
  } catch (err) {
    records.requests.push({ method, url: options.url, status: 0 });
    const result = { errMsg: `request:fail ${(err as Error).message}`, errno: 600001 };
    options.fail?.(result as any);
    options.complete?.(result as any);
  }
}

/** Puts the shim over the `wx` miniprogram-simulate installed (load simulate first). */
export function installWx(options: WxShimOptions): WxShim {
  const records: WxRecords = {
    requests: [],
    navigations: [],
    tabs: [],
    clipboard: [],
    previews: [],
    jumps: [],
    toasts: [],
    pullDownStops: 0,
    titles: [],
  };
  const storage = new Map<string, unknown>();
  const shim: WxShim = { records, storage, actionSheetIndex: 0 };
  const wx = (globalThis as any).wx;
  Object.assign(wx, {
    request(o: WechatMiniprogram.RequestOption) {
      void send(o, records);
      return { abort() {} };
    },
    login(o: Callbacks) {
      ok(o, { code: options.login() });
    },
    getStorageSync: (key: string) => (storage.has(key) ? structuredClone(storage.get(key)) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, structuredClone(value)),
    removeStorageSync: (key: string) => void storage.delete(key),
    navigateTo(o: { url: string } & Callbacks) {
      records.navigations.push(o.url);
      ok(o);
    },
    switchTab(o: { url: string } & Callbacks) {
      records.tabs.push(o.url);
      ok(o);
    },
    navigateToMiniProgram(o: { appId: string; path?: string } & Callbacks) {
      records.jumps.push({ appId: o.appId, ...(o.path ? { path: o.path } : {}) });
      ok(o);
    },
    previewImage(o: { urls: string[]; current?: string } & Callbacks) {
      records.previews.push({ urls: o.urls, ...(o.current ? { current: o.current } : {}) });
      ok(o);
    },
    setClipboardData(o: { data: string } & Callbacks) {
      records.clipboard.push(o.data);
      ok(o);
    },
    showToast(o: { title: string } & Callbacks) {
      records.toasts.push(o.title);
      ok(o);
    },
    showActionSheet(o: Callbacks) {
      ok(o, { tapIndex: shim.actionSheetIndex });
    },
    setNavigationBarTitle(o: { title: string } & Callbacks) {
      records.titles.push(o.title);
      ok(o);
    },
    stopPullDownRefresh(o: Callbacks = {}) {
      records.pullDownStops++;
      ok(o);
    },
  });
  return shim;
}
