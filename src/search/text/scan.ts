/** Splits normalised text into Latin/digit pieces and Han runs, in one pass, without allocating per character. */

const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const HAN = 3;
const JOINER = 4;
const UNKNOWN = 255;

/** Joined compounds longer than this are not indexed as one word. */
const MAX_JOINED = 32;

const table = new Uint8Array(0x10000).fill(UNKNOWN);
const IS_LETTER = /\p{L}/u;
const IS_NUMBER = /\p{N}/u;
const FOLDABLE = /[\u00c0-\u024f\u1e00-\u1eff]/;
const MARKS = /\p{M}+/gu;

function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x323af)
  );
}

function classify(code: number): number {
  if (isHan(code)) return HAN;
  if (code === 0x27 || code === 0x2d || code === 0x2019) return JOINER;
  const char = String.fromCodePoint(code);
  return IS_LETTER.test(char) ? LETTER : IS_NUMBER.test(char) ? DIGIT : OTHER;
}

function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0x80) {
    if (code >= 0x61 && code <= 0x7a) return LETTER;
    if (code >= 0x30 && code <= 0x39) return DIGIT;
    if (code >= 0x41 && code <= 0x5a) return LETTER;
    return code === 0x27 || code === 0x2d ? JOINER : OTHER;
  }
  if (code >= 0xd800 && code <= 0xdbff) {
    const point = text.codePointAt(i) ?? code;
    return point > 0xffff ? classify(point) : OTHER;
  }
  let cls = table[code]!;
  if (cls === UNKNOWN) {
    cls = code >= 0xdc00 && code <= 0xdfff ? OTHER : classify(code);
    table[code] = cls;
  }
  return cls;
}

function widthAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code > 0xdbff) return 1;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/** Latin letters without their diacritics, as FTS5's `remove_diacritics` stores them. */
function fold(piece: string): string {
  return FOLDABLE.test(piece) ? piece.normalize('NFD').replace(MARKS, '') : piece;
}

export interface ScanSink {
  /** A run of letters or of digits; `mate60` gives `mate` then `60`. */
  piece(text: string, start: number, end: number, letters: boolean): void;
  /** The pieces of a compound written with `'` or `-` run together: sk-ii → skii, levi's → levis. */
  joined(text: string, start: number, end: number): void;
  /** A run of Han characters, for the segmenter. */
  han(run: string, start: number): void;
}

export function scan(text: string, sink: ScanSink): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const cls = classAt(text, i);
    if (cls === HAN) {
      let j = i + widthAt(text, i);
      while (j < n && classAt(text, j) === HAN) j += widthAt(text, j);
      sink.han(text.slice(i, j), i);
      i = j;
    } else if (cls === LETTER || cls === DIGIT) {
      i = compound(text, i, sink);
    } else {
      i += widthAt(text, i);
    }
  }
}

function compound(text: string, from: number, sink: ScanSink): number {
  const n = text.length;
  let joined = '';
  let pieces = 0;
  let joiners = false;
  let j = from;
  for (;;) {
    const kind = classAt(text, j);
    let k = j + widthAt(text, j);
    while (k < n && classAt(text, k) === kind) k += widthAt(text, k);
    const piece = fold(text.slice(j, k));
    sink.piece(piece, j, k, kind === LETTER);
    pieces++;
    if (joined.length <= MAX_JOINED) joined += piece;
    j = k;
    if (j >= n) break;
    const next = classAt(text, j);
    if (next === LETTER || next === DIGIT) continue;
    if (next !== JOINER || j + 1 >= n) break;
    const after = classAt(text, j + 1);
    if (after !== LETTER && after !== DIGIT) break;
    joiners = true;
    j++;
  }
  if (joiners && pieces > 1 && joined.length <= MAX_JOINED) sink.joined(joined, from, j);
  return j;
}
