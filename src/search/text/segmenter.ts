/** The word segmenter port (jieba on Node or as WebAssembly) and the marketplace's own dictionary of brands and products. */
import { brands, vocabulary } from '../../seed/vocabulary';

/** Both cuts keep every character of the input, whitespace included, as words in order. */
export interface Segmenter {
  /** The most likely words. */
  cut(text: string): string[];
  /** `cut`, with the dictionary's shorter words inside each long word emitted before it. */
  cutForSearch(text: string): string[];
}

const HAN_WORD = /^[\u3400-\u4dbf\u4e00-\u9fff]{2,}$/u;

/** Product compounds shoppers type that the vocabulary may not list. */
const compounds = [
  '洗面奶',
  '男士洗面奶',
  '电脑包',
  '笔记本电脑包',
  '机械键盘',
  '蓝牙耳机',
  '纸尿裤',
  '猫粮',
  '狗粮',
  '猫砂',
  '眼霜',
  '精华液',
  '面膜',
  '口红',
  '奶瓶',
  '跑步鞋',
  '篮球鞋',
  '洗衣液',
  '洗发水',
  '沐浴露',
  '护手霜',
  '牙膏',
  '电动牙刷',
  '保温杯',
  '充电宝',
  '数据线',
  '手机壳',
  '无线鼠标',
  '鼠标垫',
  '显示器',
  '路由器',
  '行李箱',
  '拉杆箱',
  '双肩包',
  '运动鞋',
  '羽绒服',
  '连衣裙',
  '卫生巾',
  '湿巾',
  '奶粉',
  '辅食',
  '冻干',
  '猫砂盆',
  '螺蛳粉',
  '咖啡豆',
  '空气炸锅',
  '电饭煲',
  '扫地机器人',
  '四件套',
  '乳胶枕',
  '瑜伽垫',
  '跳绳',
  '哑铃',
];

function marketplaceWordList(): string[] {
  const words = new Set<string>(compounds);
  const add = (text: string) => {
    for (const part of text.split(/[\s/]+/)) if (HAN_WORD.test(part)) words.add(part);
  };
  for (const [name, alias] of brands) {
    add(name);
    if (alias) add(alias);
  }
  for (const category of Object.values(vocabulary)) {
    for (const kind of category.kinds) {
      for (const noun of kind.nouns) add(noun);
      for (const models of Object.values(kind.models ?? {})) for (const model of models) add(model);
    }
  }
  return [...words];
}

/** Brand names and product words, all Han, that jieba should keep whole. */
export const marketplaceWords: string[] = marketplaceWordList();

/** High enough that a known word is kept whole, not so high that it swallows its neighbours. */
const FREQUENCY = 20_000;

/** `marketplaceWords` as a jieba user dictionary: one `word frequency` line each. */
export function userDictionary(): string {
  return marketplaceWords.map((word) => `${word} ${FREQUENCY}\n`).join('');
}

/** Each known brand's other name (兰蔻 ↔ Lancôme), keyed by `key(name)`, so a shopper finds it by either. */
export function brandSynonyms(key: (name: string) => string): Map<string, string> {
  const synonyms = new Map<string, string>();
  for (const [name, alias] of brands) {
    if (!alias) continue;
    synonyms.set(key(name), alias);
    synonyms.set(key(alias), name);
  }
  return synonyms;
}
