import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHighlight, unescapeHtml } from '../utils/highlight';

/** What the service does to a title before marking matches. */
const escapeHtml = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

describe('parseHighlight', () => {
  it('emphasises only what <em> marks and decodes the escaped rest', () => {
    expect(parseHighlight('北欧<em>餐桌</em> &lt;b&gt;&amp;')).toEqual([
      { text: '北欧', em: false },
      { text: '餐桌', em: true },
      { text: ' <b>&', em: false },
    ]);
  });

  it('keeps any other markup as literal text', () => {
    expect(parseHighlight('<b>粗</b><img src=x onerror=alert(1)><em>真</em>')).toEqual([
      { text: '<b>粗</b><img src=x onerror=alert(1)>', em: false },
      { text: '真', em: true },
    ]);
  });

  it('turns arbitrary strings into nothing but non-empty text segments', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (input) => {
        for (const segment of parseHighlight(input)) {
          expect(Object.keys(segment).sort()).toEqual(['em', 'text']);
          expect(typeof segment.text).toBe('string');
          expect(segment.text.length).toBeGreaterThan(0);
          expect(typeof segment.em).toBe('boolean');
        }
      }),
    );
  });

  it('gives back exactly the marked and unmarked parts of any escaped title', () => {
    const parts = fc.array(
      fc.record({ text: fc.string({ minLength: 1, unit: 'binary' }), em: fc.boolean() }),
    );
    fc.assert(
      fc.property(parts, (pieces) => {
        const html = pieces
          .map((p) => (p.em ? `<em>${escapeHtml(p.text)}</em>` : escapeHtml(p.text)))
          .join('');
        const segments = parseHighlight(html);
        expect(segments.map((s) => s.text).join('')).toBe(pieces.map((p) => p.text).join(''));
        const emphasised = (list: { text: string; em: boolean }[]) =>
          list.flatMap((p) => [...p.text].map(() => p.em));
        expect(emphasised(segments)).toEqual(emphasised(pieces));
      }),
    );
  });

  it('leaves unknown or impossible entities as written', () => {
    expect(unescapeHtml('&nbsp; &#xD800; &#0; &#x1F600;')).toBe('&nbsp; &#xD800; &#0; 😀');
  });
});
