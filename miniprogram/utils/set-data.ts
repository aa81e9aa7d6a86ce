/** Helpers that keep `setData` payloads to what changed. */

/** Keys that append `items` after the first `from` entries of the list at `key`, leaving those untouched. */
export function appendKeys<T>(key: string, from: number, items: T[]): Record<string, T> {
  const keys: Record<string, T> = {};
  items.forEach((item, i) => {
    keys[`${key}[${from + i}]`] = item;
  });
  return keys;
}
