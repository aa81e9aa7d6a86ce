/** Errors of the WeChat client: the API said no (with WeChat's errcode), or the request itself failed. */

/** WeChat errcodes that code2Session answers and that we act on. */
export const wechatErrorCodes = {
  busy: -1,
  invalidAppId: 40013,
  invalidCode: 40029,
  invalidAppSecret: 40125,
  codeUsed: 40163,
  riskyUser: 40226,
  missingAppId: 41002,
  missingAppSecret: 41004,
  missingCode: 41008,
  rateLimited: 45011,
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
