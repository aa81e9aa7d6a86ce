/** Errors of the WeChat client: the API said no (with WeChat's errcode), or the request itself failed. */

/** WeChat errcodes that code2Session, the access token and getwxacodeunlimit answer and that we act on. */
export const wechatErrorCodes = {
  busy: -1,
  invalidCredential: 40001,
  invalidGrantType: 40002,
  invalidOpenid: 40003,
  invalidAppId: 40013,
  invalidAccessToken: 40014,
  invalidCode: 40029,
  invalidArgs: 40097,
  invalidAppSecret: 40125,
  invalidScene: 40129,
  codeUsed: 40163,
  invalidSceneLength: 40169,
  riskyUser: 40226,
  missingAccessToken: 41001,
  missingAppId: 41002,
  missingAppSecret: 41004,
  missingCode: 41008,
  invalidPage: 41030,
  accessTokenExpired: 42001,
  quotaReached: 45009,
  rateLimited: 45011,
  dataFormatError: 47001,
} as const;

export type WeChatErrorCode = (typeof wechatErrorCodes)[keyof typeof wechatErrorCodes];

export class WeChatError extends Error {
  override name = 'WeChatError';
}

/** WeChat answered with a non-zero `errcode`. */
export class WeChatApiError extends WeChatError {
  override name = 'WeChatApiError';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat answered errcode ${errcode}: ${errmsg}`);
  }
}

/** No usable answer: network failure, timeout, non-2xx status or a body that is not the expected JSON. */
export class WeChatRequestError extends WeChatError {
  override name = 'WeChatRequestError';
  /** The HTTP status when WeChat answered with one outside 2xx. */
  readonly status: number | null;

  constructor(message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, { cause: options.cause });
    this.status = options.status ?? null;
  }
}
