/** Arbitrary input never becomes FTS5 syntax: every expression is null or accepted by SQLite. */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer';
import { createNodeSegmenter } from './jieba-node';
import { createTypoIndex, type TypoIndex } from './typo';

const analyzer = createAnalyzer(createNodeSegmenter());
const migration = readFileSync(new URL('../../../migrations/0002_search.sql', import.meta.url), 'utf8');

let db: Database.Database;
let typos: TypoIndex;
let run: (match: string) => unknown[];

beforeAll(() => {
  db = new Database(':memory:');
  db.exec(migration.match(/CREATE VIRTUAL TABLE product_fts USING fts5\([^;]*\);/)?.[0] ?? '');
  const insert = db.prepare('INSERT INTO product_fts (rowid, title, brand, body, py) VALUES (?, ?, ?, ?, ?)');
  const titles = [
    '华为 Mate 60 Pro',
    '男士洗面奶 控油',
    'Nintendo Switch',
    "Levi's 501",
    '电脑包 NEAR OR AND NOT',
  ];
  titles.forEach((title, i) => {
    const c = analyzer.indexColumns({ title, brand: 'x', body: title });
    insert.run(i + 1, c.title, c.brand, c.body, c.py);
  });
  typos = createTypoIndex(['nintendo', 'switch', 'levis', 'huawei', 'near', 'notebook']);
  const select = db.prepare('SELECT rowid FROM product_fts WHERE product_fts MATCH ?');
  run = (match) => select.all(match);
});

const specials = fc.constantFrom(
  'OR',
  'AND',
  'NOT',
  'NEAR(',
  'NEAR',
  ')',
  '(',
  '"',
  '""',
  "'",
  '*',
  '^',
  '-',
  '+',
  ':',
  '{title}',
  'title:',
  '{title brand}:',
  'py:',
  ',',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u2028',
  '\ud83c\udf89',
  '\ud800',
  '\udc00',
  '\u0301',
  '\ufeff',
  '\u200b',
  '電腦包',
  'ＭＡＴＥ６０',
  'nintendoo',
  'mate60',
  'a',
  ' ',
  '\t\n',
);

const queries = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.array(fc.oneof(specials, fc.string({ maxLength: 4 })), { maxLength: 20 }).map((parts) => parts.join('')),
  fc.array(specials, { maxLength: 20 }).map((parts) => parts.join(' ')),
);

function expectValid(q: string, options: { prefixLast?: boolean; withTypos?: boolean }) {
  const match = analyzer.matchExpression(q, {
    prefixLast: options.prefixLast ?? true,
    ...(options.withTypos ? { typos } : {}),
  });
  if (match !== null) {
    expect(typeof match).toBe('string');
    expect(() => run(match)).not.toThrow();
  }
}

describe('matchExpression on arbitrary input', () => {
  it('returns null or an expression SQLite accepts', () => {
    fc.assert(
      fc.property(queries, fc.boolean(), fc.boolean(), (q, prefixLast, withTypos) => {
        expectValid(q, { prefixLast, withTypos });
      }),
      { numRuns: 1500 },
    );
  });

  it('copes with very long input and many terms', () => {
    for (const q of [
      'a'.repeat(5000),
      '电脑包'.repeat(2000),
      'OR '.repeat(2000),
      '"'.repeat(5000),
      'NEAR('.repeat(1000),
      Array.from({ length: 2000 }, (_, i) => `w${i}`).join(' '),
      '\ud83c\udf89'.repeat(2500),
    ]) {
      expectValid(q, { withTypos: true });
      const match = analyzer.matchExpression(q);
      expect(match === null || match.length < 2000).toBe(true);
    }
  });

  it('analyses arbitrary documents into text FTS5 accepts', () => {
    const insert = db.prepare(
      'INSERT INTO product_fts (rowid, title, brand, body, py) VALUES (?, ?, ?, ?, ?)',
    );
    let rowid = 1000;
    fc.assert(
      fc.property(queries, queries, fc.array(queries, { maxLength: 3 }), (title, body, tags) => {
        const c = analyzer.indexColumns({ title, brand: title, body, tags });
        for (const column of [c.title, c.brand, c.body, c.py]) expect(typeof column).toBe('string');
        insert.run(++rowid, c.title, c.brand, c.body, c.py);
        expect(typeof analyzer.highlight(title, body)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });
});
