/** The typed `request<T>()` every service module uses: attaches the session, signs in when needed, retries once on 401. */
import { ApiError } from './errors';
import { clearSession, currentSession, signIn } from './session';
import { type Method, type Query, wxRequest } from './wx-request';

/** `required`: sign in first if needed; `optional`: send the session if there is one (feed, search). */
export type Auth = 'required' | 'optional';

export interface RequestOptions {
  method?: Method;
  path: string;
  query?: Query;
  data?: WechatMiniprogram.IAnyObject;
  auth?: Auth;
}

async function tokenFor(auth: Auth): Promise<string | undefined> {
  const session = currentSession();
  if (session) return session.token;
  return auth === 'required' ? (await signIn()).token : undefined;
}

export async function request<T>(options: RequestOptions): Promise<T> {
  const auth = options.auth ?? 'optional';
  const req = {
    method: options.method ?? 'GET',
    path: options.path,
    query: options.query,
    data: options.data,
  };
  const token = await tokenFor(auth);
  try {
    return await wxRequest<T>({ ...req, token });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401 || !token) throw err;
    // The session expired or was revoked: sign in again (or go anonymous) and try once more.
    clearSession();
    return wxRequest<T>({ ...req, token: await tokenFor(auth) });
  }
}
