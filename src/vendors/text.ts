/** Field rules for vendors' untrusted text and links: plain text only, https links only. */
import { z } from 'zod';

const MARKUP = /<[A-Za-z!/?]|&#?[A-Za-z0-9]+;/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_INLINE = /[\u0000-\u001f\u007f\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, but newlines and tabs may stay
const CONTROL_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const text = (min: number, max: number, control: RegExp, controlMessage: string) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !control.test(s), controlMessage)
    .refine((s) => !MARKUP.test(s), 'must be plain text, without markup');

/** A trimmed single line of plain text between `min` and `max` characters. */
export const plainText = (min: number, max: number) =>
  text(min, max, CONTROL_INLINE, 'must be a single line without control characters');

/** Trimmed plain text that may span lines. */
export const plainParagraphs = (min: number, max: number) =>
  text(min, max, CONTROL_MULTILINE, 'must not contain control characters');

export const httpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'must be an https URL' })
  .max(2048);

/** A mini-program page path: no leading slash, an optional query. */
export const pagePath = z
  .string()
  .trim()
  .max(256)
  .regex(
    /^[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*(\?[^\s#<>]*)?$/,
    'must be a page path like pages/goods/detail?id=1',
  );

/** A vendor's own identifier for an item, unique per store. */
export const externalId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'must be letters, digits and _ . : - only');
