/** The database as the app sees it: Kysely for reads, and an atomic batch for writes. */
import type { CompiledQuery, Kysely } from 'kysely';
import type { FeedTables } from '../feed/stats.table';
import type { AuditLogTable } from '../moderation/audit.table';
import type { ReportTables } from '../reports/tables';
import type { SearchOutboxTable } from '../search/outbox.table';
import type { SearchChangesTable, SearchQueriesTable, SearchStateTable } from '../search/search.table';
import type { ShopperTables } from '../shoppers/tables';
import type { UsersTable } from '../users/users.table';
import type { PostsTable, ProductsTable } from '../vendors/catalog.table';
import type { ApiKeysTable, StoresTable } from '../vendors/stores.table';

export interface Database extends FeedTables, ShopperTables, ReportTables {
  users: UsersTable;
  stores: StoresTable;
  api_keys: ApiKeysTable;
  products: ProductsTable;
  posts: PostsTable;
  audit_log: AuditLogTable;
  search_queries: SearchQueriesTable;
  search_state: SearchStateTable;
  search_changes: SearchChangesTable;
  search_outbox: SearchOutboxTable;
}

export interface BatchResult {
  /** Rows inserted, updated or deleted by the statement. */
  changes: number;
}

export interface Db {
  kysely: Kysely<Database>;
  /** The most bound parameters one statement may carry: 32,766 on SQLite, 100 on D1. */
  maxParameters: number;
  /**
   * Runs the statements in order as one atomic unit: all land or none does.
   * @remarks D1 has no interactive transactions, so writes are compiled first and sent together;
   * never read inside a batch to decide what to write.
   */
  batch(statements: CompiledQuery[]): Promise<BatchResult[]>;
  /** How many batches this process has committed through this `Db`: a cheap sign that it wrote. */
  readonly batches: number;
}
