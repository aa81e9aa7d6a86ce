/** Pinyin kept beside a title, so shoppers typing pinyin or its initials find Chinese titles. */
import { pinyin } from 'pinyin-pro';

/** Toneless pinyin, each of the title's words run together: 电脑包 → diannaobao. */
export function titlePinyin(title: string): string {
  const text = pinyin(title.normalize('NFKC'), {
    toneType: 'none',
    separator: '',
    nonZh: 'consecutive',
    v: true,
  });
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The pinyin initials of each word with Chinese in it: 电脑包 → dnb. */
export function titleInitials(title: string): string {
  return title
    .normalize('NFKC')
    .split(/\s+/)
    .map((word) =>
      pinyin(word, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join(''),
    )
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}
