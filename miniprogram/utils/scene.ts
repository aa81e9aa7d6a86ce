/**
 * The item a mini-program code opens. A code carries `scene` (≤ 32 characters), made by the
 * service's `sceneFor`: `p=`/`s=` and the id's 16 bytes in base64url, or `pid=`/`sid=` and the id.
 * Written here without `atob`, which the mini-program runtime lacks.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url (unpadded) as lowercase hex; null when it is not base64url. */
function base64urlToHex(text: string): string | null {
  let bits = 0;
  let value = 0;
  let hex = '';
  for (const ch of text) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += ((value >> bits) & 0xff).toString(16).padStart(2, '0');
    }
  }
  return hex;
}

const kinds = {
  product: { packed: 'p', raw: 'pid', prefix: 'pr' },
  store: { packed: 's', raw: 'sid', prefix: 'st' },
} as const;

/** The id of a `kind` the scene names (as the page's query gives it, still URI-encoded), or '' for anything else. */
export function idFromScene(scene: string | undefined, kind: keyof typeof kinds): string {
  if (!scene) return '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(scene);
  } catch {
    return '';
  }
  const eq = decoded.indexOf('=');
  const key = decoded.slice(0, eq);
  const value = decoded.slice(eq + 1);
  const k = kinds[kind];
  if (eq < 1 || !value) return '';
  if (key === k.raw) return value;
  if (key !== k.packed) return '';
  const hex = base64urlToHex(value);
  return hex && hex.length === 32 ? `${k.prefix}_${hex}` : '';
}
