-- Engagement per catalog item and UTC day, aggregated in memory and flushed in batches.
CREATE TABLE item_stats (
  item_type TEXT NOT NULL CHECK (item_type IN ('product', 'post', 'store')),
  item_id TEXT NOT NULL,
  day TEXT NOT NULL,
  views INTEGER NOT NULL DEFAULT 0,
  friend_adds INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (item_type, item_id, day)
);
CREATE INDEX item_stats_day ON item_stats (day);
-- The feed walks posts newest first; the index covers what deciding eligibility and rank needs.
CREATE INDEX posts_feed ON posts (published_at, id, store_id, created_at, taken_down_at);
