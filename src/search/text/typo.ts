/**
 * Typo tolerance for Latin words, Meilisearch's rules: no typo under 5 letters, one from 5, two from 9,
 * and a typo on the first letter counts as two. A typo is an insertion, deletion, substitution or swap
 * of two neighbours (optimal string alignment). Words keeping the first letter are found by walking
 * that letter's part of the sorted vocabulary as an implicit trie: words sharing a prefix share its
 * distance rows (only the band of width 2·typos + 1 that can stay within the limit), and a prefix
 * already too far skips every word that starts with it. The few words one first-letter typo away are
 * looked up directly.
 */

export interface TypoIndex {
  /** Vocabulary words within the typos `word` allows, itself included when known, closest first. */
  variants(word: string): string[];
  /**
   * A run-together Latin word as up to three indexed words (promax → pro max, galaxyzflip →
   * galaxy z flip), when the whole is not indexed; null when no such split exists.
   */
  split(word: string): string[] | null;
}

const LATIN = /^[a-z]+$/;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const MAX_LENGTH = 32;
const MAX_VARIANTS = 20;
/** Answers kept per index: a query's words come back for its highlights and its next page. */
const MEMO_LIMIT = 1_000;

/** How many typos a query word of this many letters may have. */
export function allowedTypos(length: number): number {
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

export function createTypoIndex(words: Iterable<string>): TypoIndex {
  const known = new Set<string>();
  const short = new Set<string>();
  for (const word of words) {
    if (word.length >= 3 && word.length <= MAX_LENGTH && LATIN.test(word)) known.add(word);
    else if (word.length < 3 && LATIN.test(word)) short.add(word);
  }
  const indexed = (w: string) => known.has(w) || short.has(w);
  const sorted = [...known].sort();
  const lcp = new Uint8Array(sorted.length);
  for (let i = 1; i < sorted.length; i++) lcp[i] = commonPrefix(sorted[i - 1]!, sorted[i]!);
  const memo = new Map<string, string[]>();
  const lookup = (word: string): string[] => {
    const typos = allowedTypos(word.length);
    if (typos === 0 || word.length > MAX_LENGTH || !LATIN.test(word)) return known.has(word) ? [word] : [];
    const first = word[0]!;
    const from = lowerBound(sorted, first);
    const found = walk(sorted, lcp, from, upperBound(sorted, first), word, typos);
    if (typos >= 2) {
      for (const variant of firstLetterTypos(word)) {
        if (known.has(variant) && !found.has(variant)) found.set(variant, 2);
      }
    }
    return closest(found, word.length);
  };
  const splits = new Map<string, string[] | null>();
  /** Fewest pieces, each indexed, at least one of three letters or more. */
  const splitOf = (word: string, depth: number): string[] | null => {
    if (indexed(word)) return [word];
    if (depth === 1) return null;
    let best: string[] | null = null;
    for (let i = word.length - 1; i >= 1; i--) {
      const head = word.slice(0, i);
      if (!indexed(head)) continue;
      const rest = splitOf(word.slice(i), depth - 1);
      if (rest && (!best || rest.length + 1 < best.length)) best = [head, ...rest];
    }
    return best;
  };
  return {
    split(word) {
      if (!splits.has(word)) {
        const pieces = word.length >= 4 && LATIN.test(word) && !indexed(word) ? splitOf(word, 3) : null;
        splits.set(word, pieces && pieces.length > 1 && pieces.some((p) => p.length >= 3) ? pieces : null);
      }
      return splits.get(word) ?? null;
    },
    variants(word) {
      let result = memo.get(word);
      if (!result) {
        result = lookup(word);
        if (memo.size >= MEMO_LIMIT) memo.clear();
        memo.set(word, result);
      }
      return result;
    },
  };
}

/** The words one typo on the first letter away (changed, dropped, inserted before, swapped with the second). */
function firstLetterTypos(word: string): string[] {
  const rest = word.slice(1);
  const out = [rest, word[1]! + word[0]! + word.slice(2)];
  for (const c of LETTERS) if (c !== word[0]) out.push(c + rest, c + word);
  return out;
}

function closest(found: Map<string, number>, length: number): string[] {
  return [...found]
    .sort(
      ([a, da], [b, db]) =>
        da - db || Math.abs(a.length - length) - Math.abs(b.length - length) || (a < b ? -1 : a > b ? 1 : 0),
    )
    .slice(0, MAX_VARIANTS)
    .map(([w]) => w);
}

/** First index whose word is not before `key`. */
function lowerBound(words: string[], key: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((words[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose word starts after `letter`. */
function upperBound(words: string[], letter: string): number {
  return lowerBound(words, String.fromCharCode(letter.charCodeAt(0) + 1));
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * The words in [from, to) within `max` typos of `query`, with their distances. `lcp[i]` is how many
 * letters words i - 1 and i share, so neither reusing rows nor skipping a pruned prefix reads a word.
 */
function walk(
  words: string[],
  lcp: Uint8Array,
  from: number,
  to: number,
  query: string,
  max: number,
): Map<string, number> {
  const n = query.length;
  const width = n + 1;
  const rows = new Int32Array((MAX_LENGTH + 1) * width);
  for (let j = 0; j <= n; j++) rows[j] = j;
  const found = new Map<string, number>();
  let valid = 0;
  let shared = 0;
  let i = from;
  while (i < to) {
    const word = words[i] as string;
    let depth = Math.min(valid, shared);
    let pruned = 0;
    for (; depth < word.length; depth++) {
      const c = word.charCodeAt(depth);
      const before = depth > 0 ? word.charCodeAt(depth - 1) : -1;
      const r = depth + 1;
      const cur = r * width;
      const up = depth * width;
      const up2 = (depth - 1) * width;
      const lo = Math.max(1, r - max);
      const hi = Math.min(n, r + max);
      rows[cur] = r;
      rows[cur + lo - 1] = lo === 1 ? r : max + 1;
      if (hi < n) rows[cur + hi + 1] = max + 1;
      let min = max + 1;
      for (let j = lo; j <= hi; j++) {
        const q = query.charCodeAt(j - 1);
        let v = Math.min(rows[up + j]! + 1, rows[cur + j - 1]! + 1, rows[up + j - 1]! + (q === c ? 0 : 1));
        if (j > 1 && depth > 0 && c === query.charCodeAt(j - 2) && before === q)
          v = Math.min(v, rows[up2 + j - 2]! + 1);
        rows[cur + j] = v;
        if (v < min) min = v;
      }
      if (min > max) {
        pruned = r;
        break;
      }
    }
    if (pruned > 0) {
      valid = pruned;
      i++;
      while (i < to && lcp[i]! >= pruned) i++;
    } else {
      valid = word.length;
      if (Math.abs(word.length - n) <= max) {
        const distance = rows[word.length * width + n]!;
        if (distance <= max) found.set(word, distance);
      }
      i++;
    }
    shared = i < to ? lcp[i]! : 0;
  }
  return found;
}
