/** Typo tolerance against a brute-force optimal string alignment distance. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedTypos, createTypoIndex } from './typo';

/** Optimal string alignment distance, the plain quadratic way. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

const vocabulary = [
  'nintendo',
  'logitech',
  'logic',
  'switch',
  'sandisk',
  'apple',
  'samsung',
  'lenovo',
  'canon',
];

describe('allowedTypos', () => {
  it('follows Meilisearch: none under 5 letters, one from 5, two from 9', () => {
    expect([1, 4, 5, 8, 9, 20].map(allowedTypos)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('createTypoIndex', () => {
  const index = createTypoIndex(vocabulary);

  it('finds words one insertion, deletion, substitution or swap away', () => {
    expect(index.variants('nintedo')).toEqual(['nintendo']);
    expect(index.variants('nintendoo')).toEqual(['nintendo']);
    expect(index.variants('nintendp')).toEqual(['nintendo']);
    expect(index.variants('nitnendo')).toEqual(['nintendo']);
    expect(index.variants('logitec')).toEqual(['logitech']);
  });

  it('counts a typo on the first letter as two', () => {
    expect(index.variants('mintendo')).toEqual([]);
    expect(index.variants('intendo')).toEqual([]);
    expect(index.variants('inntendo')).toEqual([]);
    expect(index.variants('mintendoo')).toEqual([]);
    expect(createTypoIndex(['playstation']).variants('mlaystation')).toEqual(['playstation']);
    expect(createTypoIndex(['playstation']).variants('lpaystation')).toEqual(['playstation']);
    expect(createTypoIndex(['playstation']).variants('laystation')).toEqual(['playstation']);
    expect(createTypoIndex(['playstation']).variants('laystatoin')).toEqual([]);
  });

  it('allows two typos from nine letters only', () => {
    expect(index.variants('nitnendoo')).toEqual(['nintendo']);
    expect(index.variants('lgoitehc')).toEqual([]);
    expect(index.variants('samsnug')).toEqual(['samsung']);
    expect(index.variants('smasnug')).toEqual([]);
  });

  it('gives short words no typos but returns them when known', () => {
    expect(index.variants('aple')).toEqual([]);
    expect(createTypoIndex(['dior']).variants('dior')).toEqual(['dior']);
    expect(createTypoIndex(['dior']).variants('dier')).toEqual([]);
  });

  it('includes the word itself and lists the closest first', () => {
    const words = createTypoIndex(['logitech', 'logitec', 'logitecx', 'ogitec']);
    expect(words.variants('logitec')).toEqual(['logitec', 'logitech', 'logitecx']);
    expect(words.variants('logitech')[0]).toBe('logitech');
  });

  it('keeps to Latin words and caps the answer', () => {
    expect(createTypoIndex(['电脑包', 'mate60', 'ab']).variants('mate60')).toEqual([]);
    const many = createTypoIndex(
      Array.from(
        { length: 26 * 26 },
        (_, i) => `ab${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}de`,
      ),
    );
    expect(many.variants('abxxde').length).toBe(20);
  });

  it('agrees with a brute-force search, closest first', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), minLength: 3, maxLength: 11 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), word, (words, query) => {
        const max = allowedTypos(query.length);
        const typos = (w: string) => osa(w, query) + (w[0] === query[0] ? 0 : 1);
        const expected = [...new Set(words)].filter((w) => (max === 0 ? w === query : typos(w) <= max));
        const got = createTypoIndex(words).variants(query);
        expect(got.length).toBe(Math.min(expected.length, 20));
        for (const w of got) expect(expected).toContain(w);
        const distances = got.map(typos);
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
      }),
      { numRuns: 400 },
    );
  });

  it('works over a vocabulary of 50,000 words', () => {
    const random = fc.sample(
      fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: 3, maxLength: 12 }),
      {
        numRuns: 50_000,
        seed: 7,
      },
    );
    const large = createTypoIndex([...random, 'nintendo']);
    expect(large.variants('nitnendoo')).toContain('nintendo');
  });
});
