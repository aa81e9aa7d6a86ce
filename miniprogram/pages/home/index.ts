/** Home: category entry points and the cross-store feed, with pull-to-refresh and infinite scroll. */
import { categories, feed } from '../../services/catalog';
import { messageOf } from '../../services/errors';
import type { Category, FeedItem } from '../../services/types';
import { formatDate, formatPrice } from '../../utils/format';
import { dataOf, go, routes } from '../../utils/nav';
import { appendKeys } from '../../utils/set-data';

interface FeedView {
  id: string;
  title: string;
  cover: string;
  storeId: string;
  store: string;
  date: string;
  products: { id: string; title: string; price: string }[];
}

function feedView(item: FeedItem): FeedView {
  return {
    id: item.id,
    title: item.title,
    cover: item.coverUrl ?? item.images[0] ?? '',
    storeId: item.storeId,
    store: item.store.name,
    date: formatDate(item.publishedAt),
    products: item.products
      .slice(0, 3)
      .map((p) => ({ id: p.id, title: p.title, price: formatPrice(p.price) })),
  };
}

/** A refresh overtakes a page still loading: only the latest load's answer is kept. */
let loadSeq = 0;

Component({
  data: {
    categories: [] as Category[],
    items: [] as FeedView[],
    cursor: '',
    end: false,
    loading: false,
    error: '',
  },
  methods: {
    onLoad() {
      categories().then(
        (list) => this.setData({ categories: list }),
        () => {},
      );
      this.loadPage(true);
    },
    async onPullDownRefresh() {
      await this.loadPage(true);
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      if (!this.data.end && !this.data.loading) this.loadPage(false);
    },
    async loadPage(fresh: boolean) {
      const seq = ++loadSeq;
      this.setData({ loading: true, error: '' });
      try {
        const page = await feed(fresh ? undefined : this.data.cursor);
        if (seq !== loadSeq) return;
        const views = page.items.map(feedView);
        this.setData({
          ...(fresh ? { items: views } : appendKeys('items', this.data.items.length, views)),
          cursor: page.nextCursor ?? '',
          end: page.nextCursor === null,
          loading: false,
        });
      } catch (err) {
        if (seq === loadSeq) this.setData({ loading: false, error: messageOf(err) });
      }
    },
    retry() {
      this.loadPage(this.data.items.length === 0);
    },
    openSearch() {
      go(routes.search({}));
    },
    openCategory(e: WechatMiniprogram.BaseEvent) {
      go(routes.search({ category: dataOf(e, 'id') }));
    },
    openPost(e: WechatMiniprogram.BaseEvent) {
      go(routes.post(dataOf(e, 'id')));
    },
    openProduct(e: WechatMiniprogram.BaseEvent) {
      go(routes.product(dataOf(e, 'id')));
    },
    openStore(e: WechatMiniprogram.BaseEvent) {
      go(routes.store(dataOf(e, 'id')));
    },
    onShareAppMessage() {
      return { title: '集市：逛遍所有小店', path: '/pages/home/index' };
    },
  },
});
