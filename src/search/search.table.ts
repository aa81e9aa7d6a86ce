/** Row type of `search_queries`. */
export interface SearchQueriesTable {
  q: string;
  score: number;
  hits: number;
  updated_at: string;
}

/** Row type of `search_state`: one row whose generation changes with every write search can see. */
export interface SearchStateTable {
  id: number;
  generation: number;
}

/** Row type of `search_changes`: a catalog row a write changed, for the embedded engine's columns. */
export interface SearchChangesTable {
  seq: number;
  type: 'product' | 'post' | 'store';
  row: number;
}
