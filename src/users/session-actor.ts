/** Who a session token belongs to, with their roles read fresh; null for a bad or expired token or a deleted user. */
import type { Deps } from '../deps';
import type { UserActor } from './actor';
import { verifySessionToken } from './sessions';
import { getUserRow, rolesOf } from './users';

export async function actorOfSession(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  token: string,
): Promise<UserActor | null> {
  const userId = await verifySessionToken(deps.config.sessionSecret, token, deps.clock.now());
  const user = userId ? await getUserRow(deps.db, userId) : undefined;
  return user ? { kind: 'user', userId: user.id, roles: rolesOf(user) } : null;
}
