/** Me: whether I am signed in, the stores I follow, and my friend requests. */
import { messageOf } from '../../services/errors';
import { clearSession, currentSession, signIn } from '../../services/session';
import { myFollows, myFriendRequests } from '../../services/shoppers';
import type { MyFriendRequest, StoreSummary } from '../../services/types';
import { formatDate } from '../../utils/format';
import { dataOf, go, routes } from '../../utils/nav';

const statusLabels: Record<MyFriendRequest['status'], string> = {
  new: '等待店主通过',
  contacted: '店主已联系',
  closed: '已结束',
};

const requestView = (r: MyFriendRequest) => ({
  id: r.id,
  storeId: r.store.id,
  store: r.store.name,
  about: r.product?.title ?? r.post?.title ?? '店铺',
  status: statusLabels[r.status],
  date: formatDate(r.createdAt),
});

const storeView = (s: StoreSummary) => ({ id: s.id, name: s.name, city: s.city, logoUrl: s.logoUrl ?? '' });

Component({
  data: {
    signedIn: false,
    userId: '',
    nickname: '',
    loading: false,
    error: '',
    follows: [] as ReturnType<typeof storeView>[],
    requests: [] as ReturnType<typeof requestView>[],
  },
  methods: {
    onShow() {
      const session = currentSession();
      this.setData({
        signedIn: Boolean(session),
        userId: session?.user.id ?? '',
        nickname: session?.user.nickname ?? '',
      });
      if (session) this.loadMine();
    },
    async signIn() {
      try {
        await signIn();
        this.onShow();
      } catch (err) {
        this.setData({ error: messageOf(err) });
      }
    },
    signOut() {
      clearSession();
      this.setData({ signedIn: false, userId: '', nickname: '', follows: [], requests: [], error: '' });
    },
    async loadMine() {
      this.setData({ loading: true, error: '' });
      try {
        const [follows, requests] = await Promise.all([myFollows(), myFriendRequests()]);
        this.setData({
          loading: false,
          follows: follows.stores.map(storeView),
          requests: requests.items.map(requestView),
        });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },
    openStore(e: WechatMiniprogram.BaseEvent) {
      go(routes.store(dataOf(e, 'id')));
    },
  },
});
