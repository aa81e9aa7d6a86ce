/** Reporting a store, product or post: pick a reason from an action sheet, then file it. */
import { messageOf } from '../services/errors';
import { type ReportReason, report } from '../services/shoppers';
import { toast } from './nav';

const reasons: { id: ReportReason; label: string }[] = [
  { id: 'counterfeit', label: '假冒商品' },
  { id: 'prohibited', label: '违禁内容' },
  { id: 'fraud', label: '欺诈' },
  { id: 'spam', label: '垃圾广告' },
  { id: 'other', label: '其他' },
];

export function reportTarget(targetType: 'store' | 'product' | 'post', targetId: string): void {
  wx.showActionSheet({
    itemList: reasons.map((r) => r.label),
    success: async ({ tapIndex }) => {
      const reason = reasons[tapIndex];
      if (!reason) return;
      try {
        await report(targetType, targetId, reason.id);
        toast('已收到举报，我们会尽快处理');
      } catch (err) {
        toast(messageOf(err));
      }
    },
  });
}
