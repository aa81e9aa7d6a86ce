/**
 * CSRF protection for the console's forms: a random value in an HttpOnly cookie, and in every form
 * its HMAC under the server's secret. A cross-site page can neither read the cookie nor compute the
 * token for a cookie it planted.
 */
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { base64url, randomToken } from '../ids';

export const CSRF_FIELD = '_csrf';
const cookieName = (production: boolean) => (production ? '__Host-jishi_csrf' : 'jishi_csrf');
const COOKIE_VALUE = /^[A-Za-z0-9_-]{32,64}$/;

const keys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    keys.set(secret, key);
  }
  return key;
}

async function tokenFor(secret: string, cookieValue: string): Promise<string> {
  const mac = await crypto.subtle.sign(
    'HMAC',
    await hmacKey(secret),
    new TextEncoder().encode(`csrf:${cookieValue}`),
  );
  return base64url(new Uint8Array(mac));
}

/** The token for this browser's forms, setting its cookie on first visit. */
export async function csrfToken(c: Context, secret: string, production: boolean): Promise<string> {
  let value = getCookie(c, cookieName(production));
  if (!value || !COOKIE_VALUE.test(value)) {
    value = randomToken(32);
    setCookie(c, cookieName(production), value, {
      path: '/',
      httpOnly: true,
      sameSite: 'Lax',
      secure: production,
    });
  }
  return tokenFor(secret, value);
}

/** Whether `submitted` is the token for this browser's cookie (compared in constant time). */
export function validCsrf(expected: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ submitted.charCodeAt(i);
  return diff === 0;
}
