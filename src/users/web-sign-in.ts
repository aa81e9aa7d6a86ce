/**
 * The console's WeChat sign-in (web OAuth): the browser is sent to WeChat with a random `state`,
 * bound to it by a short-lived signed cookie that also carries where to return; the code it comes
 * back with becomes a session.
 */
import { sign, verify } from 'hono/jwt';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import { randomToken } from '../ids';
import { safeReturnTo } from './return-to';
import { fromWeChat, session } from './sign-in';
import { upsertUserByOpenid } from './users';

export const OAUTH_STATE_COOKIE = 'jishi_oauth';
export const OAUTH_STATE_TTL_SECONDS = 10 * 60;

type WebSignInDeps = Pick<Deps, 'db' | 'clock' | 'config' | 'logger' | 'wechatWeb'>;

function webLogin(deps: WebSignInDeps) {
  if (!deps.wechatWeb) {
    throw new AppError('wechat_not_configured', 'WeChat sign-in is not configured on this server');
  }
  return deps.wechatWeb;
}

/** Where to send the browser, and the cookie that lets only this browser finish the sign-in. */
export async function startWebSignIn(
  deps: WebSignInDeps,
  input: { returnTo?: string | undefined; callbackUrl: string },
) {
  const login = webLogin(deps);
  const nonce = randomToken(16);
  const iat = Math.floor(deps.clock.now().getTime() / 1000);
  const stateCookie = await sign(
    {
      typ: 'oauth_state',
      nonce,
      returnTo: safeReturnTo(input.returnTo),
      iat,
      exp: iat + OAUTH_STATE_TTL_SECONDS,
    },
    deps.config.sessionSecret,
    'HS256',
  );
  return { url: login.authorizeUrl(input.callbackUrl, nonce), stateCookie };
}

const notStartedHere = () =>
  new AppError('unauthorized', 'The sign-in expired or was not started in this browser; sign in again');

/** Checks `state` against the cookie, exchanges the code, and returns a session and where to go. */
export async function finishWebSignIn(
  deps: WebSignInDeps,
  input: { code?: string | undefined; state?: string | undefined; stateCookie?: string | undefined },
) {
  const login = webLogin(deps);
  if (!input.stateCookie || !input.state) throw notStartedHere();
  const payload = await verify(input.stateCookie, deps.config.sessionSecret, {
    alg: 'HS256',
    exp: false,
  }).catch(() => null);
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  if (
    payload?.typ !== 'oauth_state' ||
    payload.nonce !== input.state ||
    typeof payload.exp !== 'number' ||
    payload.exp <= now
  ) {
    throw notStartedHere();
  }
  if (!input.code) throw new AppError('unauthorized', 'WeChat sign-in was cancelled');
  const identity = await login.exchangeCode(input.code).catch((err: unknown) => {
    const mapped = fromWeChat(err);
    if (mapped.code === 'wechat_unavailable')
      deps.logger.warn('wechat web sign-in failed', { error: String(err) });
    throw mapped;
  });
  const row = await upsertUserByOpenid(deps.db, deps.clock.now(), `web:${identity.openid}`, {
    unionid: identity.unionid,
    nickname: identity.nickname,
  });
  return { ...(await session(deps, row)), returnTo: safeReturnTo(String(payload.returnTo)) };
}
