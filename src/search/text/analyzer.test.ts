/** The analyzer against a real FTS5 table built from the migration, with the real jieba segmenter. */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer, type IndexDoc, type MatchOptions } from './analyzer';
import { createNodeSegmenter } from './jieba-node';
import { createTypoIndex, type TypoIndex } from './typo';

const analyzer = createAnalyzer(createNodeSegmenter());

const migration = readFileSync(new URL('../../../migrations/0002_search.sql', import.meta.url), 'utf8');
const createProductFts = migration.match(/CREATE VIRTUAL TABLE product_fts USING fts5\([^;]*\);/)?.[0];

const docs: Record<string, IndexDoc> = {
  mate: { title: 'HUAWEI Mate 60 Pro 5G手机 12GB+512GB 雅川青', brand: '华为', body: '麒麟芯片，卫星通话。' },
  iphone: { title: 'Apple iPhone 15 128GB 国行正品', brand: 'Apple', tags: ['手机'] },
  k380: { title: '罗技 K380 蓝牙键盘 多设备切换 静音', brand: '罗技 Logitech' },
  facewash: { title: '曼秀雷敦 男士洗面奶 控油 150ml', brand: '曼秀雷敦', body: '温和清洁，洗后不紧绷。' },
  keyboard: { title: '机械键盘 青轴 87键 RGB背光', brand: '达尔优' },
  laptopBag: { title: '14寸电脑包 防泼水 通勤', brand: 'Tomtoc', body: '可装14寸笔记本。' },
  detergent: { title: '蓝月亮 深层洁净洗衣液 3kg 薰衣草香', brand: '蓝月亮' },
  eyeCream: { title: '雅诗兰黛 小棕瓶眼霜 15ml 淡化细纹', brand: '雅诗兰黛' },
  bottle: { title: '贝亲 宽口径玻璃奶瓶 240ml 新生儿', brand: '贝亲' },
  switch: { title: 'Nintendo Switch OLED 游戏机 日版', brand: '任天堂' },
  mouse: { title: '无线鼠标 静音 办公', brand: 'Logitech', body: '续航长达两年，即插即用。' },
  storage: { title: '太力真空压缩袋 加厚 5件套', brand: '太力' },
  levis: { title: "Levi's 501 经典直筒牛仔裤", brand: "Levi's" },
  script: { title: '<script>alert("x")</script> & 口红 \'礼盒\'', body: '口红礼盒' },
  camera: { title: 'Sony A7 M4 全画幅微单相机', brand: '索尼' },
  router: { title: '千兆路由器 5G双频 20个设备同时在线', brand: 'TP-LINK' },
};
const names = Object.keys(docs);

let db: Database.Database;
let typos: TypoIndex;

beforeAll(() => {
  db = new Database(':memory:');
  if (!createProductFts) throw new Error('product_fts is not in migrations/0002_search.sql');
  db.exec(createProductFts);
  db.exec(`CREATE VIRTUAL TABLE product_fts_vocab USING fts5vocab(product_fts, 'row')`);
  const insert = db.prepare('INSERT INTO product_fts (rowid, title, brand, body, py) VALUES (?, ?, ?, ?, ?)');
  names.forEach((name, i) => {
    const c = analyzer.indexColumns(docs[name]!);
    insert.run(i + 1, c.title, c.brand, c.body, c.py);
  });
  const words = db.prepare('SELECT term FROM product_fts_vocab').all() as { term: string }[];
  typos = createTypoIndex(words.map((w) => w.term));
});

/** The names of the documents the query finds. */
function find(q: string, options: MatchOptions = {}): string[] {
  const match = analyzer.matchExpression(q, { typos, ...options });
  if (match === null) return [];
  const rows = db
    .prepare('SELECT rowid FROM product_fts WHERE product_fts MATCH ? ORDER BY rowid')
    .all(match);
  return (rows as { rowid: number }[]).map((r) => names[r.rowid - 1]!);
}

describe('the same pipeline at index and query time', () => {
  it('splits Latin runs at letter/digit boundaries on both sides', () => {
    expect(find('mate60')).toEqual(['mate']);
    expect(find('Mate 60 pro')).toEqual(['mate']);
    expect(find('iphone15')).toEqual(['iphone']);
    expect(find('k380')).toEqual(['k380']);
    expect(find('5g手机')).toEqual(['mate']);
  });

  it('matches a model number typed as one word however the listing spaces it, but not scattered over it', () => {
    expect(find('a7m4')).toEqual(['camera']);
    expect(find('A7 M4')).toEqual(['camera']);
    expect(find('g20')).toEqual([]);
    expect(find('5g')).toEqual(['mate', 'router']);
  });

  it('normalises width, case and script', () => {
    expect(find('ＭＡＴＥ６０')).toEqual(['mate']);
    expect(find('IPHONE 15')).toEqual(['iphone']);
    expect(find('電腦包')).toEqual(['laptopBag']);
    expect(find('藍牙鍵盤')).toEqual(['k380']);
  });

  it('finds two-character words, compounds typed whole and words typed apart', () => {
    expect(find('眼霜')).toEqual(['eyeCream']);
    expect(find('奶瓶')).toEqual(['bottle']);
    expect(find('男士洗面奶')).toEqual(['facewash']);
    expect(find('洗面奶')).toEqual(['facewash']);
    expect(find('机械 键盘')).toEqual(['keyboard']);
    expect(find('机械键盘')).toEqual(['keyboard']);
    expect(find('蓝牙 键盘')).toEqual(['k380']);
    expect(find('洗衣液')).toEqual(['detergent']);
  });

  it('finds a word inside a longer dictionary word', () => {
    expect(find('压缩袋')).toEqual(['storage']);
    expect(find('真空 袋')).toEqual(['storage']);
    expect(find('诗兰', { prefixLast: false })).toEqual([]);
  });

  it('takes a last word of two letters, or one Han character, as a prefix, but not a lone letter or digit', () => {
    expect(analyzer.matchExpression('ip')).toBe('"ip" *');
    expect(analyzer.matchExpression('键')).toBe('"键" *');
    expect(analyzer.matchExpression('Mate 6')).toBe('"mate" AND "6"');
    expect(find('Mate 6')).toEqual([]);
    expect(find('Mate 60')).toEqual(['mate']);
  });

  it('ANDs the terms and searches brand and body as well as the title', () => {
    expect(find('罗技 键盘')).toEqual(['k380']);
    expect(find('罗技 手机')).toEqual([]);
    expect(find('logitech')).toEqual(['k380', 'mouse']);
    expect(find('卫星通话')).toEqual(['mate']);
    expect(find('手机')).toEqual(['mate', 'iphone']);
  });

  it('matches apostrophe compounds whole or in parts', () => {
    expect(find('levis')).toEqual(['levis']);
    expect(find("levi's 501")).toEqual(['levis']);
  });
});

describe('pinyin', () => {
  it('keeps the full pinyin and initials of words and of neighbouring words in py', () => {
    const { py } = analyzer.indexColumns({ title: '电脑包' });
    expect(py.split(' ')).toEqual(expect.arrayContaining(['diannaobao', 'dnb', 'diannao']));
  });

  it('finds Han words by their pinyin or initials', () => {
    expect(find('diannaobao')).toEqual(['laptopBag']);
    expect(find('xiyiye')).toEqual(['detergent']);
    expect(find('yanshuang')).toEqual(['eyeCream']);
    expect(find('yashilandai yanshuang')).toEqual(['eyeCream']);
    expect(find('lanyajianpan')).toEqual(['k380']);
    expect(find('xyy', { prefixLast: false })).toEqual(['detergent']);
  });
});

describe('typo tolerance', () => {
  it('allows one typo from 5 letters and two from 9, counting a swap as one', () => {
    expect(find('nintendoo')).toEqual(['switch']);
    expect(find('nitnendo')).toEqual(['switch']);
    expect(find('nintedno swich')).toEqual(['switch']);
    expect(find('logitec')).toEqual(['k380', 'mouse']);
    expect(find('logitehc')).toEqual(['k380', 'mouse']);
  });

  it('gives short words no typo, and needs the index vocabulary', () => {
    expect(find('aplpe', { prefixLast: false })).toEqual(['iphone']);
    expect(find('apl', { prefixLast: false })).toEqual([]);
    expect(find('oldd', { prefixLast: false })).toEqual([]);
    expect(find('nintendoo', { typos: undefined as unknown as TypoIndex })).toEqual([]);
  });
});

describe('prefix search on the last term', () => {
  it('completes the last word, in the text or in pinyin', () => {
    expect(find('nint')).toEqual(['switch']);
    expect(find('dian')).toEqual(['laptopBag']);
    expect(find('雅诗')).toEqual(['eyeCream']);
    expect(find('小棕')).toEqual(['eyeCream']);
    expect(find('雅诗', { prefixLast: false })).toEqual([]);
    expect(find('机械 键')).toEqual(['keyboard']);
  });

  it('only on the last term, and not after a trailing space or when turned off', () => {
    expect(find('nint switch')).toEqual([]);
    expect(find('nint ')).toEqual([]);
    expect(find('nint', { prefixLast: false })).toEqual([]);
  });
});

describe('matchExpression', () => {
  it('quotes every term and ORs its forms', () => {
    expect(analyzer.matchExpression('mate60', { prefixLast: false })).toBe('"mate 60"');
    expect(analyzer.matchExpression('男士洗面奶', { prefixLast: false })).toBe(
      '("男士洗面奶" OR ("男士" AND "洗面奶"))',
    );
    expect(analyzer.matchExpression('nitnendo', { typos })).toBe('("nitnendo" * OR "nintendo")');
  });

  it('returns null when nothing is searchable', () => {
    for (const q of ['', '   ', '!!!', '*', '()', '""', '\u0000\u0001', '🎉🎉', '—']) {
      expect(analyzer.matchExpression(q)).toBeNull();
    }
  });

  it('never lets query syntax through', () => {
    expect(find('OR')).toEqual([]);
    expect(find('手机 OR 口红')).toEqual([]);
    expect(find('手机 NOT 华为')).toEqual([]);
    expect(find('title:口红')).toEqual([]);
    expect(find('{title}: 口红')).toEqual([]);
    expect(find('"口红')).toEqual(['script']);
    expect(find('NEAR(口红 礼盒)')).toEqual([]);
    expect(find('口红 礼盒 -script')).toEqual(['script']);
  });

  it('caps the number of terms', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const words = Array.from({ length: 40 }, (_, i) => `w${letters[i % 26]}${letters[Math.floor(i / 26)]}`);
    const match = analyzer.matchExpression(words.join(' '));
    expect(match?.match(/"/g)?.length).toBe(2 * 12);
  });
});

describe('terms', () => {
  it('are the normalised words of the query', () => {
    expect(analyzer.terms('  ＭＡＴＥ60 電腦包  ')).toEqual(['mate', '60', '电脑包']);
    expect(analyzer.terms('好看的连衣裙')).toEqual(['好看', '连衣裙']);
    expect(analyzer.terms('的')).toEqual(['的']);
  });
});
