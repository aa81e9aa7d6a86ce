/** Row type of `search_outbox`: index work waiting to be delivered to an external search engine. */
import type { Generated } from 'kysely';

export type OutboxDocType = 'product' | 'post' | 'store';
/** `store` resyncs the whole store: its own document and every product and post of it. */
export type OutboxOp = 'upsert' | 'delete' | 'store';

export interface SearchOutboxTable {
  id: Generated<number>;
  doc_type: OutboxDocType;
  op: OutboxOp;
  store_id: string;
  /** The item's externalId for products and posts; null for `store`. */
  ref: string | null;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  parked_at: string | null;
  created_at: string;
}
