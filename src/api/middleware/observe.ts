/** Per request: one structured log line and the Prometheus request metrics, by route pattern. */
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { AppEnv } from '../env';

export const observe = createMiddleware<AppEnv>(async (c, next) => {
  const started = performance.now();
  await next();
  const seconds = (performance.now() - started) / 1000;
  const route = c.res.status === 404 && routePath(c, -1) === '/*' ? 'unmatched' : routePath(c, -1);
  const { metrics, logger } = c.var.deps;
  metrics.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
  metrics.duration.observe({ method: c.req.method, route }, seconds);
  logger.info('request', {
    requestId: c.var.requestId,
    method: c.req.method,
    route,
    status: c.res.status,
    ms: Math.round(seconds * 10_000) / 10,
    actor: c.var.actor?.kind,
  });
});
