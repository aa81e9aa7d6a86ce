/** Row type of `audit_log`. */
export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  /** JSON object with what changed, when there is more to say than the action. */
  details: string | null;
}
