/** Post detail: the vendor's post with its images, store and linked products; 加好友咨询, report and share. */
import { detailPage } from '../../behaviors/detail-page';
import { getPost } from '../../services/catalog';
import type { Post } from '../../services/types';
import { formatDate } from '../../utils/format';
import { dataOf, routes } from '../../utils/nav';
import { linkedCard, type ProductCard } from '../../utils/product-card';
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
          this.setData({ post: postView(post), linked: post.products.map(linkedCard) });
        },
      );
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
