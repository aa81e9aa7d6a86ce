/**
 * The console's session: the same signed token the API takes as a Bearer token, kept in an HttpOnly,
 * SameSite=Lax cookie — Secure and `__Host-` prefixed in production.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_TTL_SECONDS } from './sessions';

export const sessionCookieName = (production: boolean) =>
  production ? '__Host-jishi_session' : 'jishi_session';

export function setSessionCookie(c: Context, production: boolean, token: string) {
  setCookie(c, sessionCookieName(production), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: production,
    maxAge: SESSION_TTL_SECONDS,
  });
}

export function clearSessionCookie(c: Context, production: boolean) {
  deleteCookie(c, sessionCookieName(production), { path: '/', secure: production });
}

export const sessionCookie = (c: Context, production: boolean): string | undefined =>
  getCookie(c, sessionCookieName(production));
