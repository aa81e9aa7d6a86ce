/** Toneless pinyin of Han words (电脑包 → diannaobao) and their initials (dnb), cached per word. */
import { pinyin } from 'pinyin-pro';

export interface WordPinyin {
  /** One toneless syllable per character. */
  syllables: string[];
  /** Toneless syllables run together, ü written v: 绿联 → lvlian. */
  full: string;
  /** First letter of each syllable: 绿联 → ll. */
  initials: string;
}

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[\ud840-\ud87f][\udc00-\udfff]/;
const SYLLABLE = /^[a-z]+$/;
const CACHE_LIMIT = 50_000;
const cache = new Map<string, WordPinyin | null>();

function compute(word: string): WordPinyin | null {
  if (!HAN.test(word)) return null;
  const syllables = pinyin(word, { toneType: 'none', type: 'array', v: true });
  let full = '';
  let initials = '';
  for (const syllable of syllables) {
    if (!SYLLABLE.test(syllable)) return null;
    full += syllable;
    initials += syllable[0];
  }
  return full ? { syllables, full, initials } : null;
}

/** The pinyin of a word made of Han characters; null when it has none or one has no known reading. */
export function pinyinOf(word: string): WordPinyin | null {
  let result = cache.get(word);
  if (result === undefined) {
    result = compute(word);
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(word, result);
  }
  return result;
}

/** `diannaobao` for 电脑包, or null. */
export function fullPinyin(word: string): string | null {
  return pinyinOf(word)?.full ?? null;
}

/** `dnb` for 电脑包, or null. */
export function pinyinInitials(word: string): string | null {
  return pinyinOf(word)?.initials ?? null;
}
