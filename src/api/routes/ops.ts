/** Operations: health, Prometheus metrics, the OpenAPI document's reference page and its script. */
import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv } from '../env';

export const opsRoutes = new Hono<AppEnv>()
  .get('/healthz', async (c) => {
    try {
      await sql`SELECT 1`.execute(c.var.deps.db.kysely);
      return c.json({ status: 'ok' }, 200);
    } catch (error) {
      c.var.deps.logger.error('health check failed', { error });
      return c.json({ status: 'unavailable' }, 503);
    }
  })
  .get('/metrics', (c) =>
    c.text(c.var.deps.metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4' }),
  )
  .get('/docs/scalar.js', (c) => {
    const script = c.var.deps.docsScript;
    if (!script) return c.notFound();
    return c.body(script, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
    });
  })
  .get(
    '/docs',
    Scalar({
      url: '/openapi.json',
      cdn: '/docs/scalar.js',
      withDefaultFonts: false,
      pageTitle: 'API reference',
    }),
  );
