-- Follows: one row per (shopper, store). Unfollow sets deleted_at; re-follow sets
-- created_at = now and deleted_at = NULL. So "followed at time T" is
-- created_at <= T AND (deleted_at IS NULL OR deleted_at > T).
CREATE TABLE follows (
  user_id TEXT NOT NULL REFERENCES users (id),
  store_id TEXT NOT NULL REFERENCES stores (id),
  created_at TEXT NOT NULL,
  deleted_at TEXT,
  PRIMARY KEY (user_id, store_id)
);
CREATE INDEX follows_store ON follows (store_id, created_at);
CREATE INDEX follows_user_page ON follows (user_id, created_at, store_id);

-- Leads: a shopper's friend request to a store, about a product, a post or the store itself.
-- product_id and post_id carry no foreign key: vendors delete catalog items, the lead stays.
-- One lead per shopper, store, UTC day and item: a repeated request finds the first.
CREATE TABLE leads (
  id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL REFERENCES stores (id),
  user_id TEXT NOT NULL REFERENCES users (id),
  product_id TEXT,
  post_id TEXT,
  message TEXT,
  status TEXT NOT NULL CHECK (status IN ('new', 'contacted', 'closed')),
  day TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX leads_once_a_day
  ON leads (user_id, store_id, day, IFNULL(product_id, ''), IFNULL(post_id, ''));
CREATE INDEX leads_store_page ON leads (store_id, created_at, id);
CREATE INDEX leads_store_status_page ON leads (store_id, status, created_at, id);
CREATE INDEX leads_user_page ON leads (user_id, created_at, id);
