/**
 * WeChat web OAuth for the console (网站应用微信登录): the authorize address a browser is sent to, and
 * the code it comes back with exchanged for the user's identity — on fetch alone, so it runs anywhere.
 */
import { z } from 'zod';
import { createTransport, jsonOf } from './client';
import { WeChatRequestError } from './errors';

export interface WeChatWebIdentity {
  openid: string;
  unionid: string | null;
  nickname: string | null;
}

export interface WeChatWebLogin {
  /** Where to send the browser: WeChat shows its QR code and, once confirmed, redirects to `redirectUri?code&state`. */
  authorizeUrl(redirectUri: string, state: string): string;
  /** The code from the redirect, exchanged (`/sns/oauth2/access_token`, then `/sns/userinfo`); throws WeChatApiError (40029, 40163…). */
  exchangeCode(code: string): Promise<WeChatWebIdentity>;
}

export interface WeChatWebLoginOptions {
  /** The website app's AppID and AppSecret (open.weixin.qq.com), not the mini-program's. */
  appId: string;
  appSecret: string;
  /** `https://open.weixin.qq.com`, or the emulator's address. */
  openBase: string;
  /** `https://api.weixin.qq.com`, or the emulator's address. */
  apiBase: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const TokenAnswer = z.object({
  access_token: z.string().min(1),
  openid: z.string().min(1),
  unionid: z.string().min(1).optional(),
});
const UserInfoAnswer = z.object({ nickname: z.string().optional() });

export function createWeChatWebLogin(options: WeChatWebLoginOptions): WeChatWebLogin {
  const send = createTransport(options);
  const call = async (path: string, params: Record<string, string>) => jsonOf(path, await send(path, params));
  const openBase = options.openBase.replace(/\/+$/, '');

  return {
    authorizeUrl(redirectUri, state) {
      const query = new URLSearchParams({
        appid: options.appId,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'snsapi_login',
        state,
      });
      return `${openBase}/connect/qrconnect?${query}#wechat_redirect`;
    },

    async exchangeCode(code) {
      const token = TokenAnswer.safeParse(
        await call('/sns/oauth2/access_token', {
          appid: options.appId,
          secret: options.appSecret,
          code,
          grant_type: 'authorization_code',
        }),
      );
      if (!token.success) {
        throw new WeChatRequestError(
          'WeChat /sns/oauth2/access_token answered without access_token or openid',
        );
      }
      const { access_token, openid, unionid } = token.data;
      // The nickname is a nicety: the sign-in stands without it.
      const info = await call('/sns/userinfo', { access_token, openid })
        .then((body) => UserInfoAnswer.safeParse(body))
        .catch(() => null);
      return {
        openid,
        unionid: unionid ?? null,
        nickname: info?.success ? (info.data.nickname ?? null) : null,
      };
    },
  };
}
