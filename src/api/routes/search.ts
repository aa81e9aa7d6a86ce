/** Marketplace search routes: cross-store search, suggestions as you type, and hot keywords. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  hotKeywords,
  SearchParams,
  SearchResponse,
  SuggestParams,
  searchCatalog,
  suggest,
} from '../../search/service';
import { errors, json, jsonBytes, optionalSession, router } from '../openapi';

export const searchRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/search',
      tags: ['search'],
      summary: 'Search products, posts or stores across every approved store',
      security: optionalSession,
      request: { query: SearchParams },
      responses: { 200: json(SearchResponse, 'A page of hits with total and facets'), ...errors(400) },
    }),
    async (c) =>
      jsonBytes<z.infer<typeof SearchResponse>>(c, await searchCatalog(c.var.deps, c.req.valid('query'))),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/search/suggest',
      tags: ['search'],
      summary: 'Completions for what the shopper is typing (words, pinyin, brands, popular queries)',
      request: { query: SuggestParams },
      responses: {
        200: json(
          z.object({
            suggestions: z.array(
              z.object({ text: z.string(), type: z.enum(['product', 'brand', 'store', 'query']) }),
            ),
          }),
          'Suggestions',
        ),
        ...errors(400),
      },
    }),
    async (c) => c.json(await suggest(c.var.deps, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/search/hot',
      tags: ['search'],
      summary: 'Popular queries that found something, recent ones weighing more',
      responses: { 200: json(z.object({ keywords: z.array(z.string()) }), 'Hot keywords') },
    }),
    async (c) => c.json(await hotKeywords(c.var.deps), 200),
  );
