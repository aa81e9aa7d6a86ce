/** Cross-store search for shoppers: validate, ask the engine, hydrate hits from the catalog, count popular queries. */
import { sql } from 'kysely';
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { Deps } from '../deps';
import { limitParam } from '../paging';
import { categoryIds } from '../vendors/categories';
import type { EngineHit, SearchQuery } from './engine';
import { type DocType, facetNames, sortOrders } from './engine';
import { SearchResultCache } from './result-cache';

const money = z.coerce.number().int().min(0).max(10_000_000_000);
/** Deep pages cost the engine as much as every page before them; shoppers refine instead. */
const MAX_WINDOW = 10_000;

export const SearchParams = z
  .object({
    q: z.string().max(5000).default(''),
    type: z.enum(['product', 'post', 'store']).default('product'),
    category: z.enum(categoryIds).optional(),
    city: z.string().trim().min(1).max(40).optional(),
    storeId: z.string().max(64).optional(),
    brand: z.string().trim().min(1).max(128).optional(),
    priceMin: money.optional(),
    priceMax: money.optional(),
    sort: z.enum(sortOrders).default('relevance'),
    page: z.coerce.number().int().min(1).max(MAX_WINDOW).default(1),
    limit: limitParam,
    facets: z
      .string()
      .max(200)
      .optional()
      .transform((s) =>
        s
          ? s
              .split(',')
              .map((f) => f.trim())
              .filter(Boolean)
          : [],
      )
      .pipe(z.array(z.enum(facetNames))),
  })
  .superRefine((p, ctx) => {
    if (p.page * p.limit > MAX_WINDOW)
      ctx.addIssue({ code: 'custom', path: ['page'], message: `page × limit may be at most ${MAX_WINDOW}` });
    if (p.priceMin !== undefined && p.priceMax !== undefined && p.priceMin > p.priceMax) {
      ctx.addIssue({ code: 'custom', path: ['priceMax'], message: 'must not be below priceMin' });
    }
    if (p.type !== 'product') {
      for (const field of ['brand', 'priceMin', 'priceMax'] as const) {
        if (p[field] !== undefined)
          ctx.addIssue({ code: 'custom', path: [field], message: `only products have a ${field}` });
      }
      if (p.sort === 'price_asc' || p.sort === 'price_desc')
        ctx.addIssue({ code: 'custom', path: ['sort'], message: 'only products sort by price' });
      if (p.facets.includes('brand'))
        ctx.addIssue({ code: 'custom', path: ['facets'], message: 'only products have a brand facet' });
    }
  });
export type SearchParams = z.infer<typeof SearchParams>;

const StoreRef = z.object({ id: z.string(), name: z.string(), city: z.string() });
export const ProductHit = z.object({
  type: z.literal('product'),
  id: z.string(),
  externalId: z.string(),
  storeId: z.string(),
  store: StoreRef,
  title: z.string(),
  highlight: z.object({ title: z.string() }),
  price: z.number().int(),
  imageUrl: z.string().optional(),
  category: z.string(),
  brand: z.string().optional(),
});
export const PostHit = z.object({
  type: z.literal('post'),
  id: z.string(),
  externalId: z.string(),
  storeId: z.string(),
  store: StoreRef,
  title: z.string(),
  highlight: z.object({ title: z.string() }),
  coverUrl: z.string().optional(),
  publishedAt: z.string(),
});
export const StoreHit = z.object({
  type: z.literal('store'),
  id: z.string(),
  name: z.string(),
  city: z.string(),
  category: z.string(),
  logoUrl: z.string().optional(),
  highlight: z.object({ title: z.string() }),
});
export const SearchResponse = z
  .object({
    hits: z.array(z.union([ProductHit, PostHit, StoreHit])),
    total: z.number().int(),
    /** False when the engine could not count every match (Meilisearch at its hit cap): `total` is then a lower bound. */
    exhaustive: z.boolean(),
    page: z.number().int(),
    limit: z.number().int(),
    facets: z.record(z.string(), z.record(z.string(), z.number().int())).optional(),
    tookMs: z.number(),
  })
  .meta({ id: 'SearchResponse' });
type Hit = z.infer<typeof ProductHit> | z.infer<typeof PostHit> | z.infer<typeof StoreHit>;

const opt = <K extends string>(key: K, value: string | null) =>
  value ? ({ [key]: value } as Record<K, string>) : {};

/** The engine's hits as the API shows them, in the engine's order, dropping any the catalog no longer shows. */
async function hydrate(deps: Deps, type: DocType, hits: EngineHit[]): Promise<Hit[]> {
  if (hits.length === 0) return [];
  const ids = hits.map((h) => h.id);
  // One parameter however long the page (D1 binds at most 100 per statement).
  const idList = sql<string>`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
  const highlight = new Map(hits.map((h) => [h.id, h.highlightTitle]));
  const db = deps.db.kysely;
  const found = new Map<string, Hit>();
  /** What product and post hits share; `c` is the item and `s` its store, joined catalog-first (CROSS JOIN) so the planner looks the ids up instead of walking every approved store. */
  const itemHit = (r: {
    id: string;
    external_id: string;
    store_id: string;
    title: string;
    name: string;
    city: string;
  }) => ({
    id: r.id,
    externalId: r.external_id,
    storeId: r.store_id,
    store: { id: r.store_id, name: r.name, city: r.city },
    title: r.title,
    highlight: { title: highlight.get(r.id) ?? '' },
  });
  if (type === 'product') {
    const rows = await db
      .selectFrom('products as c')
      .crossJoin('stores as s')
      .whereRef('s.id', '=', 'c.store_id')
      .select([
        'c.id',
        'c.external_id',
        'c.store_id',
        'c.title',
        'c.price',
        'c.images',
        'c.category',
        'c.brand',
        's.name',
        's.city',
      ])
      .where('c.id', 'in', idList)
      .where('s.status', '=', 'approved')
      .where('c.status', '=', 'active')
      .where('c.taken_down_at', 'is', null)
      .execute();
    for (const r of rows) {
      found.set(r.id, {
        type: 'product',
        ...itemHit(r),
        price: r.price,
        ...opt('imageUrl', (JSON.parse(r.images) as string[])[0] ?? null),
        category: r.category,
        ...opt('brand', r.brand),
      });
    }
  } else if (type === 'post') {
    const rows = await db
      .selectFrom('posts as c')
      .crossJoin('stores as s')
      .whereRef('s.id', '=', 'c.store_id')
      .select([
        'c.id',
        'c.external_id',
        'c.store_id',
        'c.title',
        'c.cover_url',
        'c.published_at',
        's.name',
        's.city',
      ])
      .where('c.id', 'in', idList)
      .where('s.status', '=', 'approved')
      .where('c.taken_down_at', 'is', null)
      .where('c.published_at', '<=', deps.clock.now().toISOString())
      .execute();
    for (const r of rows) {
      found.set(r.id, {
        type: 'post',
        ...itemHit(r),
        ...opt('coverUrl', r.cover_url),
        publishedAt: r.published_at,
      });
    }
  } else {
    const rows = await db
      .selectFrom('stores')
      .select(['id', 'name', 'city', 'category', 'logo_url'])
      .where('id', 'in', idList)
      .where('status', '=', 'approved')
      .execute();
    for (const r of rows) {
      found.set(r.id, {
        type: 'store',
        id: r.id,
        name: r.name,
        city: r.city,
        category: r.category,
        ...opt('logoUrl', r.logo_url),
        highlight: { title: highlight.get(r.id) ?? '' },
      });
    }
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

/**
 * One search as sent: the response's UTF-8 JSON up to where `tookMs` goes (serialised and encoded
 * once, however often it is sent), and its total.
 */
interface Answer {
  head: Uint8Array;
  total: number;
}
export type SearchCache = SearchResultCache<Answer>;
export const createSearchCache = (db: Db, maxEntries: number, clock: Clock): SearchCache =>
  new SearchResultCache<Answer>(db, maxEntries, clock);

const encoder = new TextEncoder();

async function answer(deps: Deps, params: SearchParams): Promise<Answer> {
  const { q, type, sort, page, limit, facets, ...filters } = params;
  const query: SearchQuery = { type, q, sort, page, limit, facets, filters };
  const result = await deps.search.search(query);
  const body: Omit<z.infer<typeof SearchResponse>, 'tookMs'> = {
    hits: await hydrate(deps, type, result.hits),
    total: result.total,
    exhaustive: result.exhaustive,
    page,
    limit,
    ...(facets.length > 0 ? { facets: result.facets } : {}),
  };
  return { head: encoder.encode(JSON.stringify(body).slice(0, -1)), total: result.total };
}

/** A `SearchResponse` as UTF-8 JSON. */
export async function searchCatalog(deps: Deps, params: SearchParams): Promise<Uint8Array<ArrayBuffer>> {
  const started = performance.now();
  // A post becomes visible when its publication time passes, without any write to mark answers stale.
  const found =
    params.type === 'post'
      ? await answer(deps, params)
      : await deps.searchCache.get(JSON.stringify(params), () => answer(deps, params));
  if (params.page === 1 && params.q.trim()) {
    deps.hotQueries.record(params.q, found.total);
    await deps.hotQueries.flushIfDue(deps.db, deps.clock.now());
  }
  const tookMs = Math.round((performance.now() - started) * 100) / 100;
  const tail = encoder.encode(`,"tookMs":${tookMs}}`);
  const out = new Uint8Array(found.head.length + tail.length);
  out.set(found.head);
  out.set(tail, found.head.length);
  return out;
}

export const SuggestParams = z.object({
  q: z.string().max(100).default(''),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export async function suggest(deps: Deps, params: z.infer<typeof SuggestParams>) {
  return { suggestions: await deps.search.suggest(params.q, params.limit) };
}

const HOT_COUNT = 10;

/** Recorded queries that found something, by popularity decayed to now. */
export async function hotKeywords(deps: Deps): Promise<{ keywords: string[] }> {
  return { keywords: await deps.hotQueries.top(deps.db, deps.clock.now(), HOT_COUNT) };
}
