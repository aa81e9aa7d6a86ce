/** Store: profile, products and posts, follow / unfollow, 加好友, and 进店 (the vendor's own mini-program). */
import { detailPage } from '../../behaviors/detail-page';
import { getStore, storePosts, storeProducts } from '../../services/catalog';
import { messageOf } from '../../services/errors';
import { currentSession } from '../../services/session';
import { follow, isFollowing } from '../../services/shoppers';
import type { Post, Store } from '../../services/types';
import { formatDate } from '../../utils/format';
import { dataOf, openVendorMiniProgram, routes, toast } from '../../utils/nav';
import { type ProductCard, productCard } from '../../utils/product-card';
import { reportTarget } from '../../utils/report';
import { appendKeys } from '../../utils/set-data';

type Tab = 'products' | 'posts';

interface StoreView {
  id: string;
  name: string;
  city: string;
  description: string;
  logoUrl: string;
  appId: string;
  homePath: string;
}

const postView = (p: Post) => ({ id: p.id, title: p.title, date: formatDate(p.publishedAt) });

Component({
  behaviors: [detailPage],
  data: {
    sharedAs: 'store' as const,
    store: null as StoreView | null,
    tab: 'products' as Tab,
    products: [] as ProductCard[],
    productsCursor: '',
    productsEnd: false,
    posts: [] as ReturnType<typeof postView>[],
    postsCursor: '',
    postsEnd: false,
    postsLoaded: false,
    productsLoading: false,
    postsLoading: false,
    following: false,
  },
  methods: {
    load() {
      this.loadMain(
        () => getStore(this.data.id),
        (s) => this.show(s),
      );
    },
    show(s: Store) {
      this.setData({
        store: {
          id: s.id,
          name: s.name,
          city: s.city,
          description: s.description ?? '',
          logoUrl: s.logoUrl ?? '',
          appId: s.miniProgram?.appId ?? '',
          homePath: s.miniProgram?.homePath ?? '',
        },
      });
      wx.setNavigationBarTitle({ title: s.name });
      this.loadMore('products');
      this.loadFollowing();
    },
    /** Only a signed-in shopper can be following; nobody is asked to sign in just to look. */
    async loadFollowing() {
      if (!currentSession()) return;
      try {
        this.setData({ following: await isFollowing(this.data.id) });
      } catch {
        // The button still works; it just starts as 关注.
      }
    },
    async loadMore(tab: Tab) {
      const loading = `${tab}Loading` as const;
      if (this.data[loading] || this.data[`${tab}End`]) return;
      this.setData({ [loading]: true });
      try {
        if (tab === 'products') {
          const page = await storeProducts(this.data.id, this.data.productsCursor || undefined);
          this.setData({
            ...appendKeys('products', this.data.products.length, page.items.map(productCard)),
            productsCursor: page.nextCursor ?? '',
            productsEnd: page.nextCursor === null,
          });
        } else {
          const page = await storePosts(this.data.id, this.data.postsCursor || undefined);
          this.setData({
            ...appendKeys('posts', this.data.posts.length, page.items.map(postView)),
            postsCursor: page.nextCursor ?? '',
            postsEnd: page.nextCursor === null,
            postsLoaded: true,
          });
        }
      } catch (err) {
        toast(messageOf(err));
      }
      this.setData({ [loading]: false });
    },
    switchTab(e: WechatMiniprogram.BaseEvent) {
      const tab = dataOf(e, 'tab') as Tab;
      this.setData({ tab });
      if (tab === 'posts' && !this.data.postsLoaded) this.loadMore('posts');
    },
    onReachBottom() {
      this.loadMore(this.data.tab);
    },
    async toggleFollow() {
      const next = !this.data.following;
      try {
        await follow(this.data.id, next);
        this.setData({ following: next });
        toast(next ? '已关注' : '已取消关注');
      } catch (err) {
        toast(messageOf(err));
      }
    },
    enterStore() {
      const s = this.data.store;
      if (s?.appId) openVendorMiniProgram({ appId: s.appId, ...(s.homePath ? { path: s.homePath } : {}) });
      else toast('该店铺暂未开通小程序');
    },
    report() {
      reportTarget('store', this.data.id);
    },
    onShareAppMessage() {
      return { title: this.data.store?.name ?? '集市小店', path: routes.store(this.data.id) };
    },
  },
});
