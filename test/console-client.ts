/** A browser-like client of the console for route tests: a cookie jar, the last page's CSRF token, forms posted as a browser would. */
import type { TestApp } from './harness';

export interface Page {
  status: number;
  location: string | null;
  html: string;
}

export function consoleClient(t: TestApp) {
  const jar = new Map<string, string>();
  let csrf = '';

  async function send(method: string, path: string, body?: BodyInit): Promise<Page> {
    const headers: Record<string, string> = {};
    if (jar.size) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (typeof body === 'string') headers['Content-Type'] = 'application/x-www-form-urlencoded';
    const res = await t.app.request(path, { method, headers, body: body ?? null });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at);
      const value = pair!.slice(at + 1);
      if (value === '' || /Max-Age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html);
    if (token) csrf = token[1]!;
    return { status: res.status, location: res.headers.get('location'), html };
  }

  return {
    jar,
    get: (path: string) => send('GET', path),
    /** A form post with this browser's CSRF token (unless `_csrf` is given). */
    post: (path: string, fields: Record<string, string> = {}) =>
      send('POST', path, new URLSearchParams({ _csrf: csrf, ...fields }).toString()),
    postMultipart: (path: string, form: FormData) => {
      if (!form.has('_csrf')) form.set('_csrf', csrf);
      return send('POST', path, form);
    },
    /** Signs in through the dev form, as a moderator when asked. */
    async signIn(openid: string, moderator = false) {
      await send('GET', '/console/sign-in');
      const res = await send(
        'POST',
        '/console/sign-in/dev',
        new URLSearchParams({ _csrf: csrf, openid, ...(moderator ? { moderator: '1' } : {}) }).toString(),
      );
      if (res.status !== 303) throw new Error(`console sign-in failed: ${res.status}`);
      return res;
    },
  };
}
