/** Searching and suggesting through Meilisearch, with hit titles highlighted in `<em>` and otherwise HTML-escaped. */
import type { Meilisearch } from 'meilisearch';
import type { Clock } from '../../clock';
import type { EngineResult, SearchQuery, Suggestion } from '../engine';
import { meiliCall } from './errors';
import { toMeiliFilter, toMeiliSort } from './filters';
import { indexUid, MAX_TOTAL_HITS } from './settings';

export interface SearchContext {
  client: Meilisearch;
  indexPrefix: string;
  clock: Clock;
}

const PRE = '<em>';
const POST = '</em>';
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/**
 * Meilisearch's highlighted title made safe: its `<em>` tags kept, everything between them escaped.
 * @remarks If the tags do not account for the difference from the stored title (a title containing
 * `<em>` itself), the title comes back escaped and unhighlighted rather than mis-marked.
 */
export function highlightTitle(title: string, formatted: string | undefined): string {
  if (formatted === undefined) return escapeHtml(title);
  let html = '';
  let plain = '';
  let open = false;
  for (const part of formatted.split(/(<em>|<\/em>)/)) {
    if (part === PRE || part === POST) {
      if (open !== (part === PRE)) html += part;
      open = part === PRE;
      continue;
    }
    html += escapeHtml(part);
    plain += part;
  }
  if (open) html += POST;
  return plain === title ? html : escapeHtml(title);
}

interface TitleHit {
  id: string;
  title: string;
}

export async function searchMeili(ctx: SearchContext, query: SearchQuery): Promise<EngineResult> {
  const filter = toMeiliFilter(query.type, query.filters, ctx.clock.now());
  const sort = toMeiliSort(query.type, query.sort);
  const index = ctx.client.index<TitleHit>(indexUid(ctx.indexPrefix, query.type));
  const response = await meiliCall(() =>
    index.search(query.q, {
      page: query.page,
      hitsPerPage: query.limit,
      ...(filter === undefined ? {} : { filter }),
      ...(sort === undefined ? {} : { sort }),
      ...(query.facets.length > 0 ? { facets: [...query.facets] } : {}),
      attributesToRetrieve: ['id', 'title'],
      attributesToHighlight: ['title'],
      highlightPreTag: PRE,
      highlightPostTag: POST,
    }),
  );
  const facets: EngineResult['facets'] = {};
  for (const name of query.facets) facets[name] = response.facetDistribution?.[name] ?? {};
  return {
    hits: response.hits.map((h) => ({
      id: h.id,
      highlightTitle: highlightTitle(h.title, h._formatted?.title),
    })),
    total: response.totalHits,
    facets,
    exhaustive: response.totalHits < MAX_TOTAL_HITS,
  };
}

/** Brands starting with the prefix, then product titles, then store names matching it; each text once. */
export async function suggestMeili(ctx: SearchContext, prefix: string, limit: number): Promise<Suggestion[]> {
  const q = prefix.normalize('NFKC').trim();
  if (q === '' || limit <= 0) return [];
  const pinyin = ['title_pinyin', 'title_initials'];
  const { results } = await meiliCall(() =>
    ctx.client.multiSearch({
      queries: [
        {
          indexUid: indexUid(ctx.indexPrefix, 'product'),
          q,
          limit: limit * 2,
          attributesToSearchOn: ['title', 'brand', ...pinyin],
          attributesToRetrieve: ['title', 'brand'],
        },
        {
          indexUid: indexUid(ctx.indexPrefix, 'store'),
          q,
          limit,
          attributesToSearchOn: ['title', ...pinyin],
          attributesToRetrieve: ['title'],
        },
      ],
    }),
  );
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const push = (text: unknown, type: Suggestion['type']) => {
    if (typeof text !== 'string' || text === '' || seen.has(text.toLowerCase()) || out.length >= limit)
      return;
    seen.add(text.toLowerCase());
    out.push({ text, type });
  };
  const products = results[0]?.hits ?? [];
  const needle = q.toLowerCase();
  for (const h of products)
    if (
      String(h.brand ?? '')
        .toLowerCase()
        .startsWith(needle)
    )
      push(h.brand, 'brand');
  for (const h of products) push(h.title, 'product');
  for (const h of results[1]?.hits ?? []) push(h.title, 'store');
  return out;
}
