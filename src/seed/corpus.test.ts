/** The seed corpus: deterministic, valid for ingest, and shaped like a real marketplace. */
import { describe, expect, it } from 'vitest';
import { PostInput, ProductInput } from '../vendors/catalog-schema';
import { categoryIds } from '../vendors/categories';
import { StoreCreate } from '../vendors/store-schema';
import {
  createRandom,
  generateCorpus,
  type SeedPost,
  type SeedProduct,
  type SeedStore,
  seedPosts,
  seedProducts,
  seedStore,
} from './corpus';
import { brands, vocabulary } from './vocabulary';

const NOW = new Date('2026-11-01T00:00:00Z');
const DAY = 86_400_000;
const sentences = (text: string) => text.match(/[。！]/g)?.length ?? 0;

function collect(options: Parameters<typeof generateCorpus>[0]) {
  return [...generateCorpus(options)];
}

const sample = collect({ seed: 7, stores: 120, productsPerStore: 150, postsPerStore: 8 });
const stores: SeedStore[] = sample.map((s) => s.store);
const products: SeedProduct[] = sample.flatMap((s) => s.products);
const posts: SeedPost[] = sample.flatMap((s) => s.posts);

describe('determinism', () => {
  it('gives deep-equal output for the same options', () => {
    const options = { seed: 42, stores: 6, productsPerStore: 40, postsPerStore: 5 };
    expect(collect(options)).toEqual(collect(options));
  });

  it('gives different output for a different seed', () => {
    const a = collect({ seed: 1, stores: 3, productsPerStore: 10, postsPerStore: 2 });
    const b = collect({ seed: 2, stores: 3, productsPerStore: 10, postsPerStore: 2 });
    expect(a).not.toEqual(b);
  });

  it('generates store N identically alone or within a larger corpus', () => {
    const big = collect({ seed: 9, stores: 30, productsPerStore: 20, postsPerStore: 4 });
    for (const key of [0, 17, 29]) {
      const store = seedStore(key, 9);
      const alone = seedProducts(store, 20, 9);
      expect(store).toEqual(big[key]!.store);
      expect(alone).toEqual(big[key]!.products);
      expect(seedPosts(store, alone, 4, 9)).toEqual(big[key]!.posts);
    }
  });

  it('makes a shorter product list a prefix of a longer one', () => {
    const store = seedStore(3, 5);
    expect(seedProducts(store, 200, 5).slice(0, 50)).toEqual(seedProducts(store, 50, 5));
  });

  it('dates posts relative to the given now, and to a fixed date by default', () => {
    const store = seedStore(0);
    const items = seedProducts(store, 10);
    expect(seedPosts(store, items, 3)).toEqual(seedPosts(store, items, 3, undefined, NOW));
    const later = seedPosts(store, items, 3, undefined, new Date(NOW.getTime() + DAY));
    expect(later.map((p) => Date.parse(p.publishedAt) - DAY)).toEqual(
      seedPosts(store, items, 3).map((p) => Date.parse(p.publishedAt)),
    );
  });
});

describe('stores', () => {
  const many = Array.from({ length: 2000 }, (_, key) => seedStore(key, 11));

  it('have wechat ids, app ids and product paths in the shapes the API accepts', () => {
    expect(many.filter((s) => !/^[a-zA-Z][-_a-zA-Z0-9]{5,19}$/.test(s.wechatId))).toEqual([]);
    const apps = many.flatMap((s) => (s.miniProgram ? [s.miniProgram] : []));
    expect(apps.filter((m) => !/^wx[0-9a-f]{16}$/.test(m.appId))).toEqual([]);
    expect(apps.filter((m) => !m.productPath.includes('{externalId}'))).toEqual([]);
  });

  it('give about 70% of stores a mini-program', () => {
    const share = many.filter((s) => s.miniProgram).length / many.length;
    expect(share).toBeGreaterThan(0.64);
    expect(share).toBeLessThan(0.76);
  });

  it('have names, descriptions of 20 to 120 characters, https example.com links and a location in China', () => {
    const bad = many.filter(
      (s) =>
        s.ownerOpenid !== `demo-vendor-${String(s.key).padStart(4, '0')}` ||
        s.name.length < 2 ||
        s.name.length > 40 ||
        s.description.length < 20 ||
        s.description.length > 120 ||
        !s.logoUrl.startsWith('https://img.example.com/') ||
        !s.contactQrUrl.startsWith('https://img.example.com/') ||
        !categoryIds.includes(s.category) ||
        s.location.lat < 18 ||
        s.location.lat > 46 ||
        s.location.lng < 102 ||
        s.location.lng > 127,
    );
    expect(bad).toEqual([]);
  });

  it('spread over every category, many cities and varied names', () => {
    expect(new Set(many.map((s) => s.category))).toEqual(new Set(categoryIds));
    expect(new Set(many.map((s) => s.city)).size).toBeGreaterThanOrEqual(25);
    expect(new Set(many.map((s) => s.name)).size).toBeGreaterThan(many.length * 0.7);
  });

  it('pass the store create schema', () => {
    const issues = stores.flatMap(({ key: _key, ownerOpenid: _owner, miniProgram, ...fields }) => {
      const result = StoreCreate.safeParse({ ...fields, ...(miniProgram ? { miniProgram } : {}) });
      return result.error?.issues ?? [];
    });
    expect(issues).toEqual([]);
  });
});

describe('products', () => {
  it('have titles of 10 to 60 characters without angle brackets', () => {
    const bad = products.filter((p) => p.title.length < 10 || p.title.length > 60 || /[<>]/.test(p.title));
    expect(bad.map((p) => p.title)).toEqual([]);
  });

  it('have descriptions of 1 to 3 sentences', () => {
    const bad = products.filter(
      (p) => sentences(p.description) < 1 || sentences(p.description) > 3 || /[<>]/.test(p.description),
    );
    expect(bad.map((p) => p.description)).toEqual([]);
  });

  it('have whole-fen prices, and an original price not below the price', () => {
    const bad = products.filter(
      (p) =>
        !Number.isInteger(p.price) ||
        p.price < 0 ||
        (p.originalPrice !== undefined && (!Number.isInteger(p.originalPrice) || p.originalPrice < p.price)),
    );
    expect(bad).toEqual([]);
    expect(products.some((p) => p.originalPrice !== undefined)).toBe(true);
  });

  it('have unique external ids within a store', () => {
    for (const s of sample) {
      const ids = s.products.map((p) => p.externalId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => !/^SKU-\d{6,}$/.test(id))).toEqual([]);
    }
  });

  it('have 1 to 4 images on example.com and 1 to 4 distinct tags', () => {
    const image = /^https:\/\/img\.example\.com\/jishi\/\d+\/SKU-\d+-\d\.jpg$/;
    const bad = products.filter(
      (p) =>
        p.images.length < 1 ||
        p.images.length > 4 ||
        !p.images.every((url) => image.test(url)) ||
        p.tags.length < 1 ||
        p.tags.length > 4 ||
        new Set(p.tags).size !== p.tags.length,
    );
    expect(bad).toEqual([]);
  });

  it("follow their store's category, with a few in 'other'", () => {
    const stray = sample.flatMap((s) =>
      s.products.filter((p) => p.category !== s.store.category && p.category !== 'other'),
    );
    expect(stray).toEqual([]);
    const foreign = sample.flatMap((s) => s.products.filter((p) => p.category !== s.store.category));
    expect(foreign.length / products.length).toBeGreaterThan(0.02);
    expect(foreign.length / products.length).toBeLessThan(0.08);
  });

  it('mark about 5% inactive', () => {
    const share = products.filter((p) => p.status === 'inactive').length / products.length;
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.07);
  });

  it('vary: many distinct titles, brands and price points', () => {
    expect(new Set(products.map((p) => p.title)).size).toBeGreaterThan(products.length * 0.9);
    expect(new Set(products.map((p) => p.brand)).size).toBeGreaterThan(150);
    expect(new Set(products.map((p) => p.price)).size).toBeGreaterThan(300);
  });

  it('pass the product ingest schema', () => {
    expect(products.flatMap((p) => ProductInput.safeParse(p).error?.issues ?? [])).toEqual([]);
  });

  it('can be generated 100k at a time', () => {
    let count = 0;
    for (const s of generateCorpus({ stores: 100, productsPerStore: 1000, postsPerStore: 0 })) {
      count += s.products.length;
    }
    expect(count).toBe(100_000);
  });
});

describe('posts', () => {
  it("link 0 to 3 products, only their own store's", () => {
    const bad = sample.flatMap((s) => {
      const own = new Set(s.products.map((p) => p.externalId));
      return s.posts.filter(
        (post) =>
          post.productExternalIds.length > 3 ||
          new Set(post.productExternalIds).size !== post.productExternalIds.length ||
          !post.productExternalIds.every((id) => own.has(id)),
      );
    });
    expect(bad).toEqual([]);
    expect(posts.some((p) => p.productExternalIds.length === 0)).toBe(true);
    expect(posts.some((p) => p.productExternalIds.length === 3)).toBe(true);
  });

  it('are published within the 60 days before now, as ISO strings', () => {
    const bad = posts.filter((post) => {
      const t = Date.parse(post.publishedAt);
      return (
        new Date(t).toISOString() !== post.publishedAt || t > NOW.getTime() || t < NOW.getTime() - 60 * DAY
      );
    });
    expect(bad).toEqual([]);
  });

  it('have a title of at most 60 characters, a body of 2 to 5 sentences, 1 to 4 tags and unique ids', () => {
    const bad = posts.filter(
      (post) =>
        post.title.length < 1 ||
        post.title.length > 60 ||
        sentences(post.body) < 2 ||
        sentences(post.body) > 5 ||
        /[<>]/.test(post.title + post.body) ||
        post.tags.length < 1 ||
        post.tags.length > 4 ||
        post.images.length > 4,
    );
    expect(bad).toEqual([]);
    for (const s of sample) expect(new Set(s.posts.map((p) => p.externalId)).size).toBe(s.posts.length);
  });

  it('cover every kind of update', () => {
    for (const tag of ['新品', '活动', '使用心得', '开箱', '店铺公告', '好物推荐']) {
      expect(
        posts.some((p) => p.tags.includes(tag)),
        tag,
      ).toBe(true);
    }
  });

  it('link nothing when the store has no products', () => {
    const store = seedStore(1);
    for (const post of seedPosts(store, [], 20)) expect(post.productExternalIds).toEqual([]);
  });

  it('pass the post ingest schema', () => {
    expect(posts.flatMap((post) => PostInput.safeParse(post).error?.issues ?? [])).toEqual([]);
  });
});

describe('vocabulary', () => {
  it('names only known brands, and models only for brands of the same kind', () => {
    const known = new Set(brands.map(([name]) => name));
    expect(known.size).toBe(brands.length);
    for (const id of categoryIds) {
      for (const kind of vocabulary[id].kinds) {
        for (const brand of kind.brands) expect(known, `${id}: ${brand}`).toContain(brand);
        for (const key of Object.keys(kind.models ?? {})) expect([...kind.brands, '*']).toContain(key);
        expect(kind.nouns.length * kind.specs.length * kind.features.length).toBeGreaterThan(0);
        expect(kind.price[0]).toBeLessThan(kind.price[1]);
      }
    }
  });
});

describe('createRandom', () => {
  it('repeats for a seed and stays within bounds', () => {
    const a = createRandom(123);
    const b = createRandom(123);
    const drawn = Array.from({ length: 1000 }, () => a.int(3, 9));
    expect(Array.from({ length: 1000 }, () => b.int(3, 9))).toEqual(drawn);
    expect(new Set(drawn)).toEqual(new Set([3, 4, 5, 6, 7, 8, 9]));
    const r = createRandom(5);
    expect(new Set(Array.from({ length: 200 }, () => r.pick(['a', 'b', 'c'])))).toEqual(
      new Set(['a', 'b', 'c']),
    );
    expect(r.chance(0)).toBe(false);
    expect(r.chance(1)).toBe(true);
    expect(() => r.pick([])).toThrow(RangeError);
  });
});
