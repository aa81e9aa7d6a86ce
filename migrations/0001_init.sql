-- Users: shoppers, vendors and moderators, keyed by the marketplace app's openid.
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  openid TEXT NOT NULL UNIQUE,
  unionid TEXT,
  nickname TEXT,
  roles TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX users_unionid ON users (unionid) WHERE unionid IS NOT NULL;

-- Stores: a vendor's own mini-program store, registered here and reviewed by a moderator.
CREATE TABLE stores (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  description TEXT,
  category TEXT NOT NULL,
  city TEXT NOT NULL,
  wechat_id TEXT NOT NULL,
  contact_qr_url TEXT,
  logo_url TEXT,
  mp_app_id TEXT,
  mp_home_path TEXT,
  mp_product_path TEXT,
  lat REAL,
  lng REAL,
  status TEXT NOT NULL CHECK (status IN ('draft', 'pending_review', 'approved', 'rejected', 'suspended')),
  review_reason TEXT,
  reviewed_at TEXT,
  submitted_at TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX stores_owner ON stores (owner_id, created_at);
CREATE INDEX stores_status_queue ON stores (status, submitted_at, id);

-- Store API keys: only the hash of the secret is kept.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL REFERENCES stores (id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_keys_store ON api_keys (store_id, created_at);

-- Products synced from a vendor's store, idempotent by (store_id, external_id).
CREATE TABLE products (
  id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL REFERENCES stores (id),
  external_id TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  category TEXT NOT NULL,
  brand TEXT,
  price INTEGER NOT NULL CHECK (price >= 0),
  original_price INTEGER CHECK (original_price >= 0),
  currency TEXT NOT NULL DEFAULT 'CNY',
  images TEXT NOT NULL DEFAULT '[]',
  tags TEXT NOT NULL DEFAULT '[]',
  mini_program_path TEXT,
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
  taken_down_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (store_id, external_id)
);
CREATE INDEX products_store_page ON products (store_id, created_at, id);

-- Posts: vendors' content for the cross-store feed.
CREATE TABLE posts (
  id TEXT PRIMARY KEY,
  store_id TEXT NOT NULL REFERENCES stores (id),
  external_id TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  cover_url TEXT,
  images TEXT NOT NULL DEFAULT '[]',
  product_external_ids TEXT NOT NULL DEFAULT '[]',
  tags TEXT NOT NULL DEFAULT '[]',
  published_at TEXT NOT NULL,
  taken_down_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (store_id, external_id)
);
CREATE INDEX posts_store_page ON posts (store_id, published_at, id);
CREATE INDEX posts_published ON posts (published_at, id);

-- Every moderator action (and audited vendor actions such as a change of WeChat ID).
CREATE TABLE audit_log (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id TEXT NOT NULL REFERENCES users (id),
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL,
  reason TEXT,
  details TEXT
);
CREATE INDEX audit_log_at ON audit_log (at, id);
CREATE INDEX audit_log_target ON audit_log (target_type, target_id, at);
