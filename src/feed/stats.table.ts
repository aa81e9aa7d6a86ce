/** Row type of `item_stats`. */
export interface ItemStatsTable {
  item_type: 'product' | 'post' | 'store';
  item_id: string;
  /** UTC date, YYYY-MM-DD. */
  day: string;
  views: number;
  friend_adds: number;
}

export interface FeedTables {
  item_stats: ItemStatsTable;
}
