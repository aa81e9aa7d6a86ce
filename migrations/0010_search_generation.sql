-- A counter every write that can change a search answer bumps in its own batch (catalog upserts and
-- deletes, store changes, takedowns, Meilisearch deliveries), so remembered answers are known stale.
CREATE TABLE search_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO search_state (id, generation) VALUES (1, 0);
