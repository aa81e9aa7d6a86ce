/** Han runs segmented into words (whole words and the shorter words inside them), with their pinyin, cached per run. */
import { pinyinOf } from './pinyin';
import type { Segmenter } from './segmenter';

export interface HanRun {
  /** `cut`'s words, in order; they concatenate to the run. */
  words: string[];
  /** The dictionary words inside each of `words` (`cutForSearch`'s extras), same order. */
  inner: string[][];
  /** Everything to index: each word after its inner words and the characters they leave out. */
  search: string[];
  /** Pinyin tokens for the py column, computed on first use. */
  py?: string[];
  spans?: PinyinSpan[];
}

/** A word of a run (offsets in the run) and its pinyin. */
export interface PinyinSpan {
  start: number;
  end: number;
  full: string;
  initials: string;
}

const CACHE_LIMIT = 20_000;
const CACHEABLE_LENGTH = 48;

export interface HanSegmenter {
  /** The runs' segmentations, in order; one call to the segmenter for all the runs not cached. */
  segment(runs: string[]): HanRun[];
  /** The run's pinyin tokens: full and initials of each word, and of each pair of neighbouring words. */
  pinyin(run: HanRun): string[];
  /** The run's words and inner words with their places and pinyin. */
  spans(run: HanRun): PinyinSpan[];
}

export function createHanSegmenter(segmenter: Segmenter): HanSegmenter {
  const cache = new Map<string, HanRun>();

  function remember(run: string, result: HanRun) {
    if (run.length > CACHEABLE_LENGTH) return;
    if (cache.size >= CACHE_LIMIT) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(run, result);
  }

  function segment(runs: string[]): HanRun[] {
    const out: HanRun[] = new Array(runs.length);
    const missing: number[] = [];
    for (let i = 0; i < runs.length; i++) {
      const hit = cache.get(runs[i]!);
      if (hit) out[i] = hit;
      else missing.push(i);
    }
    if (missing.length === 0) return out;
    const text = missing.map((i) => runs[i]).join(' ');
    const cut = split(segmenter.cut(text));
    const search = split(segmenter.cutForSearch(text));
    for (let m = 0; m < missing.length; m++) {
      const i = missing[m]!;
      const result = group(cut[m] ?? [], search[m] ?? []);
      out[i] = result;
      remember(runs[i]!, result);
    }
    return out;
  }

  return { segment, pinyin: runPinyin, spans: spansOf };
}

/** The segmenter's words for `a b c`, split back into one list per run at the spaces. */
function split(words: string[]): string[][] {
  const lists: string[][] = [[]];
  for (const word of words) {
    if (word === ' ') lists.push([]);
    else if (word.trim()) lists[lists.length - 1]!.push(word);
  }
  return lists;
}

/**
 * `cutForSearch` is `cut` with each long word's inner words first: attribute them to their word. The
 * index also gets the characters of a compound of four or more that its inner words leave out, so that
 * 压缩袋, typed as 压缩 + 袋, still finds 真空压缩袋 (inner words 真空, 压缩); a word with no inner
 * word (雅诗兰黛) stays whole, and so does a short one (洗面奶, not 洗面 + 奶).
 */
function group(words: string[], search: string[]): HanRun {
  const inner: string[][] = words.map(() => []);
  let w = 0;
  for (const token of search) {
    if (token === words[w]) w++;
    else if (w < words.length) inner[w]!.push(token);
  }
  const all: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const word = words[k]!;
    all.push(...inner[k]!);
    if (word.length >= 4 && inner[k]!.length > 0) all.push(...uncovered(word, inner[k]!));
    all.push(word);
  }
  return { words, inner, search: all };
}

function uncovered(word: string, inner: string[]): string[] {
  const covered = new Uint8Array(word.length);
  for (const w of inner) {
    const at = word.indexOf(w);
    if (at >= 0) covered.fill(1, at, at + w.length);
  }
  const singles: string[] = [];
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (covered[i] === 0 && (code < 0xd800 || code > 0xdfff)) singles.push(word[i]!);
  }
  return singles;
}

/** Where each word and inner word of the run is, with its pinyin (an inner word's is a slice of its word's). */
function spansOf(run: HanRun): PinyinSpan[] {
  if (run.spans) return run.spans;
  const spans: PinyinSpan[] = [];
  let at = 0;
  for (let k = 0; k < run.words.length; k++) {
    const word = run.words[k]!;
    const p = pinyinOf(word);
    if (p && p.syllables.length === word.length) {
      spans.push({ start: at, end: at + word.length, full: p.full, initials: p.initials });
      for (const inner of run.inner[k]!) {
        const offset = word.indexOf(inner);
        if (offset < 0) continue;
        const syllables = p.syllables.slice(offset, offset + inner.length);
        const initials = syllables.map((s) => s[0]).join('');
        spans.push({
          start: at + offset,
          end: at + offset + inner.length,
          full: syllables.join(''),
          initials,
        });
      }
    }
    at += word.length;
  }
  run.spans = spans;
  return spans;
}

/** Full pinyin and initials of each word and inner word, and of each two that follow one another: 电脑 + 包. */
function runPinyin(run: HanRun): string[] {
  if (run.py) return run.py;
  const spans = spansOf(run);
  const tokens = new Set<string>();
  for (const a of spans) {
    tokens.add(a.full);
    if (a.end - a.start > 1) tokens.add(a.initials);
    for (const b of spans) {
      if (b.start !== a.end) continue;
      tokens.add(a.full + b.full);
      tokens.add(a.initials + b.initials);
    }
  }
  run.py = [...tokens];
  return run.py;
}
