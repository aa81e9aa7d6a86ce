/** Where to send someone after signing in: a path on this site, never another origin. */

const BASE = 'https://same-origin.invalid';

/** `raw` when it is a same-origin path (`/console/…`), else `fallback`; rejects `//host`, `/\host`, schemes and control characters. */
export function safeReturnTo(raw: string | null | undefined, fallback = '/console'): string {
  if (!raw || raw.length > 2000 || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    return fallback;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
