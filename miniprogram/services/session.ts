/** The shopper's session: kept in local storage, obtained with `wx.login` → `POST /v1/auth/miniprogram`. */
import { config } from '../config';
import type { Session } from './types';
import { wxRequest } from './wx-request';

const KEY = 'session';
let pending: Promise<Session> | null = null;

export function currentSession(): Session | null {
  const stored = wx.getStorageSync(KEY) as Session | '';
  return stored && typeof stored === 'object' && stored.token ? stored : null;
}

export function clearSession(): void {
  wx.removeStorageSync(KEY);
}

function wxLogin(): Promise<string> {
  return new Promise((resolve, reject) =>
    wx.login({ success: (res) => resolve(res.code), fail: (err) => reject(new Error(err.errMsg)) }),
  );
}

async function exchange(): Promise<Session> {
  const session = config.devOpenid
    ? await wxRequest<Session>({ method: 'POST', path: '/v1/auth/dev', data: { openid: config.devOpenid } })
    : await wxRequest<Session>({
        method: 'POST',
        path: '/v1/auth/miniprogram',
        data: { code: await wxLogin() },
      });
  wx.setStorageSync(KEY, session);
  return session;
}

/** Signs in afresh; concurrent callers share one `wx.login`. */
export function signIn(): Promise<Session> {
  pending ??= exchange().finally(() => {
    pending = null;
  });
  return pending;
}
