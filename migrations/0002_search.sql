-- The embedded search engine: one contentless FTS5 index per document type, rowid = the
-- catalog row's rowid. Columns hold analysed text (normalised, segmented words; pinyin in py).
CREATE VIRTUAL TABLE product_fts USING fts5(
  title, brand, body, py,
  content='', contentless_delete=1, prefix='1 2 3', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE post_fts USING fts5(
  title, brand, body, py,
  content='', contentless_delete=1, prefix='1 2 3', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE store_fts USING fts5(
  title, brand, body, py,
  content='', contentless_delete=1, prefix='1 2 3', tokenize='unicode61 remove_diacritics 2'
);
-- The indexed vocabulary, for typo tolerance and suggestions.
CREATE VIRTUAL TABLE product_fts_vocab USING fts5vocab(product_fts, 'col');

-- Meilisearch's transactional outbox: catalog writes enqueue references here in their own batch;
-- the drainer sends the current documents and deletes the rows it has delivered.
CREATE TABLE search_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_type TEXT NOT NULL CHECK (doc_type IN ('product', 'post', 'store')),
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete', 'store')),
  store_id TEXT NOT NULL,
  ref TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  parked_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX search_outbox_due ON search_outbox (parked_at, next_attempt_at, id);

-- Queries that found something, with a score that decays over time, for /v1/search/hot.
CREATE TABLE search_queries (
  q TEXT PRIMARY KEY,
  score REAL NOT NULL,
  hits INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX search_queries_score ON search_queries (score DESC);
