/**
 * The `scene` of a mini-program code names what was shared. WeChat allows at most 32 characters
 * of letters, digits and `!#$&'()*+,/:;=?@-._~`, so our ids (`pr_` + 32 hex digits) are packed:
 * `p=` + the 16 bytes in base64url, 24 characters. The mini-program page reads it back with
 * `parseScene(decodeURIComponent(query.scene))`.
 */

import { base64url } from '../ids';

export type SharedType = 'product' | 'store';

const packedKey = { product: 'p', store: 's' } as const;
const rawKey = { product: 'pid', store: 'sid' } as const;
const idPrefix = { product: 'pr', store: 'st' } as const;

function hexToBase64url(hex: string): string {
  return base64url(Uint8Array.from(hex.match(/../g)!, (h) => Number.parseInt(h, 16)));
}

function base64urlToHex(text: string): string {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Array.from(binary, (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
}

/** The scene for a shared item: packed when the id has our usual shape, the id itself otherwise. */
export function sceneFor(type: SharedType, id: string): string {
  const match = new RegExp(`^${idPrefix[type]}_([0-9a-f]{32})$`).exec(id);
  return match ? `${packedKey[type]}=${hexToBase64url(match[1]!)}` : `${rawKey[type]}=${id}`;
}

/** What a scene made by `sceneFor` names, or null for anything else. */
export function parseScene(scene: string): { type: SharedType; id: string } | null {
  const eq = scene.indexOf('=');
  const key = scene.slice(0, eq);
  const value = scene.slice(eq + 1);
  if (eq < 1 || value === '') return null;
  for (const type of ['product', 'store'] as const) {
    if (key === rawKey[type]) return { type, id: value };
    if (key === packedKey[type] && /^[A-Za-z0-9_-]{22}$/.test(value)) {
      return { type, id: `${idPrefix[type]}_${base64urlToHex(value)}` };
    }
  }
  return null;
}
