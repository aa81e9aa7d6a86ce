/** The cross-store feed for shoppers. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { feedPage } from '../../feed/feed';
import { FeedItem, feedItems } from '../../feed/items';
import { limitParam } from '../../paging';
import { errors, json, optionalSession, router } from '../openapi';

export const feedRoutes = router().openapi(
  createRoute({
    method: 'get',
    path: '/feed',
    tags: ['feed'],
    summary:
      'Posts across approved stores: fresh, engaging and small stores first, followed stores higher when signed in',
    security: optionalSession,
    request: { query: z.object({ cursor: z.string().max(2048).optional(), limit: limitParam }) },
    responses: {
      200: json(
        z.object({ items: z.array(FeedItem), nextCursor: z.string().nullable() }),
        'A page of the feed',
      ),
      ...errors(400, 401),
    },
  }),
  async (c) => {
    const { deps, actor } = c.var;
    const page = await feedPage(deps, actor, c.req.valid('query'));
    return c.json({ items: await feedItems(deps, page.ids), nextCursor: page.nextCursor }, 200);
  },
);
