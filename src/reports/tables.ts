/** Row types of the reports tables (`reports`, `report_filings`), assembled into Database. */

export type ReportTargetType = 'store' | 'product' | 'post';
export type ReportReason = 'counterfeit' | 'prohibited' | 'fraud' | 'spam' | 'other';
export type ReportStatus = 'open' | 'resolved';
export type ReportAction = 'dismiss' | 'takedown';

/** One case per target at a time: at most one open report per `(target_type, target_id)`. */
export interface ReportsTable {
  id: string;
  target_type: ReportTargetType;
  target_id: string;
  status: ReportStatus;
  created_at: string;
  resolution: ReportAction | null;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  /** The audit entry written with the resolution; guards that entry to the batch that resolved. */
  resolution_audit_id: string | null;
}

/** One shopper's flag on a report; a shopper files at most once per report. */
export interface ReportFilingsTable {
  report_id: string;
  reporter_id: string;
  reason: ReportReason;
  details: string | null;
  created_at: string;
}

export interface ReportTables {
  reports: ReportsTable;
  report_filings: ReportFilingsTable;
}
