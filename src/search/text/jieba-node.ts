/** The Node segmenter: jieba's native addon with its default dictionary and the marketplace's words, loaded once. */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { type Segmenter, userDictionary } from './segmenter';

let jieba: Jieba | undefined;

function load(): Jieba {
  const instance = Jieba.withDict(dict);
  instance.loadDict(new TextEncoder().encode(userDictionary()));
  return instance;
}

/** Without the HMM: unknown words fall apart the same way in a title and in a query, so they still match. */
export function createNodeSegmenter(): Segmenter {
  jieba ??= load();
  const instance = jieba;
  return {
    cut: (text) => instance.cut(text, false),
    cutForSearch: (text) => instance.cutForSearch(text, false),
  };
}
