/** The marketplace dictionary, the Node segmenter and pinyin. */
import { describe, expect, it } from 'vitest';
import { createNodeSegmenter } from './jieba-node';
import { fullPinyin, pinyinInitials, pinyinOf } from './pinyin';
import { marketplaceWords, userDictionary } from './segmenter';

describe('the marketplace dictionary', () => {
  it('holds brand names and product words from the seed vocabulary, Han only', () => {
    for (const word of [
      '雅诗兰黛',
      '任天堂',
      '罗技',
      '男士洗面奶',
      '机械键盘',
      '眼霜',
      '奶瓶',
      '电脑包',
      '小棕瓶',
    ]) {
      expect(marketplaceWords).toContain(word);
    }
    for (const word of marketplaceWords) expect(word).toMatch(/^[\u3400-\u9fff]{2,}$/);
    expect(new Set(marketplaceWords).size).toBe(marketplaceWords.length);
  });

  it('is a jieba user dictionary of `word frequency` lines', () => {
    const lines = userDictionary().trimEnd().split('\n');
    expect(lines.length).toBe(marketplaceWords.length);
    for (const line of lines) expect(line).toMatch(/^\S+ \d+$/);
  });
});

describe('the Node segmenter', () => {
  const segmenter = createNodeSegmenter();

  it('keeps the marketplace words whole', () => {
    expect(segmenter.cut('雅诗兰黛小棕瓶眼霜')).toEqual(['雅诗兰黛', '小棕瓶', '眼霜']);
    expect(segmenter.cut('男士洗面奶控油')).toEqual(['男士洗面奶', '控油']);
  });

  it('emits the shorter words inside long ones for the index, before the long word', () => {
    expect(segmenter.cutForSearch('男士洗面奶')).toEqual(
      expect.arrayContaining(['男士', '洗面奶', '男士洗面奶']),
    );
    expect(segmenter.cutForSearch('男士洗面奶').at(-1)).toBe('男士洗面奶');
  });

  it('keeps spaces as words of their own', () => {
    expect(segmenter.cut('电脑包 眼霜')).toEqual(['电脑包', ' ', '眼霜']);
  });
});

describe('pinyin', () => {
  it('gives toneless full pinyin and initials of Han words', () => {
    expect(fullPinyin('电脑包')).toBe('diannaobao');
    expect(pinyinInitials('电脑包')).toBe('dnb');
    expect(fullPinyin('绿联')).toBe('lvlian');
    expect(pinyinOf('银行')?.syllables).toEqual(['yin', 'hang']);
  });

  it('has none for words without Han characters', () => {
    expect(pinyinOf('mate')).toBeNull();
    expect(fullPinyin('60')).toBeNull();
  });
});
