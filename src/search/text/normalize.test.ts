/** Normalisation and its map back to the source characters. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, normalizeChars, toSimplified } from './normalize';

describe('normalize', () => {
  it('folds full width, case and whitespace', () => {
    expect(normalize('ＨＵＡＷＥＩ　Ｍａｔｅ６０')).toBe('huawei mate60');
    expect(normalize('  iPhone\t15 \n Pro  ')).toBe('iphone 15 pro');
    expect(normalize('５００㎖')).toBe('500ml');
  });

  it('turns traditional Chinese into simplified, and leaves simplified alone', () => {
    expect(normalize('電腦包 藍牙鍵盤 雅詩蘭黛')).toBe('电脑包 蓝牙键盘 雅诗兰黛');
    expect(normalize('臺灣 後面 乾燥')).toBe('台湾 后面 干燥');
    expect(toSimplified('电脑包 群 吃 唇')).toBe('电脑包 群 吃 唇');
    expect(normalize('乾隆 著名')).toBe('乾隆 著名');
  });
});

describe('normalizeChars', () => {
  it('gives the same text as normalize, with the source index of each character', () => {
    const source = ' ＭＡＴＥ  電腦包㎖ ';
    const { text, map } = normalizeChars(source);
    expect(text).toBe(normalize(source));
    expect(text).toBe('mate 电脑包ml');
    expect(map).toEqual([1, 2, 3, 4, 5, 7, 8, 9, 10, 10, 11]);
  });

  it('keeps combining marks with their letter', () => {
    const { text, map } = normalizeChars('Cafe\u0301 X');
    expect(text).toBe('café x');
    expect(map).toEqual([0, 1, 2, 3, 5, 6, 7]);
  });

  it('agrees with normalize on arbitrary text and maps every character inside the source', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', 'Ｂ', ' ', '\t', '電', '脑', '㎖', 'é', 'İ', '\u3000', '🎉'),
        }),
        (s) => {
          const { text, map } = normalizeChars(s);
          expect(text).toBe(normalize(s));
          expect(map.length).toBe(text.length + 1);
          for (let i = 1; i < map.length; i++) expect(map[i]!).toBeGreaterThanOrEqual(map[i - 1]!);
          expect(map[map.length - 1]!).toBeLessThanOrEqual(s.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
