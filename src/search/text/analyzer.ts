/** The text pipeline of the embedded engine: the same analysis of documents at index time and of queries at search time. */
import { createHanSegmenter, type HanRun } from './han';
import { highlightTitle } from './highlight';
import { normalize } from './normalize';
import { expression, MAX_QUERY_LENGTH, queryTerms } from './query';
import { type ScanSink, scan } from './scan';
import { brandSynonyms, type Segmenter } from './segmenter';
import type { TypoIndex } from './typo';

export interface IndexColumns {
  title: string;
  brand: string;
  body: string;
  py: string;
}

export interface MatchOptions {
  /** Typo variants of Latin words, from the index's own vocabulary. */
  typos?: TypoIndex;
  /** The last term matches as a prefix (search as you type); default true, and off after a trailing space. */
  prefixLast?: boolean;
}

export interface IndexDoc {
  title: string;
  brand?: string | null;
  body?: string | null;
  tags?: string[];
}

export interface Analyzer {
  normalize(text: string): string;
  /** Space-separated analysed tokens for each FTS column of one document. */
  indexColumns(doc: IndexDoc): IndexColumns;
  /** The FTS5 MATCH expression for a shopper's query, or null when nothing in it is searchable. */
  matchExpression(q: string, options?: MatchOptions): string | null;
  /** The query's normalised terms (for logging popular queries and suggestions). */
  terms(q: string): string[];
  /** `title` HTML-escaped, with the parts matching the query wrapped in <em>…</em>. */
  highlight(title: string, q: string, options?: MatchOptions): string;
}

const TRAILING_SPACE = /\s$/;

export function createAnalyzer(segmenter: Segmenter): Analyzer {
  const han = createHanSegmenter(segmenter);
  const synonyms = brandSynonyms(normalize);
  /** The brand as sent, with its other name when the marketplace knows the brand. */
  const brandText = (brand: string) => {
    const other = brand ? synonyms.get(normalize(brand)) : undefined;
    return other ? `${brand} ${other}` : brand;
  };

  /** Collects one document's tokens per column; Han runs are placeholders until all are segmented at once. */
  const runs: string[] = [];
  let plan: (string | number)[] = [];
  const sink: ScanSink = {
    piece: (text) => plan.push(text),
    joined: (text) => plan.push(text),
    han: (run) => {
      plan.push(runs.length);
      runs.push(run);
    },
  };

  function planOf(text: string): (string | number)[] {
    plan = [];
    if (text) scan(normalize(text), sink);
    return plan;
  }

  function render(columnPlan: (string | number)[], segmented: HanRun[]): string {
    const tokens: string[] = [];
    for (const item of columnPlan) {
      if (typeof item === 'string') tokens.push(item);
      else tokens.push(...segmented[item]!.search);
    }
    return tokens.join(' ');
  }

  function indexColumns(doc: IndexDoc): IndexColumns {
    runs.length = 0;
    const title = planOf(doc.title);
    const brand = planOf(brandText(doc.brand ?? ''));
    const tags = doc.tags?.length ? doc.tags.join('\n') : '';
    const body = planOf(doc.body ? (tags ? `${doc.body}\n${tags}` : doc.body) : tags);
    const segmented = runs.length > 0 ? han.segment(runs) : [];
    const py = new Set<string>();
    for (const item of [...title, ...brand]) {
      if (typeof item === 'number') for (const token of han.pinyin(segmented[item]!)) py.add(token);
    }
    return {
      title: render(title, segmented),
      brand: render(brand, segmented),
      body: render(body, segmented),
      py: [...py].join(' '),
    };
  }

  function termsOf(q: string) {
    return queryTerms(normalize(q.length > MAX_QUERY_LENGTH ? q.slice(0, MAX_QUERY_LENGTH) : q), han);
  }

  const prefixLast = (q: string, options?: MatchOptions) =>
    (options?.prefixLast ?? true) && !TRAILING_SPACE.test(q);

  return {
    normalize,
    indexColumns,
    matchExpression: (q, options) =>
      expression(termsOf(q), { typos: options?.typos, prefixLast: prefixLast(q, options) }),
    terms: (q) => termsOf(q).map((t) => t.text),
    highlight: (title, q, options) =>
      highlightTitle(title, termsOf(q), han, { typos: options?.typos, prefixLast: prefixLast(q, options) }),
  };
}
