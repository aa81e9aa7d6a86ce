/**
 * What the store, product and post pages share: an `id` from the query, a main load with 加载中 and a
 * retryable error, the friend-add sheet, and taps that open other pages by `data-id`.
 */
import { messageOf } from '../services/errors';
import { dataOf, go, param, routes } from '../utils/nav';

export const detailPage = Behavior({
  data: { id: '', loading: true, error: '', sheetVisible: false },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ id: param(query, 'id') });
      this.load();
    },
    /** Each page puts its own load here. */
    load() {},
    /** Fetches what the page is about, then shows it with `show`, or the error to retry. */
    async loadMain<T>(fetch: () => Promise<T>, show: (value: T) => void) {
      this.setData({ loading: true, error: '' });
      try {
        const value = await fetch();
        this.setData({ loading: false });
        show(value);
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },
    askVendor() {
      this.setData({ sheetVisible: true });
    },
    closeSheet() {
      this.setData({ sheetVisible: false });
    },
    openStore(e: WechatMiniprogram.BaseEvent) {
      go(routes.store(dataOf(e, 'id')));
    },
    openProduct(e: WechatMiniprogram.BaseEvent) {
      go(routes.product(dataOf(e, 'id')));
    },
    openPost(e: WechatMiniprogram.BaseEvent) {
      go(routes.post(dataOf(e, 'id')));
    },
  },
});
