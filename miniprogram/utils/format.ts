/** How prices and dates read in the mini-program. */

/** `12900` fen → `¥129.00`. */
export function formatPrice(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** Yuan typed by a shopper → fen, or undefined when blank or not a price. */
export function yuanToFen(text: string): number | undefined {
  const value = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(value) || value < 0 ? undefined : Math.round(value * 100);
}

/** ISO timestamp → `11月1日`. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${d.getMonth() + 1}月${d.getDate()}日`;
}
