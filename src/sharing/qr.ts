/** QR codes of marketplace links, as SVG (the `qrcode` package) or PNG (its matrix, our encoder). */
import { create, toString as renderQr } from 'qrcode';
import { encodeBitmapPng } from './png';

/** Medium error correction survives a smudged print; a quiet zone of 4 modules is what scanners expect. */
const ERROR_CORRECTION = 'M';
const MARGIN = 4;
/** Pixels per module in the PNG: a typical link gives a code of about 300 px. */
const PNG_SCALE = 8;

export function qrSvg(text: string): Promise<string> {
  return renderQr(text, { type: 'svg', errorCorrectionLevel: ERROR_CORRECTION, margin: MARGIN });
}

export function qrPng(text: string): Promise<Uint8Array> {
  const { modules } = create(text, { errorCorrectionLevel: ERROR_CORRECTION });
  const side = (modules.size + 2 * MARGIN) * PNG_SCALE;
  return encodeBitmapPng(side, side, (x, y) => {
    const col = Math.floor(x / PNG_SCALE) - MARGIN;
    const row = Math.floor(y / PNG_SCALE) - MARGIN;
    return row >= 0 && col >= 0 && row < modules.size && col < modules.size && Boolean(modules.get(row, col));
  });
}
