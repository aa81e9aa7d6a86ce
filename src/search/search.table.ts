/** Row type of `search_queries`. */
export interface SearchQueriesTable {
  q: string;
  score: number;
  hits: number;
  updated_at: string;
}
