/** What the emulator's parts share: WeChat's errmsg texts, its error answer, and random codes. */
import { base64url } from '../ids';
import { wechatErrorCodes as E } from './errors';

/** A `wx.login` code is valid for five minutes. */
export const CODE_TTL_MS = 5 * 60 * 1000;

/** WeChat's own errmsg texts; WeChat appends `, rid: …` to each. */
export const errmsgs: Record<number, string> = {
  [E.busy]: 'system error',
  [E.invalidCredential]: 'invalid credential, access_token is invalid or not latest',
  [E.invalidGrantType]: 'invalid grant_type',
  [E.invalidOpenid]: 'invalid openid',
  [E.invalidAppId]: 'invalid appid',
  [E.invalidArgs]: 'invalid args',
  [E.invalidScene]: 'invalid scene',
  [E.invalidSceneLength]: 'invalid length for scene, or the data is not json string',
  [E.missingAccessToken]: 'access_token missing',
  [E.invalidPage]: 'invalid page',
  [E.accessTokenExpired]: 'access_token expired',
  [E.quotaReached]: 'reach max api daily quota limit',
  [E.dataFormatError]: 'data format error',
  [E.invalidCode]: 'invalid code',
  [E.invalidAppSecret]: 'invalid appsecret',
  [E.codeUsed]: 'code been used',
  [E.riskyUser]: 'code blocked',
  [E.missingAppId]: 'appid missing',
  [E.missingAppSecret]: 'appsecret missing',
  [E.missingCode]: 'missing code',
  [E.rateLimited]: 'api minute-quota reach limit mustslower retry next minute',
};

export function randomBytes(n: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(n));
}

export function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** 24 random bytes as base64url: 32 characters, the length of a real code. */
export function newCode(): string {
  return base64url(randomBytes(24));
}

export function wechatError(errcode: number) {
  const rid = [4, 4, 4].map((n) => hex(randomBytes(n))).join('-');
  return { errcode, errmsg: `${errmsgs[errcode] ?? 'unknown error'}, rid: ${rid}` };
}
