/** Signed session tokens (HS256 JWT) with an expiry; the user's roles are read fresh on each request. */
import { sign, verify } from 'hono/jwt';

export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

export async function issueSessionToken(secret: string, userId: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return sign({ sub: userId, iat, exp: iat + SESSION_TTL_SECONDS, typ: 'session' }, secret, 'HS256');
}

/** The user id of a valid, unexpired token; null for anything else. */
export async function verifySessionToken(secret: string, token: string, now: Date): Promise<string | null> {
  try {
    const payload = await verify(token, secret, { alg: 'HS256', exp: false });
    if (payload.typ !== 'session' || typeof payload.sub !== 'string') return null;
    if (typeof payload.exp !== 'number' || payload.exp <= Math.floor(now.getTime() / 1000)) return null;
    return payload.sub;
  } catch {
    return null;
  }
}
