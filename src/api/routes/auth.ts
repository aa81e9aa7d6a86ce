/** Sign-in routes and the caller's own identity. */
import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { notFound } from '../../errors';
import { requireUser } from '../../users/actor';
import { DevSignIn, devSignIn, MiniProgramSignIn, Session, signInWithMiniProgram } from '../../users/sign-in';
import { getUserRow, toUser, User } from '../../users/users';
import { errors, json, jsonBody, router, sessionAuth } from '../openapi';

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
