/**
 * The web console at /console: server-rendered pages for vendors and moderators over the same
 * domain functions as the API. Sessions ride in an HttpOnly cookie; every POST carries a CSRF token.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { AppError } from '../errors';
import { anonymous } from '../users/actor';
import { safeReturnTo } from '../users/return-to';
import { actorOfSession } from '../users/session-actor';
import { sessionCookie } from '../users/session-cookie';
import { CSRF_FIELD, csrfToken, validCsrf } from './csrf';
import type { ConsoleEnv, Form } from './env';
import { consoleCss, consoleJs } from './layout';
import { t } from './messages';
import { auditRoutes } from './pages/audit';
import { catalogRoutes } from './pages/catalog';
import { keyRoutes } from './pages/keys';
import { leadRoutes } from './pages/leads';
import { reportRoutes } from './pages/reports';
import { reviewRoutes } from './pages/review';
import { signInRoutes } from './pages/sign-in';
import { storeRoutes } from './pages/stores';
import { render } from './render';

/** Uploads of a full 1000-item batch fit. */
const MAX_FORM_BYTES = 4 * 1024 * 1024;

export const consoleApp = new Hono<ConsoleEnv>();

consoleApp.get('/assets/console.css', (c) =>
  c.body(consoleCss, 200, {
    'content-type': 'text/css; charset=utf-8',
    'cache-control': 'public, max-age=3600',
  }),
);
consoleApp.get('/assets/console.js', (c) =>
  c.body(consoleJs, 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=3600',
  }),
);

consoleApp.use(
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      imgSrc: ["'self'", 'https:', 'data:'],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
    referrerPolicy: 'same-origin',
  }),
);
consoleApp.use(
  bodyLimit({
    maxSize: MAX_FORM_BYTES,
    onError: () => {
      throw new AppError('payload_too_large', t.common.tooLarge(MAX_FORM_BYTES / 1024 / 1024));
    },
  }),
);

/** Who is signed in, this browser's CSRF token, and for a POST its form, refused without the token. */
consoleApp.use(async (c, next) => {
  const { deps } = c.var;
  c.header('Cache-Control', 'no-store');
  const token = sessionCookie(c, deps.config.production);
  const user = token ? await actorOfSession(deps, token) : null;
  c.set('user', user);
  c.set('actor', user ?? anonymous);
  c.set('csrfToken', await csrfToken(c, deps.config.sessionSecret, deps.config.production));
  let form: Form = {};
  if (c.req.method === 'POST') {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      form = (await c.req.parseBody()) as Form;
    }
    if (!validCsrf(c.var.csrfToken, form[CSRF_FIELD])) {
      return render(c, t.errors.title, <ErrorBody text={t.errors.csrf} />, { status: 403 });
    }
  }
  c.set('form', form);
  await next();
});

consoleApp.route('/', signInRoutes);
consoleApp.route('/', storeRoutes);
consoleApp.route('/', keyRoutes);
consoleApp.route('/', catalogRoutes);
consoleApp.route('/', leadRoutes);
consoleApp.route('/', reviewRoutes);
consoleApp.route('/', reportRoutes);
consoleApp.route('/', auditRoutes);

consoleApp.all('*', (c) =>
  render(c, t.errors.title, <ErrorBody text={t.errors.notFound} />, { status: 404 }),
);

const ErrorBody = ({ text }: { text: string }) => (
  <div class="card">
    <p role="alert">{text}</p>
    <p>
      <a href="/console">{t.errors.home}</a>
    </p>
  </div>
);

consoleApp.onError((err, c) => {
  if (err instanceof AppError) {
    if (err.code === 'unauthorized') {
      const back = safeReturnTo(`${c.req.path}${new URL(c.req.url).search}`);
      return c.redirect(
        `/console/sign-in?returnTo=${encodeURIComponent(c.req.method === 'GET' ? back : '/console')}`,
        303,
      );
    }
    const text =
      err.code === 'forbidden'
        ? t.errors.forbidden
        : err.code === 'not_found'
          ? t.errors.notFound
          : err.code === 'conflict'
            ? t.errors.conflict
            : `${t.errors.generic}${err.message}`;
    return render(c, t.errors.title, <ErrorBody text={text} />, { status: err.status });
  }
  c.var.deps?.logger.error('unhandled error', {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    error: err,
  });
  return render(c, t.errors.title, <ErrorBody text={t.errors.generic} />, { status: 500 });
});
