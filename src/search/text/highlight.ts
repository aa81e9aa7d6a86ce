/** A title as HTML: escaped, with the parts the query matched (also through case, script, width or pinyin) in <em>. */
import type { HanSegmenter, PinyinSpan } from './han';
import { normalizeChars } from './normalize';
import { prefixable, type QueryTerm } from './query';
import { scan } from './scan';
import type { TypoIndex } from './typo';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const SPECIAL = /[&<>"']/g;

export function escapeHtml(text: string): string {
  return text.replace(SPECIAL, (c) => ESCAPES[c]!);
}

export interface HighlightOptions {
  typos?: TypoIndex | undefined;
  prefixLast: boolean;
}

export function highlightTitle(
  title: string,
  terms: QueryTerm[],
  han: HanSegmenter,
  options: HighlightOptions,
): string {
  if (terms.length === 0) return escapeHtml(title);
  const { text, map } = normalizeChars(title);
  const marked = new Uint8Array(text.length);
  const mark = (start: number, end: number) => marked.fill(1, start, end);

  const latin = new Set<string>();
  const hanWords = new Set<string>();
  const last = terms[terms.length - 1]!;
  const prefix = options.prefixLast ? last.text : null;
  for (const term of terms) {
    if (term.kind === 'han') {
      hanWords.add(term.text);
      for (const part of term.parts) if (part.length > 1) hanWords.add(part);
      continue;
    }
    latin.add(term.text);
    if (term.kind === 'latin' && options.typos)
      for (const v of options.typos.variants(term.text)) latin.add(v);
  }
  if (prefix !== null && last.tail) hanWords.add(last.tail.text);
  const matchesLatin = (word: string) =>
    latin.has(word) ||
    (prefix !== null && last.kind !== 'han' && prefixable(last) && word.startsWith(prefix));

  for (const word of hanWords) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length))
      mark(at, at + word.length);
  }

  const runs: { run: string; start: number }[] = [];
  scan(text, {
    piece: (word, start, end) => matchesLatin(word) && mark(start, end),
    joined: (word, start, end) => matchesLatin(word) && mark(start, end),
    han: (run, start) => runs.push({ run, start }),
  });
  if (latin.size > 0 && runs.length > 0) {
    const segmented = han.segment(runs.map((r) => r.run));
    for (let r = 0; r < runs.length; r++)
      markPinyin(han.spans(segmented[r]!), runs[r]!.start, matchesLatin, mark);
  }
  return render(title, text, map, marked);
}

/** Marks each word, or two neighbouring words, whose pinyin or initials the query typed. */
function markPinyin(
  spans: PinyinSpan[],
  start: number,
  matches: (word: string) => boolean,
  mark: (start: number, end: number) => void,
) {
  for (const a of spans) {
    if (matches(a.full) || (a.end - a.start > 1 && matches(a.initials))) mark(start + a.start, start + a.end);
    for (const b of spans) {
      if (b.start === a.end && (matches(a.full + b.full) || matches(a.initials + b.initials))) {
        mark(start + a.start, start + b.end);
      }
    }
  }
}

/** The source title, escaped, with each marked stretch of the normalised text (spaces between marks included) in <em>. */
function render(title: string, text: string, map: number[], marked: Uint8Array): string {
  let html = '';
  let from = 0;
  const n = marked.length;
  let i = 0;
  while (i < n) {
    if (marked[i] !== 1) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && (marked[j] === 1 || (text[j] === ' ' && marked[j + 1] === 1))) j++;
    while (j < n && map[j] === map[j - 1]) j++;
    const start = Math.max(map[i]!, from);
    const end = map[j]!;
    if (end > start) {
      html += `${escapeHtml(title.slice(from, start))}<em>${escapeHtml(title.slice(start, end))}</em>`;
      from = end;
    }
    i = j;
  }
  return html + escapeHtml(title.slice(from));
}
