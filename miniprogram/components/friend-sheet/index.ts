/**
 * The friend-add sheet: records the friend request first, then offers the vendor's QR code
 * (long-press recognises a personal WeChat code), their WeChat ID and a greeting to copy.
 */
import { messageOf } from '../../services/errors';
import { requestFriend } from '../../services/shoppers';
import { toast } from '../../utils/nav';

Component({
  properties: {
    visible: { type: Boolean, value: false },
    storeId: { type: String, value: '' },
    productId: { type: String, value: '' },
    postId: { type: String, value: '' },
  },
  data: {
    loading: false,
    error: '',
    wechatId: '',
    qrUrl: '',
    greeting: '',
  },
  observers: {
    visible(visible: boolean) {
      if (visible) this.load();
    },
  },
  methods: {
    async load() {
      const { storeId, productId, postId } = this.data;
      this.setData({ loading: true, error: '', wechatId: '' });
      try {
        const { contact } = await requestFriend(storeId, {
          ...(productId ? { productId } : {}),
          ...(postId ? { postId } : {}),
        });
        this.setData({
          loading: false,
          wechatId: contact.wechatId,
          qrUrl: contact.contactQrUrl ?? '',
          greeting: contact.greeting,
        });
      } catch (err) {
        this.setData({ loading: false, error: messageOf(err) });
      }
    },
    previewQr() {
      wx.previewImage({ urls: [this.data.qrUrl], current: this.data.qrUrl });
    },
    copyWechatId() {
      wx.setClipboardData({ data: this.data.wechatId, success: () => toast('微信号已复制，去微信添加好友') });
    },
    copyGreeting() {
      wx.setClipboardData({ data: this.data.greeting, success: () => toast('招呼语已复制') });
    },
    close() {
      this.triggerEvent('close');
    },
    /** Taps inside the sheet must not reach the mask. */
    noop() {},
  },
});
