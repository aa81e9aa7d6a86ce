/** Resolves who is calling from `Authorization: Bearer …`: a session token or a store API key. */
import { createMiddleware } from 'hono/factory';
import { AppError } from '../../errors';
import { anonymous } from '../../users/actor';
import { actorOfSession } from '../../users/session-actor';
import { API_KEY_PREFIX, authenticateApiKey } from '../../vendors/api-keys';
import type { AppEnv } from '../env';

const badCredentials = () => new AppError('unauthorized', 'The credentials are not valid or have expired');

export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('Authorization');
  if (!header) {
    c.set('actor', anonymous);
    return next();
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw badCredentials();
  const token = match[1]!;
  const { db, clock } = c.var.deps;
  if (token.startsWith(API_KEY_PREFIX)) {
    const key = await authenticateApiKey(db, token, clock.now());
    if (!key) throw badCredentials();
    c.set('actor', { kind: 'api_key', ...key });
    return next();
  }
  const user = await actorOfSession(c.var.deps, token);
  if (!user) throw badCredentials();
  c.set('actor', user);
  return next();
});
