-- Reports: shoppers flag a store, product or post; moderators dismiss the report or take the target down.
-- One report per target is open at a time; each shopper who flags it adds a filing to that report.
CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  target_type TEXT NOT NULL CHECK (target_type IN ('store', 'product', 'post')),
  target_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
  created_at TEXT NOT NULL,
  resolution TEXT CHECK (resolution IN ('dismiss', 'takedown')),
  resolution_note TEXT,
  resolved_by TEXT REFERENCES users (id),
  resolved_at TEXT,
  -- The audit entry of the resolution: written by the same guarded batch, so a lost race writes none.
  resolution_audit_id TEXT,
  CHECK ((status = 'open') = (resolution IS NULL))
);
CREATE UNIQUE INDEX reports_open_target ON reports (target_type, target_id) WHERE status = 'open';
CREATE INDEX reports_queue ON reports (status, created_at, id);

-- Who flagged a report and why; a shopper counts once per report however often they flag it.
CREATE TABLE report_filings (
  report_id TEXT NOT NULL REFERENCES reports (id),
  reporter_id TEXT NOT NULL REFERENCES users (id),
  reason TEXT NOT NULL CHECK (reason IN ('counterfeit', 'prohibited', 'fraud', 'spam', 'other')),
  details TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (report_id, reporter_id)
);
CREATE INDEX report_filings_reporter ON report_filings (reporter_id, created_at);
