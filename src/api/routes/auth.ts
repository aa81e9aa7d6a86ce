/** Sign-in routes and the caller's own identity. */
import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { AppError, notFound } from '../../errors';
import { requireUser } from '../../users/actor';
import { setSessionCookie } from '../../users/session-cookie';
import { DevSignIn, devSignIn, MiniProgramSignIn, Session, signInWithMiniProgram } from '../../users/sign-in';
import { getUserRow, toUser, User } from '../../users/users';
import {
  finishWebSignIn,
  OAUTH_STATE_COOKIE,
  OAUTH_STATE_TTL_SECONDS,
  startWebSignIn,
} from '../../users/web-sign-in';
import { errors, json, jsonBody, router, sessionAuth, siteOrigin } from '../openapi';

export const authRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/miniprogram',
      tags: ['auth'],
      summary: 'Sign in from the mini-program with a wx.login code (WeChat code2Session)',
      request: { body: jsonBody(MiniProgramSignIn) },
      responses: { 200: json(Session, 'A session for the shopper'), ...errors(400, 401, 403, 429, 503) },
    }),
    async (c) => c.json(await signInWithMiniProgram(c.var.deps, c.req.valid('json').code), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/wechat/web/authorize',
      tags: ['auth'],
      summary: 'Start the console’s WeChat sign-in (web OAuth): 302 to WeChat',
      request: { query: z.object({ returnTo: z.string().max(2000).optional() }) },
      responses: { 302: { description: 'To WeChat’s authorize page' }, ...errors(400, 503) },
    }),
    async (c) => {
      const { deps } = c.var;
      const { url, stateCookie } = await startWebSignIn(deps, {
        returnTo: c.req.valid('query').returnTo,
        callbackUrl: `${siteOrigin(c)}/v1/auth/wechat/web/callback`,
      });
      setCookie(c, OAUTH_STATE_COOKIE, stateCookie, {
        path: '/v1/auth/wechat/web',
        httpOnly: true,
        sameSite: 'Lax',
        secure: deps.config.production,
        maxAge: OAUTH_STATE_TTL_SECONDS,
      });
      return c.redirect(url, 302);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/auth/wechat/web/callback',
      tags: ['auth'],
      summary:
        'WeChat’s redirect back: sets the session cookie and 302s to `returnTo` (to the sign-in page on failure)',
      request: {
        query: z.object({ code: z.string().max(256).optional(), state: z.string().max(128).optional() }),
      },
      responses: { 302: { description: 'To `returnTo`, signed in; or to the sign-in page with `error`' } },
    }),
    async (c) => {
      const { deps } = c.var;
      const { code, state } = c.req.valid('query');
      const stateCookie = getCookie(c, OAUTH_STATE_COOKIE);
      deleteCookie(c, OAUTH_STATE_COOKIE, { path: '/v1/auth/wechat/web', secure: deps.config.production });
      try {
        const signedIn = await finishWebSignIn(deps, { code, state, stateCookie });
        setSessionCookie(c, deps.config.production, signedIn.token);
        return c.redirect(signedIn.returnTo, 302);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return c.redirect(`/console/sign-in?error=${encodeURIComponent(err.code)}`, 302);
      }
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/dev',
      tags: ['auth'],
      summary: 'Sign in as anyone, for local development only (404 when dev login is off)',
      request: { body: jsonBody(DevSignIn) },
      responses: { 200: json(Session, 'A session'), ...errors(400, 404) },
    }),
    async (c) => c.json(await devSignIn(c.var.deps, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['auth'],
      summary: 'Who am I',
      security: sessionAuth,
      responses: { 200: json(z.object({ user: User }), 'The signed-in user'), ...errors(401, 403) },
    }),
    async (c) => {
      const me = requireUser(c.var.actor);
      const row = await getUserRow(c.var.deps.db, me.userId);
      if (!row) throw notFound('User');
      return c.json({ user: toUser(row) }, 200);
    },
  );
