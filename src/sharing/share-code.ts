/**
 * Share codes for products and stores shoppers can see: a QR code of the item's marketplace page
 * (SVG or PNG), or a WeChat mini-program code that opens the item in the marketplace mini-program.
 */
import { z } from 'zod';
import type { Deps } from '../deps';
import { AppError, validationError } from '../errors';
import { anonymous } from '../users/actor';
import { getProduct } from '../vendors/catalog';
import { getStore } from '../vendors/stores';
import { wechatErrorCodes as E, WeChatApiError } from '../wechat/errors';
import { qrPng, qrSvg } from './qr';
import { type SharedType, sceneFor } from './scene';

export const ShareCodeQuery = z.object({
  format: z.enum(['svg', 'png']).optional().meta({
    description: 'For `kind=qr`: svg (the default) or png. A mini-program code is the image WeChat made.',
  }),
  kind: z
    .enum(['qr', 'wxacode'])
    .default('qr')
    .meta({ description: 'qr: a QR code of the web page; wxacode: a WeChat mini-program code' }),
});
export type ShareCodeQuery = z.infer<typeof ShareCodeQuery>;

/** The mini-program pages a code opens; each reads `parseScene(decodeURIComponent(query.scene))`. */
export const sharePages = { product: 'pages/product/index', store: 'pages/store/index' } as const;

const pagePrefix = { product: 'p', store: 's' } as const;

/** Mini-program codes spend the app's WeChat quota (5000 a minute): stay well below it. */
const WXACODE_PER_MINUTE = 1000;

export interface ShareImage {
  contentType: string;
  body: string | Uint8Array;
}

/** The marketplace's own page for the item: `${publicBaseUrl}/p/<productId>` or `/s/<storeId>`. */
export const shareUrl = (deps: Pick<Deps, 'config'>, type: SharedType, id: string) =>
  `${deps.config.publicBaseUrl}/${pagePrefix[type]}/${encodeURIComponent(id)}`;

/** The code for an item anyone may see; 404 for anything else, whoever asks. */
export async function shareCode(
  deps: Deps,
  type: SharedType,
  id: string,
  query: ShareCodeQuery,
): Promise<ShareImage> {
  await (type === 'product' ? getProduct(deps, anonymous, id) : getStore(deps, anonymous, id));
  if (query.kind === 'wxacode') {
    if (query.format === 'svg') {
      throw validationError([
        { path: ['format'], code: 'invalid_value', message: 'a mini-program code is an image from WeChat' },
      ]);
    }
    return wxaCode(deps, type, id);
  }
  const url = shareUrl(deps, type, id);
  return query.format === 'png'
    ? { contentType: 'image/png', body: await qrPng(url) }
    : { contentType: 'image/svg+xml', body: await qrSvg(url) };
}

async function wxaCode(deps: Deps, type: SharedType, id: string): Promise<ShareImage> {
  if (!deps.wechat) {
    throw new AppError('wechat_not_configured', 'Mini-program codes are not configured on this server');
  }
  const limit = await deps.limiter.hit('share:wxacode', WXACODE_PER_MINUTE, 60_000, deps.clock.now());
  if (!limit.allowed) {
    throw new AppError('rate_limited', 'Too many mini-program codes at once', [], limit.retryAfterSeconds);
  }
  const request = { scene: sceneFor(type, id), page: sharePages[type] };
  try {
    const image = await deps.wechat.getUnlimitedQrCode(request);
    return { contentType: image.contentType, body: image.bytes };
  } catch (err) {
    throw fromWeChat(deps, err, request);
  }
}

/** WeChat's refusals, as errors a client can act on; anything else is WeChat being unavailable. */
function fromWeChat(deps: Pick<Deps, 'logger'>, err: unknown, request: { scene: string; page: string }) {
  deps.logger.warn('wechat getwxacodeunlimit failed', { error: String(err), ...request });
  if (err instanceof WeChatApiError) {
    switch (err.errcode) {
      case E.invalidSceneLength:
      case E.invalidScene:
        return new AppError(
          'wxacode_rejected',
          `WeChat refused the scene "${request.scene}" (errcode ${err.errcode}): a scene is at most 32 letters, digits or !#$&'()*+,/:;=?@-._~`,
        );
      case E.invalidPage:
        return new AppError(
          'wxacode_rejected',
          `WeChat refused the page ${request.page} (errcode 41030): it is not a page of the released mini-program`,
        );
      case E.quotaReached:
      case E.rateLimited:
        return new AppError(
          'rate_limited',
          'WeChat’s quota for mini-program codes is used up for now',
          [],
          60,
        );
    }
  }
  return new AppError('wechat_unavailable', 'WeChat could not make the mini-program code; try again shortly');
}
