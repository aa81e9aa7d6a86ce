/** Text normalisation shared by indexing, querying and highlighting: NFKC, lower case, traditional → simplified, one space. */
import { Converter, Locale } from 'opencc-js/t2cn';

type Convert = (text: string) => string;

let convert: Convert | undefined;
/**
 * 1 for each BMP character that converts on its own (電 → 电, not the tw variant 群 → 羣 → 群). Text
 * with none of them is already simplified and skips the converter, whose phrase rules could touch it.
 */
let traditional: Uint8Array | undefined;

function converter(): Convert {
  convert ??= Converter({ from: 'tw', to: 'cn' });
  return convert;
}

/** The single-character entries of a dictionary group list: source → target. */
function characterMap(groups: readonly (readonly (string | readonly (readonly [string, string])[])[])[]) {
  const map = new Map<string, string>();
  for (const group of groups) {
    for (const dict of group) {
      const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ')) : dict;
      for (const [source, target] of entries) if (source?.length === 1 && target) map.set(source, target);
    }
  }
  return map;
}

function traditionalTable(): Uint8Array {
  if (traditional) return traditional;
  const table = new Uint8Array(0x10000);
  const variants = characterMap(Locale.from.tw ?? []);
  const simplified = characterMap(Locale.to.cn ?? []);
  for (const source of new Set([...variants.keys(), ...simplified.keys()])) {
    const standard = variants.get(source) ?? source;
    if ((simplified.get(standard) ?? standard) !== source) table[source.charCodeAt(0)] = 1;
  }
  traditional = table;
  return table;
}

/** Simplified Chinese for `text`; the converter only runs for a character that needs it (or a rare CJK extension one). */
export function toSimplified(text: string): string {
  const table = traditionalTable();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x3400 && (table[code] === 1 || (code >= 0xd840 && code <= 0xd8bf))) return converter()(text);
  }
  return text;
}

const SPACES = /\s+/g;

export function normalize(text: string): string {
  return toSimplified(text.normalize('NFKC').toLowerCase()).replace(SPACES, ' ').trim();
}

export interface NormalizedChars {
  text: string;
  /**
   * For each UTF-16 unit of `text`, the index in the source of the character it came from, plus
   * one last entry: where the source's last kept character ends.
   */
  map: number[];
}

const MARK = /\p{M}/u;
const SPACE = /^\s+$/;

/** Printable ASCII and the common CJK ideographs, which NFKC leaves as they are (so only case needs folding). */
function stable(code: number): boolean {
  return (code >= 0x21 && code <= 0x7e) || (code >= 0x4e00 && code <= 0x9fff);
}

/** `normalize`, one source character at a time, keeping where each output character came from. */
export function normalizeChars(source: string): NormalizedChars {
  let text = '';
  const map: number[] = [];
  let end = 0;
  let i = 0;
  while (i < source.length) {
    const start = i;
    const code = source.charCodeAt(i);
    i += (source.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    while (i < source.length && MARK.test(source[i] ?? '')) i++;
    const piece =
      i === start + 1 && stable(code)
        ? code >= 0x41 && code <= 0x5a
          ? String.fromCharCode(code + 32)
          : source[start]!
        : source.slice(start, i).normalize('NFKC').toLowerCase();
    if (SPACE.test(piece)) {
      if (text && !text.endsWith(' ')) {
        text += ' ';
        map.push(start);
      }
      continue;
    }
    const pieceText = piece.replace(SPACES, ' ');
    for (let k = 0; k < pieceText.length; k++) map.push(start);
    text += pieceText;
    end = i;
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    map.pop();
  }
  const simplified = toSimplified(text);
  if (simplified !== text)
    text = simplified.length === text.length ? simplified : realign(text, simplified, map);
  map.push(end);
  return { text, map };
}

/** Maps code point k of `converted` to the source of code point k of `original` (OpenCC keeps the count). */
function realign(original: string, converted: string, map: number[]): string {
  const from = Array.from(original);
  const to = Array.from(converted);
  if (from.length !== to.length) return original;
  const next: number[] = [];
  let unit = 0;
  for (let k = 0; k < to.length; k++) {
    const source = map[unit] ?? 0;
    for (let u = 0; u < (to[k] ?? '').length; u++) next.push(source);
    unit += (from[k] ?? '').length;
  }
  map.length = 0;
  map.push(...next);
  return converted;
}
