-- The catalog rows each write changed, in order, so the embedded engine's in-memory columns
-- (filters, facets, sorts) read them again before its next search. Written by the embedded engine in
-- the catalog's own batch; only the newest are kept, and a reader further behind loads afresh.
CREATE TABLE search_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL CHECK (type IN ('product', 'post', 'store')),
  row INTEGER NOT NULL
);
