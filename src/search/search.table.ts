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
