/**
 * What the store, product and post pages share: an `id` from the query (or a shared code's scene), a main load with 加载中 and a
 * retryable error, the friend-add sheet, and taps that open other pages by `data-id`.
 */
import { messageOf } from '../services/errors';
import { dataOf, go, param, routes } from '../utils/nav';
import { idFromScene } from '../utils/scene';

export const detailPage = Behavior({
  data: {
    id: '',
    loading: true,
    error: '',
    sheetVisible: false,
    /** What a mini-program code (its `scene`) can open this page at; none by default. */
    sharedAs: '' as '' | 'product' | 'store',
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const shared = this.data.sharedAs ? idFromScene(query.scene, this.data.sharedAs) : '';
      this.setData({ id: param(query, 'id') || shared });
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
