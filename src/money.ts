/** Money as people read it: an amount in fen (the API's minor unit) as `¥129.00`. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
