-- Search at a million products.
-- Prefix indexes for 2 and 3 characters only: the 1-character one cost a third of every insert, and
-- a 1-character prefix query still works without it (FTS5 then reads the terms that start with it).
-- The rank function is bm25 with the engine's column weights, so `ORDER BY rank` ranks as before.
-- search_typo_terms holds the Latin words of product titles and brands, written in the catalog's
-- own batch, so the typo index is read at start instead of being scanned out of the FTS index.
-- The new tables start empty; the embedded engine rebuilds them from the catalog at start.
DROP TABLE product_fts_vocab;
DROP TABLE product_fts;
DROP TABLE post_fts;
DROP TABLE store_fts;
CREATE VIRTUAL TABLE product_fts USING fts5(
  title, brand, body, py, prefix='2 3', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE post_fts USING fts5(
  title, brand, body, py, prefix='2 3', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE store_fts USING fts5(
  title, brand, body, py, prefix='2 3', tokenize='unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE product_fts_vocab USING fts5vocab(product_fts, 'col');
INSERT INTO product_fts (product_fts, rank) VALUES ('automerge', 16);
INSERT INTO post_fts (post_fts, rank) VALUES ('automerge', 16);
INSERT INTO store_fts (store_fts, rank) VALUES ('automerge', 16);
INSERT INTO product_fts (product_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 1.0, 2.5)');
INSERT INTO post_fts (post_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 1.0, 2.5)');
INSERT INTO store_fts (store_fts, rank) VALUES ('rank', 'bm25(10.0, 6.0, 1.0, 2.5)');
CREATE TABLE search_typo_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
