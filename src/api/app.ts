/** The Hono app, built from its dependencies; the same app serves on Node and on Workers. */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { consoleApp } from '../console/app';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { landingRoutes } from '../sharing/landing';
import type { AppEnv } from './env';
import { notFoundHandler, onError } from './error-handler';
import { authenticate } from './middleware/auth';
import { observe } from './middleware/observe';
import { authRoutes } from './routes/auth';
import { catalogRoutes } from './routes/catalog';
import { feedRoutes } from './routes/feed';
import { moderationRoutes } from './routes/moderation';
import { opsRoutes } from './routes/ops';
import { reportRoutes } from './routes/reports';
import { searchRoutes } from './routes/search';
import { shopperRoutes } from './routes/shoppers';
import { storeRoutes } from './routes/stores';

/** Bodies other than catalog batches are small forms. */
const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
const smallBodies = bodyLimit({
  maxSize: DEFAULT_MAX_BODY_BYTES,
  onError: () => {
    throw new AppError('payload_too_large', `The body may be at most ${DEFAULT_MAX_BODY_BYTES / 1024} KiB`);
  },
});

export function createApp(deps: Deps) {
  if (!deps.config.sessionSecret) throw new Error('createApp: config.sessionSecret is required');
  const app = new OpenAPIHono<AppEnv>();
  app.onError(onError);
  app.notFound(notFoundHandler);

  app.use(requestId());
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(observe);
  // A GET has no body to limit; asking a node request for its body would build a full Request.
  app.use('/v1/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.path.endsWith('/batch')
      ? next()
      : smallBodies(c, next),
  );
  app.use('/v1/*', authenticate);

  app.route('/', opsRoutes);
  app.route('/v1', authRoutes);
  app.route('/v1', storeRoutes);
  app.route('/v1', catalogRoutes);
  app.route('/v1', moderationRoutes);
  app.route('/v1', searchRoutes);
  app.route('/v1', feedRoutes);
  app.route('/v1', shopperRoutes);
  app.route('/v1', reportRoutes);
  app.route('/console', consoleApp);
  app.route('/', landingRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A session token from /v1/auth/miniprogram or /v1/auth/dev',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A store API key (mk_…), for that store’s catalog endpoints only',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: `${deps.config.marketplaceName} marketplace API`,
      version: '1.0.0',
      description:
        'Vendors register their WeChat mini-program stores and sync their catalogs; shoppers search across them.',
    },
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
