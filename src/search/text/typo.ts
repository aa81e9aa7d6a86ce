/**
 * Typo tolerance for Latin words, Meilisearch's rule: no typo under 5 letters, one from 5, two from 9.
 * A typo is an insertion, deletion, substitution or swap of two neighbours (optimal string alignment).
 * The vocabulary is a sorted array walked as an implicit trie: words sharing a prefix share its
 * distance rows, and a prefix already too far from the query skips every word that starts with it.
 */

export interface TypoIndex {
  /** Vocabulary words within the typos `word` allows, itself included when known, closest first. */
  variants(word: string): string[];
}

const LATIN = /^[a-z]+$/;
const MAX_LENGTH = 32;
const MAX_VARIANTS = 20;

/** How many typos a query word of this many letters may have. */
export function allowedTypos(length: number): number {
  return length < 5 ? 0 : length < 9 ? 1 : 2;
}

export function createTypoIndex(words: Iterable<string>): TypoIndex {
  const known = new Set<string>();
  for (const word of words)
    if (word.length >= 3 && word.length <= MAX_LENGTH && LATIN.test(word)) known.add(word);
  const sorted = [...known].sort();
  return {
    variants(word) {
      const typos = allowedTypos(word.length);
      if (typos === 0 || word.length > MAX_LENGTH || !LATIN.test(word)) return known.has(word) ? [word] : [];
      return search(sorted, word, typos);
    },
  };
}

/** First index at or after `from` whose word does not start with `prefix`. */
function skipPrefix(words: string[], prefix: string, from: number): number {
  let lo = from;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((words[mid] as string).startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function search(words: string[], query: string, max: number): string[] {
  const n = query.length;
  const width = n + 1;
  const rows = new Int32Array((MAX_LENGTH + 1) * width);
  for (let j = 0; j <= n; j++) rows[j] = j;
  const found: { word: string; distance: number }[] = [];
  let previous = '';
  let valid = 0;
  let i = 0;
  while (i < words.length) {
    const word = words[i] as string;
    let depth = 0;
    const shared = Math.min(valid, word.length);
    while (depth < shared && word.charCodeAt(depth) === previous.charCodeAt(depth)) depth++;
    let pruned = 0;
    for (; depth < word.length; depth++) {
      const c = word.charCodeAt(depth);
      const before = depth > 0 ? word.charCodeAt(depth - 1) : -1;
      const cur = (depth + 1) * width;
      const up = depth * width;
      const up2 = (depth - 1) * width;
      let min = depth + 1;
      rows[cur] = min;
      for (let j = 1; j <= n; j++) {
        const q = query.charCodeAt(j - 1);
        let v = Math.min(rows[up + j]! + 1, rows[cur + j - 1]! + 1, rows[up + j - 1]! + (q === c ? 0 : 1));
        if (j > 1 && depth > 0 && c === query.charCodeAt(j - 2) && before === q)
          v = Math.min(v, rows[up2 + j - 2]! + 1);
        rows[cur + j] = v;
        if (v < min) min = v;
      }
      if (min > max) {
        pruned = depth + 1;
        break;
      }
    }
    previous = word;
    if (pruned > 0) {
      valid = pruned;
      i = skipPrefix(words, word.slice(0, pruned), i + 1);
      continue;
    }
    valid = word.length;
    const distance = rows[word.length * width + n]!;
    if (distance <= max) found.push({ word, distance });
    i++;
  }
  found.sort(
    (a, b) =>
      a.distance - b.distance ||
      Math.abs(a.word.length - n) - Math.abs(b.word.length - n) ||
      (a.word < b.word ? -1 : a.word > b.word ? 1 : 0),
  );
  return found.slice(0, MAX_VARIANTS).map((f) => f.word);
}
