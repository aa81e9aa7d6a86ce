/** Post detail: the vendor's post with its images, store and linked products; 加好友咨询, report and share. */
import { detailPage } from '../../behaviors/detail-page';
import { getPost, storeProducts } from '../../services/catalog';
import type { Post } from '../../services/types';
import { formatDate } from '../../utils/format';
import { dataOf, routes } from '../../utils/nav';
import { type ProductCard, productCard } from '../../utils/product-card';
import { reportTarget } from '../../utils/report';

const postView = (p: Post) => ({
  id: p.id,
  title: p.title,
  body: p.body,
  images: p.coverUrl ? [p.coverUrl, ...p.images.filter((i) => i !== p.coverUrl)] : p.images,
  date: formatDate(p.publishedAt),
  storeId: p.storeId,
  storeName: p.store.name,
});

Component({
  behaviors: [detailPage],
  data: {
    post: null as ReturnType<typeof postView> | null,
    linked: [] as ProductCard[],
  },
  methods: {
    load() {
      this.loadMain(
        () => getPost(this.data.id),
        (post) => {
          this.setData({ post: postView(post) });
          if (post.productExternalIds.length) this.loadLinked(post);
        },
      );
    },
    /**
     * @remarks `GET /v1/posts/:id` names linked products only by externalId; they are found among the
     * store's first 100 products (the feed carries them whole, the post detail does not yet).
     */
    async loadLinked(post: Post) {
      try {
        const { items } = await storeProducts(post.storeId, undefined, 100);
        const wanted = new Set(post.productExternalIds);
        const linked = items.filter((p) => wanted.has(p.externalId)).map(productCard);
        this.setData({ linked });
      } catch {
        // The post reads fine without its products.
      }
    },
    previewImage(e: WechatMiniprogram.BaseEvent) {
      wx.previewImage({ urls: this.data.post?.images ?? [], current: dataOf(e, 'src') });
    },
    report() {
      reportTarget('post', this.data.id);
    },
    onShareAppMessage() {
      return { title: this.data.post?.title ?? '集市好物', path: routes.post(this.data.id) };
    },
  },
});
