/** Deterministic generator of a realistic Chinese marketplace: demo data, benchmarks, search relevance checks. */
import { type CategoryId, categoryIds } from '../vendors/categories';
import {
  brands,
  type CategoryVocabulary,
  cities,
  eventsByMonth,
  extraTags,
  gifts,
  holidaysByMonth,
  miniProgramPaths,
  nicknames,
  ownUse,
  type PostKind,
  postKinds,
  postWords,
  serviceSentences,
  shopAdjectives,
  shopSuffixes,
  storeIntros,
  storeNames,
  storeSentences,
  titleModifiers,
  titlePrefixes,
  vocabulary,
  wechatIds,
} from './vocabulary';

export type { CategoryId } from '../vendors/categories';
export { categories } from '../vendors/categories';

export interface SeedStore {
  key: number;
  ownerOpenid: string;
  name: string;
  description: string;
  category: CategoryId;
  city: string;
  wechatId: string;
  contactQrUrl: string;
  logoUrl: string;
  miniProgram: { appId: string; homePath: string; productPath: string } | null;
  location: { lat: number; lng: number };
}

export interface SeedProduct {
  externalId: string;
  title: string;
  description: string;
  category: CategoryId;
  brand: string;
  price: number;
  originalPrice?: number;
  currency: 'CNY';
  images: string[];
  tags: string[];
  status: 'active' | 'inactive';
}

export interface SeedPost {
  externalId: string;
  title: string;
  body: string;
  coverUrl: string;
  images: string[];
  productExternalIds: string[];
  publishedAt: string;
  tags: string[];
}

export interface CorpusOptions {
  seed?: number;
  stores: number;
  productsPerStore: number;
  postsPerStore: number;
  now?: Date;
}

const DEFAULT_SEED = 1;
const DEFAULT_NOW = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;
const IMG = 'https://img.example.com/jishi';
const STREAM = { store: 1, products: 2, posts: 3, focus: 4, nickname: 5 } as const;

/** mulberry32: small, fast, and good enough for test data. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, maxInclusive: number): number => min + Math.floor(next() * (maxInclusive - min + 1)),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    chance: (p: number): boolean => next() < p,
  };
}
type Random = ReturnType<typeof createRandom>;

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** An independent random stream per (seed, store, purpose), so a store never depends on its neighbours. */
function streamOf(seed: number, key: number, stream: number): Random {
  return createRandom(mix(mix(mix(seed ^ 0x9e3779b9) ^ key) + stream));
}

const aliases = new Map(brands.map(([name, alias]) => [name, alias ?? '']));
const totalShare = categoryIds.reduce((n, id) => n + vocabulary[id].storeShare, 0);

const isCjk = (code: number) => code >= 0x2e80;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function weightedCategory(r: Random): CategoryId {
  let x = r.next() * totalShare;
  for (const id of categoryIds) {
    x -= vocabulary[id].storeShare;
    if (x < 0) return id;
  }
  return 'other';
}

const fill = (template: string, values: Readonly<Record<string, string>>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

function nicknameOf(key: number, seed: number) {
  return streamOf(seed, key, STREAM.nickname).pick(nicknames);
}

/** The few kinds a store mainly sells, by index into its category's kinds. */
function focusOf(category: CategoryId, key: number, seed: number): number[] {
  const r = streamOf(seed, key, STREAM.focus);
  const all = vocabulary[category].kinds.map((_, i) => i);
  const n = Math.min(all.length, r.int(2, 4));
  for (let i = 0; i < n; i++) {
    const j = r.int(i, all.length - 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, n);
}

/** Appends `part` with a space, or without one between two Chinese words when `tight`. */
function glue(text: string, part: string, tight: boolean): string {
  if (!part) return text;
  if (!text) return part;
  const joined = tight && isCjk(text.charCodeAt(text.length - 1)) && isCjk(part.charCodeAt(0));
  return joined ? text + part : `${text} ${part}`;
}

export function seedStore(key: number, seed: number = DEFAULT_SEED): SeedStore {
  const r = streamOf(seed, key, STREAM.store);
  const category = weightedCategory(r);
  const voc = vocabulary[category];
  const [city, lat, lng] = r.pick(cities);
  const [nick, pinyin] = nicknameOf(key, seed);
  const kinds = voc.kinds;
  const values = {
    city,
    nick,
    pinyin,
    label: voc.goods,
    word: r.pick(voc.shopWords),
    adjective: r.pick(shopAdjectives),
    suffix: r.pick(shopSuffixes),
    goods: focusOf(category, key, seed)
      .map((i) => kinds[i]!.nouns[0])
      .join('、'),
    years: String(r.int(3, 12)),
    slug: voc.slug,
    number: String(r.int(1, 9999)),
    year: String(r.int(1975, 2005)),
  };
  let description = fill(r.pick(storeIntros), values);
  for (let i = 0, first = r.int(0, storeSentences.length - 1), n = r.int(1, 2); i < n; i++) {
    const sentence = storeSentences[(first + i * 3) % storeSentences.length]!;
    if (description.length + sentence.length <= 120) description += sentence;
  }
  let wechatId = fill(r.pick(wechatIds), values);
  if (r.chance(0.2)) wechatId = wechatId[0]!.toUpperCase() + wechatId.slice(1);
  while (wechatId.length < 6) wechatId += String(r.int(0, 9));
  const [homePath, productPath] = r.pick(miniProgramPaths);
  const dir = `${IMG}/${key}`;
  return {
    key,
    ownerOpenid: `demo-vendor-${pad(key, 4)}`,
    name: fill(r.pick(storeNames), values),
    description,
    category,
    city,
    wechatId: wechatId.slice(0, 20),
    contactQrUrl: `${dir}/wechat-qr.png`,
    logoUrl: `${dir}/logo.png`,
    miniProgram: r.chance(0.7) ? { appId: `wx${hex8(r)}${hex8(r)}`, homePath, productPath } : null,
    location: {
      lat: Math.round((lat + (r.next() - 0.5) * 0.16) * 1e6) / 1e6,
      lng: Math.round((lng + (r.next() - 0.5) * 0.2) * 1e6) / 1e6,
    },
  };
}

const hex8 = (r: Random) => r.int(0, 0xffffffff).toString(16).padStart(8, '0');

function brandDisplay(r: Random, brand: string): string {
  const alias = aliases.get(brand);
  if (!alias || r.chance(0.55)) return brand;
  switch (r.int(0, 2)) {
    case 0:
      return `${brand} ${alias}`;
    case 1:
      return isCjk(brand.charCodeAt(0)) ? `${alias}/${brand}` : `${brand}/${alias}`;
    default:
      return alias;
  }
}

/** Price in fen, ending the way shops price things: 9.9, 59.9, 68, 299, 1688, 4999. */
function priceOf(r: Random, [min, max]: readonly [number, number]): number {
  const yuan = min * (max / min) ** (r.next() ** 1.4);
  if (yuan < 30) return Math.max(1, Math.round(yuan)) * 100 - 10;
  const step = yuan < 1000 ? 10 : 100;
  const round = Math.round(yuan / step) * step * 100;
  const ending = r.next();
  if (ending < 0.5) return round - 100;
  if (ending < 0.8) return round - 200;
  if (ending < 0.9 && step === 10) return round - 10;
  return round;
}

/** Title parts by slot; when a title runs past 60 characters they are dropped least useful first. */
const BRAND = 0;
const MODEL = 1;
const NOUN = 2;
const SPEC = 3;
const FEATURE = 4;
const FEATURE2 = 5;
const CATEGORY_WORD = 6;
const MODIFIER = 7;
const TITLE_ORDER = [BRAND, MODEL, NOUN, SPEC, FEATURE, FEATURE2, CATEGORY_WORD, MODIFIER];
const TITLE_ORDER_SWAPPED = [CATEGORY_WORD, BRAND, MODEL, NOUN, FEATURE, FEATURE2, SPEC, MODIFIER];
const DROP_ORDER = [FEATURE2, CATEGORY_WORD, MODIFIER, SPEC, FEATURE, MODEL];
const TITLE_MAX = 60;
/** One product's title parts at a time, reused so a million products allocate no extra arrays. */
const slots: string[] = ['', '', '', '', '', '', '', ''];

function titleOf(prefix: string, tight: boolean, swapped: boolean): string {
  const order = swapped ? TITLE_ORDER_SWAPPED : TITLE_ORDER;
  for (let d = 0; ; d++) {
    let text = '';
    for (const slot of order) text = glue(text, slots[slot]!, tight);
    if (prefix && text.length + prefix.length + 2 <= TITLE_MAX) text = `【${prefix}】${text}`;
    if (text.length <= TITLE_MAX) return text;
    if (d >= DROP_ORDER.length) return text.slice(0, TITLE_MAX).trim();
    slots[DROP_ORDER[d]!] = '';
  }
}

function addTag(tags: string[], tag: string): void {
  if (tag && tags.length < 4 && !tags.includes(tag)) tags.push(tag);
}

export function seedProducts(store: SeedStore, count: number, seed: number = DEFAULT_SEED): SeedProduct[] {
  const r = streamOf(seed, store.key, STREAM.products);
  const home = vocabulary[store.category];
  const focus = focusOf(store.category, store.key, seed);
  const [nick] = nicknameOf(store.key, seed);
  const suffixOf = (v: CategoryVocabulary) => v.houseBrandSuffixes[store.key % v.houseBrandSuffixes.length]!;
  const houseBrand = nick + suffixOf(home);
  const otherHouseBrand = nick + suffixOf(vocabulary.other);
  const tight = r.chance(0.25);
  const prefixRate = r.next() * 0.5;
  const dir = `${IMG}/${store.key}`;
  const products: SeedProduct[] = [];
  for (let i = 0; i < count; i++) {
    const category: CategoryId = store.category !== 'other' && r.chance(0.05) ? 'other' : store.category;
    const own = category === store.category;
    const voc = vocabulary[category];
    const kind = own && r.chance(0.75) ? voc.kinds[r.pick(focus)]! : r.pick(voc.kinds);
    const house = kind.brands.length === 0 || (own && r.chance(voc.houseBrandRate));
    const brand = !house ? r.pick(kind.brands) : own ? houseBrand : otherHouseBrand;
    const models = house ? kind.models?.['*'] : (kind.models?.[brand] ?? kind.models?.['*']);
    const model = models && r.chance(0.8) ? r.pick(models) : '';
    const noun = r.pick(kind.nouns);
    const spec = r.chance(0.85) ? r.pick(kind.specs) : '';
    const feature = r.pick(kind.features);
    const feature2 = r.chance(0.6) ? r.pick(kind.features) : '';
    let categoryWord = r.chance(0.35) ? r.pick(voc.modifiers) : '';
    if (categoryWord === feature || categoryWord === feature2) categoryWord = '';
    const prefix = r.chance(prefixRate) ? r.pick(titlePrefixes) : '';
    const modifier = r.chance(0.7) ? r.pick(titleModifiers) : '';
    slots[BRAND] = brandDisplay(r, brand);
    slots[MODEL] = model;
    slots[NOUN] = noun;
    slots[SPEC] = spec;
    slots[FEATURE] = noun.includes(feature) ? '' : feature;
    slots[FEATURE2] = feature2 === feature || noun.includes(feature2) ? '' : feature2;
    slots[CATEGORY_WORD] = categoryWord;
    slots[MODIFIER] = modifier === prefix ? '' : modifier;
    let title = titleOf(prefix, tight, r.chance(0.2));
    if (title.length < 10) title = glue(title, '正品现货', false);
    if (title.length < 10) title = glue(title, '官方正品', false);

    const price = priceOf(r, kind.price);
    const externalId = `SKU-${pad(i + 1, 6)}`;
    const images: string[] = [];
    for (let n = 1, last = r.int(1, 4); n <= last; n++) images.push(`${dir}/${externalId}-${n}.jpg`);

    const name = model && model.length <= 12 ? model : noun;
    const tags = [name];
    addTag(tags, feature);
    addTag(tags, noun);
    addTag(tags, categoryWord);
    if (r.chance(0.3)) addTag(tags, r.pick(extraTags));

    const product: SeedProduct = {
      externalId,
      title,
      description: productDescription(r, voc, brand, model, noun, spec, feature, feature2),
      category,
      brand,
      price,
      currency: 'CNY',
      images,
      tags,
      status: r.chance(0.05) ? 'inactive' : 'active',
    };
    if (r.chance(0.35)) {
      const step = price < 3000 ? 100 : 1000;
      product.originalPrice = Math.ceil((price * (1.1 + r.next() * 0.8)) / step) * step;
    }
    products.push(product);
  }
  return products;
}

function productDescription(
  r: Random,
  voc: CategoryVocabulary,
  brand: string,
  model: string,
  noun: string,
  spec: string,
  feature: string,
  feature2: string,
): string {
  let text: string;
  switch (r.int(0, 2)) {
    case 0:
      text = `${brand}${model ? ` ${model} ` : ''}${noun}，${feature}${feature2 && feature2 !== feature ? `，${feature2}` : ''}。`;
      break;
    case 1:
      text = `这款${noun}主打${feature}${spec ? `，规格${spec}` : ''}。`;
      break;
    default:
      text = `店长自用款${noun}，${feature}，${r.pick(ownUse)}。`;
  }
  const more = r.int(0, 2);
  if (more >= 1) text += r.pick(voc.sentences);
  if (more >= 2) text += r.pick(serviceSentences);
  return text;
}

/** How a post refers to a product: `雅诗兰黛小棕瓶`, `任天堂 Switch OLED`. */
function productName(p: SeedProduct): string {
  const item = p.tags[0] ?? p.title.slice(0, 12);
  if (p.brand.endsWith(item)) return p.brand;
  if (p.brand.length > 8 || p.brand.includes('出版') || item.includes(p.brand)) return item;
  return glue(p.brand, item, true);
}

const monthDay = (t: number) => {
  const d = new Date(t + 8 * 3_600_000);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};
const yuanOf = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(1));
const priceText = (p: SeedProduct) =>
  `价格${yuanOf(p.price)}元${p.originalPrice ? `，原价${yuanOf(p.originalPrice)}元` : ''}`;

function sentenceCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3002 || c === 0xff01) n++;
  }
  return n;
}

/** The intro, then enough of the other sentences, in order, for 2 to 5 sentences in all. */
function bodyOf(r: Random, kind: PostKind, values: Readonly<Record<string, string>>): string {
  let text = fill(kind.intro, values);
  const have = sentenceCount(text);
  const others = kind.sentences;
  let needed = Math.min(others.length, r.int(Math.max(0, 2 - have), Math.max(0, 5 - have)));
  for (let i = 0; i < others.length && needed > 0; i++) {
    if (r.next() * (others.length - i) < needed) {
      text += (kind.separator ?? '') + fill(others[i]!, values);
      needed--;
    }
  }
  return text;
}

const linklessKinds = postKinds.filter((k) => k.links[0] === 0);

export function seedPosts(
  store: SeedStore,
  products: SeedProduct[],
  count: number,
  seed: number = DEFAULT_SEED,
  now?: Date,
): SeedPost[] {
  const r = streamOf(seed, store.key, STREAM.posts);
  const end = now ? now.getTime() : DEFAULT_NOW;
  const voc = vocabulary[store.category];
  const label = voc.goods;
  const active = products.filter((p) => p.status === 'active');
  const linkable = active.length > 0 ? active : products;
  const dir = `${IMG}/${store.key}/posts`;
  const posts: SeedPost[] = [];
  for (let i = 0; i < count; i++) {
    const externalId = `POST-${pad(i + 1, 6)}`;
    const at = end - Math.floor((r.next() * 60 * DAY) / 60_000) * 60_000;
    const month = new Date(at + 8 * 3_600_000).getUTCMonth();
    let kind = r.pick(postKinds);
    if (linkable.length < kind.links[0]) kind = r.pick(linklessKinds);
    const wanted = Math.min(r.int(kind.links[0], kind.links[1]), linkable.length);
    const linked: SeedProduct[] = [];
    for (let tries = 0; linked.length < wanted && tries < 30; tries++) {
      const p = r.pick(linkable);
      if (!linked.includes(p)) linked.push(p);
    }
    const names = linked.map(productName);
    const first = linked[0];
    const threshold = r.pick([99, 199, 299, 399, 499]);
    const values: Record<string, string> = {
      label,
      city: store.city,
      wechatId: store.wechatId,
      product: names[0] ?? label,
      products: names.length > 0 ? names.join('、') : `店里所有${label}商品`,
      count: String(names.length),
      trait: first?.tags[1] ?? '口碑很好',
      price: first ? priceText(first) : '',
      list: linked
        .map((p, k) => `${postWords.ordinals[k] ?? '还有'}是${names[k]}，${p.tags[1] ?? '口碑很好'}。`)
        .join('\n'),
      event: r.pick(eventsByMonth[month]!),
      holiday: r.pick(holidaysByMonth[month]!),
      threshold: String(threshold),
      off: String(Math.round((threshold * (0.1 + r.next() * 0.1)) / 5) * 5),
      discount: String(r.int(5, 8)),
      gift: r.pick(gifts),
      start: monthDay(at),
      end: monthDay(at + r.int(3, 10) * DAY),
      weeks: String(r.int(2, 8)),
      stock: String(r.int(20, 200)),
      coupon: String(r.int(3, 20)),
      note: r.pick(voc.sentences),
      downside: r.pick(postWords.downsides),
      verdict: r.pick(postWords.verdicts),
      packaging: r.pick(postWords.packaging),
    };
    const title = fill(r.pick(kind.titles), values).slice(0, TITLE_MAX);
    const images: string[] = [];
    for (const p of linked) if (p.images[0]) images.push(p.images[0]);
    for (let n = 1, extra = r.int(0, 2); n <= extra && images.length < 4; n++) {
      images.push(`${dir}/${externalId}-${n}.jpg`);
    }
    posts.push({
      externalId,
      title,
      body: bodyOf(r, kind, values),
      coverUrl: `${dir}/${externalId}-cover.jpg`,
      images,
      productExternalIds: linked.map((p) => p.externalId),
      publishedAt: new Date(at).toISOString(),
      tags: kind.tags.map((t) => fill(t, values)),
    });
  }
  return posts;
}

export function* generateCorpus(
  options: CorpusOptions,
): Generator<{ store: SeedStore; products: SeedProduct[]; posts: SeedPost[] }> {
  const seed = options.seed ?? DEFAULT_SEED;
  for (let key = 0; key < options.stores; key++) {
    const store = seedStore(key, seed);
    const products = seedProducts(store, options.productsPerStore, seed);
    const posts = seedPosts(store, products, options.postsPerStore, seed, options.now);
    yield { store, products, posts };
  }
}
