/** Search-as-you-type: popular queries, brands (also by pinyin) and product titles that complete a prefix. */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Suggestion } from '../engine';
import type { Analyzer } from '../text/analyzer';
import { pinyinOf } from '../text/pinyin';
import type { Vocabulary } from './vocabulary';

const brandKeys = new Map<string, string[]>();

/** The ways a shopper may start typing a brand: its name, its pinyin, its initials. */
function keysOf(brand: string, analyzer: Analyzer): string[] {
  let keys = brandKeys.get(brand);
  if (!keys) {
    const name = analyzer.normalize(brand);
    const han = name.replace(/[^\u4e00-\u9fff]/g, '');
    keys = [name, ...name.split(' ').slice(1)];
    const reading = han ? pinyinOf(han) : null;
    if (reading) keys.push(reading.full, reading.initials);
    if (brandKeys.size > 20_000) brandKeys.clear();
    brandKeys.set(brand, keys);
  }
  return keys;
}

export async function suggestions(
  db: Db,
  analyzer: Analyzer,
  vocabulary: Vocabulary,
  prefix: string,
  limit: number,
): Promise<Suggestion[]> {
  const p = analyzer.normalize(prefix).trim();
  if (!p) return [];
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (text: string, type: Suggestion['type']) => {
    const key = analyzer.normalize(text);
    if (out.length < limit && !seen.has(key)) {
      seen.add(key);
      out.push({ text, type });
    }
  };

  const popular = await sql<{
    q: string;
  }>`SELECT q FROM search_queries WHERE q >= ${p} AND q < ${`${p}\uffff`}
    ORDER BY score DESC LIMIT ${limit}`.execute(db.kysely);
  for (const r of popular.rows) add(r.q, 'query');

  const compact = p.replaceAll(' ', '');
  for (const { brand } of await vocabulary.brands()) {
    if (keysOf(brand, analyzer).some((k) => k.startsWith(p) || k.startsWith(compact))) add(brand, 'brand');
  }

  const match = analyzer.matchExpression(prefix, { prefixLast: true });
  if (match && out.length < limit) {
    const titles = await sql<{ title: string }>`SELECT c.title AS title FROM product_fts
      JOIN products c ON c.rowid = product_fts.rowid JOIN stores s ON s.id = c.store_id
      WHERE product_fts MATCH ${match} AND s.status = 'approved' AND c.status = 'active' AND c.taken_down_at IS NULL
      ORDER BY bm25(product_fts, 10.0, 6.0, 1.0, 2.5) LIMIT ${limit * 2}`.execute(db.kysely);
    for (const r of titles.rows) add(r.title.length > 40 ? r.title.slice(0, 40) : r.title, 'product');
  }
  return out;
}
