/** Product detail: images, price, store, more from the store; 加好友咨询, 去店铺购买, report and share. */
import { detailPage } from '../../behaviors/detail-page';
import { getProduct, storeProducts } from '../../services/catalog';
import type { DeepLink, Product } from '../../services/types';
import { formatPrice } from '../../utils/format';
import { dataOf, openVendorMiniProgram, routes, toast } from '../../utils/nav';
import { type ProductCard, productCard } from '../../utils/product-card';
import { reportTarget } from '../../utils/report';

interface ProductView {
  id: string;
  title: string;
  price: string;
  originalPrice: string;
  brand: string;
  description: string;
  images: string[];
  storeId: string;
  storeName: string;
  storeCity: string;
}

Component({
  behaviors: [detailPage],
  data: {
    sharedAs: 'product' as const,
    product: null as ProductView | null,
    deepLink: null as DeepLink | null,
    more: [] as ProductCard[],
  },
  methods: {
    load() {
      this.loadMain(
        () => getProduct(this.data.id),
        (p) => this.show(p),
      );
    },
    show(p: Product) {
      this.setData({
        deepLink: p.deepLink,
        product: {
          id: p.id,
          title: p.title,
          price: formatPrice(p.price),
          originalPrice: p.originalPrice && p.originalPrice > p.price ? formatPrice(p.originalPrice) : '',
          brand: p.brand ?? '',
          description: p.description ?? '',
          images: p.images.slice(0, 9),
          storeId: p.storeId,
          storeName: p.store.name,
          storeCity: p.store.city,
        },
      });
      wx.setNavigationBarTitle({ title: p.store.name });
      this.loadMore(p.storeId, p.id);
    },
    async loadMore(storeId: string, self: string) {
      try {
        const page = await storeProducts(storeId, undefined, 7);
        const more = page.items
          .filter((p) => p.id !== self)
          .slice(0, 6)
          .map(productCard);
        this.setData({ more });
      } catch {
        // "More from this store" is optional; the product itself is on screen.
      }
    },
    previewImage(e: WechatMiniprogram.BaseEvent) {
      const images = this.data.product?.images ?? [];
      wx.previewImage({ urls: images, current: dataOf(e, 'src') });
    },
    buy() {
      const { deepLink } = this.data;
      if (deepLink) openVendorMiniProgram(deepLink);
      else toast('该店铺暂未开通小程序，可加好友购买');
    },
    report() {
      reportTarget('product', this.data.id);
    },
    onShareAppMessage() {
      const p = this.data.product;
      return { title: p ? `${p.title} ${p.price}` : '集市好物', path: routes.product(this.data.id) };
    },
  },
});
