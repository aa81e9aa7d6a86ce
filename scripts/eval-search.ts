/**
 * `npm run eval:search`: precision@10 of the embedded engine on labelled queries built from the
 * seed corpus, by kind of query (simplified, traditional, pinyin, compound, spaced, brands, …).
 * Relevance is judged from the catalog itself: a product is relevant when its title (or, for a
 * brand query, its brand) contains what the query means, ignoring case, width and spacing.
 */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { manualClock } from '../src/clock';
import { openSqlite } from '../src/db/sqlite';
import { createEmbeddedEngine } from '../src/search/embedded/engine';
import { nodeAnalyzer } from '../src/search/text/node-analyzer';
import { createRandom } from '../src/seed/corpus';
import { loadCorpus } from '../src/seed/load';
import { brands, vocabulary } from '../src/seed/vocabulary';

const PER_KIND = 40;
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

interface Labelled {
  kind: string;
  q: string;
  relevant: (p: { title: string; brand: string }) => boolean;
}

function queries(): Labelled[] {
  const rand = createRandom(7);
  const kinds = Object.values(vocabulary).flatMap((c) => c.kinds);
  const nouns = [...new Set(kinds.flatMap((k) => k.nouns))];
  const titleHas = (w: string) => (p: { title: string }) => fold(p.title).includes(fold(w));
  const out: Labelled[] = [];
  for (const n of nouns) {
    out.push({ kind: n.length === 2 ? 'simplified (2-char)' : 'compound', q: n, relevant: titleHas(n) });
    const trad = toTraditional(n);
    if (trad !== n) out.push({ kind: 'traditional', q: trad, relevant: titleHas(n) });
    out.push({
      kind: 'pinyin',
      q: pinyin(n, { toneType: 'none', type: 'array' }).join(''),
      relevant: titleHas(n),
    });
    if (n.length === 4) {
      out.push({
        kind: 'spaced',
        q: `${n.slice(0, 2)} ${n.slice(2)}`,
        relevant: (p) => titleHas(n.slice(0, 2))(p) && titleHas(n.slice(2))(p),
      });
    }
  }
  for (const [name, alias] of brands) {
    const isBrand = (p: { brand: string; title: string }) =>
      p.brand === name || fold(p.title).includes(fold(name));
    out.push({
      kind: /[\u4e00-\u9fff]/.test(name) ? 'brand (Chinese)' : 'brand (Latin)',
      q: name,
      relevant: isBrand,
    });
    if (alias && /^[A-Za-z][A-Za-z' -]+$/.test(alias)) {
      out.push({ kind: 'brand (Latin)', q: alias, relevant: isBrand });
      out.push({ kind: 'full-width', q: fullWidth(alias), relevant: isBrand });
      const words = alias.split(/[\s-]+/);
      const long = words.findIndex((w) => /^[A-Za-z]{5,}$/.test(w));
      if (long >= 0) {
        const w = words[long]!;
        const i = 1 + rand.int(0, w.length - 3);
        const typo = w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
        out.push({
          kind: 'typo',
          q: words.map((x, j) => (j === long ? typo : x)).join(' '),
          relevant: isBrand,
        });
      }
      const at = words.length > 1 && words[0]!.length < 4 ? 1 : 0;
      if (words[at]!.length >= 4) {
        out.push({
          kind: 'prefix',
          q: [...words.slice(0, at), words[at]!.slice(0, 4)].join(' ').toLowerCase(),
          relevant: isBrand,
        });
      }
    }
  }
  for (const k of kinds) {
    for (const models of Object.values(k.models ?? {})) {
      for (const m of models)
        if (/\d/.test(m) && /[A-Za-z]/.test(m))
          out.push({ kind: 'model number', q: fold(m), relevant: titleHas(m) });
    }
  }
  return out;
}

const clock = manualClock(new Date('2026-11-01T00:00:00Z'));
const db = openSqlite(':memory:');
const engine = createEmbeddedEngine({ db, clock, analyzer: nodeAnalyzer() });
const stores = Number(process.env.EVAL_STORES ?? 150);
await loadCorpus({ db, clock, search: engine }, { seed: 11, stores, productsPerStore: 80, postsPerStore: 0 });
const visible = await db.kysely
  .selectFrom('products as c')
  .innerJoin('stores as s', 's.id', 'c.store_id')
  .select(['c.id', 'c.title', 'c.brand'])
  .where('s.status', '=', 'approved')
  .where('c.status', '=', 'active')
  .execute();

const byKind = new Map<string, { p: number[]; worst: { q: string; p: number } | null }>();
for (const item of queries()) {
  const relevant = new Set(
    visible.filter((p) => item.relevant({ title: p.title, brand: p.brand ?? '' })).map((p) => p.id),
  );
  if (relevant.size === 0) continue;
  const entry = byKind.get(item.kind) ?? { p: [], worst: null };
  if (entry.p.length >= PER_KIND) continue;
  const result = await engine.search({
    type: 'product',
    q: item.q,
    filters: {},
    sort: 'relevance',
    page: 1,
    limit: 10,
    facets: [],
  });
  const p = result.hits.filter((h) => relevant.has(h.id)).length / Math.min(10, relevant.size);
  entry.p.push(p);
  if (!entry.worst || p < entry.worst.p) entry.worst = { q: item.q, p };
  if (process.env.EVAL_VERBOSE === item.kind && p < 1) {
    const titles = await db.kysely
      .selectFrom('products')
      .select(['id', 'title', 'brand'])
      .where('id', 'in', result.hits.map((h) => h.id).concat('-'))
      .execute();
    console.log(
      `${item.q} → ${nodeAnalyzer().matchExpression(item.q)}: P@10 ${p.toFixed(2)}, ${relevant.size} relevant; top: ${titles
        .slice(0, 4)
        .map((r) => `${r.title} [${r.brand}]${relevant.has(r.id) ? ' ✓' : ''}`)
        .join(' | ')}`,
    );
  }
  byKind.set(item.kind, entry);
}

const rows = [...byKind].map(([kind, e]) => ({
  kind,
  queries: e.p.length,
  p10: e.p.reduce((a, b) => a + b, 0) / e.p.length,
  worst: e.worst,
}));
const mean = rows.reduce((a, r) => a + r.p10, 0) / rows.length;
console.log(
  `\nPrecision@10 by kind (embedded engine, ${visible.length} visible products from ${stores} generated stores; denominator min(10, relevant))`,
);
console.log('| kind | queries | P@10 | worst query (P@10) |\n|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.kind} | ${r.queries} | ${r.p10.toFixed(3)} | ${r.worst?.q} (${r.worst?.p.toFixed(2)}) |`,
  );
const ok = mean >= 0.9 && rows.every((r) => r.p10 >= 0.8);
console.log(
  `\nmean of kinds: ${mean.toFixed(3)} (target ≥ 0.9, no kind below 0.8): ${ok ? 'met' : 'NOT met'}`,
);
await db.close();
