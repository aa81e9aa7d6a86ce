-- Search reads the store of every candidate product (is it approved, its city): a covering index
-- answers that from one index lookup instead of an index lookup plus a table lookup.
CREATE INDEX stores_search ON stores (id, status, city, category);
