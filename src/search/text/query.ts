/** A shopper's query as terms, and as an FTS5 MATCH expression in which every term is a quoted string literal. */
import type { HanSegmenter } from './han';
import { scan } from './scan';
import type { TypoIndex } from './typo';

export interface QueryTerm {
  text: string;
  kind: 'latin' | 'digits' | 'han';
  /** For a long Han word, the shorter words covering it (男士洗面奶 → 男士, 洗面奶), to find it written apart. */
  parts: string[];
  /** On the last term: the characters the query ends with, left single by the segmenter, typed as one word (雅诗 of 雅诗兰黛). */
  tail?: { text: string; count: number } | undefined;
  /** For a Han word, which run of Han characters in the query it came from. */
  run?: number;
  /** A Latin or digit piece typed straight after the one before it (g|20 of g20, a|7|m|4 of a7m4). */
  adjoins?: boolean;
}

export const MAX_TERMS = 12;
export const MAX_TERM_LENGTH = 32;
/** Longer queries are cut before analysis; nobody types more, and the terms are capped anyway. */
export const MAX_QUERY_LENGTH = 256;

/** Function words dropped from a query of several words: 好看的连衣裙 asks for 好看 and 连衣裙. */
const STOP_WORDS = new Set(['的', '了', '和', '与', '及', '之', '或', '是', '在', '把', '被']);

export function queryTerms(normalized: string, han: HanSegmenter): QueryTerm[] {
  const slots: (QueryTerm | number)[] = [];
  const runs: string[] = [];
  let pieceEnd = -1;
  scan(normalized, {
    piece(text, start, end, letters) {
      slots.push({
        text: text.slice(0, MAX_TERM_LENGTH),
        kind: letters ? 'latin' : 'digits',
        parts: [],
        ...(start === pieceEnd ? { adjoins: true } : {}),
      });
      pieceEnd = end;
    },
    joined() {},
    han(run) {
      slots.push(runs.length);
      runs.push(run);
      pieceEnd = -1;
    },
  });
  const segmented = runs.length > 0 ? han.segment(runs) : [];
  const terms: QueryTerm[] = [];
  for (const slot of slots) {
    if (typeof slot !== 'number') {
      terms.push(slot);
      continue;
    }
    const run = segmented[slot]!;
    for (let k = 0; k < run.words.length; k++) {
      const word = run.words[k]!;
      terms.push({
        text: word.slice(0, MAX_TERM_LENGTH),
        kind: 'han',
        parts: cover(word, run.inner[k]!),
        run: slot,
      });
    }
  }
  const meaningful = terms.filter((t) => !(t.kind === 'han' && STOP_WORDS.has(t.text)));
  const kept = (meaningful.length > 0 ? meaningful : terms).slice(0, MAX_TERMS);
  const last = kept[kept.length - 1];
  if (last) last.tail = tailOf(kept, last);
  return kept;
}

/** The single characters the query ends with, from one Han run, as one text: 雅|诗 → 雅诗. */
function tailOf(terms: QueryTerm[], last: QueryTerm): QueryTerm['tail'] {
  if (last.run === undefined) return undefined;
  let count = 0;
  for (let i = terms.length - 1; i >= 0; i--) {
    const term = terms[i]!;
    if (term.run !== last.run || term.text.length !== 1) break;
    count++;
  }
  if (count < 2) return undefined;
  return { text: terms.slice(-count).reduce((text, t) => text + t.text, ''), count };
}

/**
 * The longest inner words from left to right, when they cover the word without single characters:
 * 男士洗面奶 → 男士 + 洗面奶, but not 洗面奶 → 洗面 + 奶 (a lone 奶 matches too much, and outranks).
 */
function cover(word: string, inner: string[]): string[] {
  if (word.length < 4 || inner.length === 0) return [];
  const parts: string[] = [];
  let at = 0;
  while (at < word.length) {
    let best = '';
    for (const w of inner) if (w.length > best.length && word.startsWith(w, at)) best = w;
    if (best.length < 2) return [];
    parts.push(best);
    at += best.length;
  }
  return parts;
}

/**
 * The last term matches as a prefix only from two characters, or one Han character: a single letter
 * or digit would match a large part of the catalog (and FTS5 keeps no 1-character prefix index).
 */
export function prefixable(term: QueryTerm): boolean {
  return term.kind === 'han' || term.text.length >= 2;
}

/** An FTS5 string literal: the only syntax user text ever reaches. */
export function literal(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

export interface ExpressionOptions {
  typos?: TypoIndex | undefined;
  prefixLast: boolean;
}

/**
 * Terms AND-ed; each term the OR of its forms: the word (a prefix when last), its typo variants,
 * its parts together. Pieces typed as one model number (g20, a7m4, mate60) match as a phrase, so
 * they are found however the listing spaces them (G 20, A7 M4) but not scattered over it.
 */
export function expression(terms: QueryTerm[], options: ExpressionOptions): string | null {
  if (terms.length === 0) return null;
  const clauses: string[] = [];
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    let end = i;
    while (terms[end + 1]?.adjoins) end++;
    if (end > i) {
      const group = terms.slice(i, end + 1);
      const star = end === terms.length - 1 && options.prefixLast && prefixable(terms[end]!) ? ' *' : '';
      // Also with run-together words split as the catalog writes them (iphone15promax → … pro max).
      const split = group.map(
        (t) => (t.kind === 'latin' && options.typos?.split(t.text)?.join(' ')) || t.text,
      );
      const forms = [...new Set([group.map((t) => t.text).join(' '), split.join(' ')])].map(
        (text) => `${literal(text)}${star}`,
      );
      clauses.push(forms.length === 1 ? forms[0]! : `(${forms.join(' OR ')})`);
      i = end;
      continue;
    }
    const prefix = options.prefixLast && i === terms.length - 1 && prefixable(term);
    const forms = [prefix ? `${literal(term.text)} *` : literal(term.text)];
    if (term.kind === 'latin' && options.typos) {
      for (const variant of options.typos.variants(term.text))
        if (variant !== term.text) forms.push(literal(variant));
      const pieces = options.typos.split(term.text);
      if (pieces) forms.push(literal(pieces.join(' ')));
    }
    if (term.parts.length > 1) forms.push(`(${term.parts.map(literal).join(' AND ')})`);
    clauses.push(forms.length === 1 ? forms[0]! : `(${forms.join(' OR ')})`);
  }
  const tail = options.prefixLast ? terms[terms.length - 1]?.tail : undefined;
  if (tail) {
    const apart = clauses.splice(clauses.length - tail.count).join(' AND ');
    clauses.push(`((${apart}) OR ${literal(tail.text)} *)`);
  }
  return clauses.join(' AND ');
}
