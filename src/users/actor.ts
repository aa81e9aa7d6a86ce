/** Who is calling: the identity every domain call authorizes against. */
import { AppError } from '../errors';

export type Role = 'shopper' | 'vendor' | 'moderator';

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; roles: Role[] }
  | { kind: 'api_key'; keyId: string; storeId: string };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const anonymous: Actor = { kind: 'anonymous' };

/** A signed-in person; 401 for nobody, 403 for a store API key (it may only sync a catalog). */
export function requireUser(actor: Actor): UserActor {
  if (actor.kind === 'user') return actor;
  if (actor.kind === 'api_key') {
    throw new AppError('forbidden', 'A store API key may only call its store catalog endpoints');
  }
  throw new AppError('unauthorized', 'Sign in first');
}

export function isModerator(actor: Actor): boolean {
  return actor.kind === 'user' && actor.roles.includes('moderator');
}

export function requireModerator(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (!user.roles.includes('moderator')) throw new AppError('forbidden', 'Only moderators may do this');
  return user;
}
