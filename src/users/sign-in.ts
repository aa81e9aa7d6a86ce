/** Signing in: the mini-program's wx.login code through WeChat's code2Session, and dev login. */
import { z } from 'zod';
import type { Deps } from '../deps';
import { AppError, notFound } from '../errors';
import { WeChatApiError, WeChatError, wechatErrorCodes } from '../wechat/errors';
import type { Role } from './actor';
import { issueSessionToken } from './sessions';
import { toUser, type User, upsertUserByOpenid } from './users';

export const MiniProgramSignIn = z
  .strictObject({ code: z.string().min(1).max(256) })
  .meta({ id: 'MiniProgramSignIn' });

export const DevSignIn = z
  .strictObject({
    openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 letters, digits, _ or -'),
    roles: z
      .array(z.enum(['shopper', 'vendor', 'moderator']))
      .max(3)
      .optional(),
  })
  .meta({ id: 'DevSignIn' });

export const Session = z
  .object({
    token: z.string(),
    user: z.object({ id: z.string(), roles: z.array(z.string()), nickname: z.string().optional() }),
  })
  .meta({ id: 'Session' });

/** WeChat's answer, as our error: the shopper's code is at fault (401), or WeChat is (429, 503). */
export function fromWeChat(err: unknown): AppError {
  if (err instanceof WeChatApiError) {
    switch (err.errcode) {
      case wechatErrorCodes.invalidCode:
        return new AppError(
          'wechat_code_invalid',
          'The sign-in code is invalid or has expired; call wx.login again',
        );
      case wechatErrorCodes.codeUsed:
        return new AppError('wechat_code_used', 'The sign-in code was already used; call wx.login again');
      case wechatErrorCodes.rateLimited:
        return new AppError('rate_limited', 'Too many sign-ins; try again in a minute', [], 60);
      case wechatErrorCodes.riskyUser:
        return new AppError('wechat_risky_user', 'WeChat refused this sign-in for the account’s safety');
      case wechatErrorCodes.busy:
        return new AppError('wechat_unavailable', 'WeChat is busy; try again shortly', [], 2);
    }
  }
  if (err instanceof WeChatError)
    return new AppError('wechat_unavailable', 'WeChat could not be reached; try again shortly', [], 5);
  throw err;
}

export async function session(
  deps: Pick<Deps, 'config' | 'clock'>,
  userRow: Parameters<typeof toUser>[0],
): Promise<{ token: string; user: User }> {
  return {
    token: await issueSessionToken(deps.config.sessionSecret, userRow.id, deps.clock.now()),
    user: toUser(userRow),
  };
}

export async function signInWithMiniProgram(deps: Deps, code: string) {
  if (!deps.wechat)
    throw new AppError('wechat_not_configured', 'Mini-program sign-in is not configured on this server');
  const wx = await deps.wechat.code2Session(code).catch((err: unknown) => {
    const mapped = fromWeChat(err);
    if (mapped.code === 'wechat_unavailable')
      deps.logger.warn('wechat code2Session failed', { error: String(err) });
    throw mapped;
  });
  const row = await upsertUserByOpenid(deps.db, deps.clock.now(), wx.openid, { unionid: wx.unionid });
  return session(deps, row);
}

/** Only when dev login is on (never in production); otherwise the route does not exist. */
export async function devSignIn(deps: Deps, input: { openid: string; roles?: Role[] | undefined }) {
  if (!deps.config.devLogin || deps.config.production) throw notFound('Route');
  const row = await upsertUserByOpenid(deps.db, deps.clock.now(), `dev:${input.openid}`, {
    grant: input.roles ?? [],
  });
  return session(deps, row);
}
