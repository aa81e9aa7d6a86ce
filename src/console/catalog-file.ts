/**
 * A vendor's upload as a batch body for the same ingest the API uses: a JSON batch (or a bare array
 * of items), or a CSV with a header row whose columns are the item's fields.
 */
import Papa from 'papaparse';
import { t } from './messages';

/** Columns that hold a number (fen for prices). */
const numeric = new Set(['price', 'originalPrice']);
/** Columns that hold a list, written `a|b|c`. */
const lists = new Set(['images', 'tags', 'productExternalIds']);

export type Parsed = { ok: true; body: unknown } | { ok: false; message: string };

/** One CSV row as an item: empty cells left out, numbers and lists read, anything odd left for validation to name. */
function itemOfRow(row: Record<string, string>): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries(row)) {
    const value = (raw ?? '').trim();
    if (!column || value === '') continue;
    if (numeric.has(column)) item[column] = Number.isFinite(Number(value)) ? Number(value) : value;
    else if (lists.has(column))
      item[column] = value
        .split('|')
        .map((v) => v.trim())
        .filter(Boolean);
    else item[column] = value;
  }
  return item;
}

export function batchOfFile(fileName: string, content: string): Parsed {
  const text = content.replace(/^\uFEFF/, '');
  if (/\.json$/i.test(fileName) || /^\s*[[{]/.test(text)) {
    try {
      const json: unknown = JSON.parse(text);
      return { ok: true, body: Array.isArray(json) ? { upsert: json } : json };
    } catch (err) {
      return { ok: false, message: `JSON: ${(err as Error).message}` };
    }
  }
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.type === 'Delimiter');
  if (fatal) return { ok: false, message: t.catalog.csvRowError((fatal.row ?? 0) + 2, fatal.message) };
  if (!parsed.meta.fields?.includes('externalId'))
    return { ok: false, message: t.catalog.csvNeedsExternalId };
  return { ok: true, body: { upsert: parsed.data.map(itemOfRow) } };
}
