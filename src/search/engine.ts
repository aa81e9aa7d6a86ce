/** The search port: what the product needs from a search engine, whichever engine serves it. */
import type { CompiledQuery } from 'kysely';

export type DocType = 'product' | 'post' | 'store';
export const facetNames = ['category', 'city', 'brand', 'storeId'] as const;
export type FacetName = (typeof facetNames)[number];
export const sortOrders = ['relevance', 'price_asc', 'price_desc', 'newest'] as const;
export type SortOrder = (typeof sortOrders)[number];

export interface SearchFilters {
  category?: string | undefined;
  city?: string | undefined;
  storeId?: string | undefined;
  brand?: string | undefined;
  /** Inclusive, in fen. Products only. */
  priceMin?: number | undefined;
  priceMax?: number | undefined;
}

export interface SearchQuery {
  type: DocType;
  /** The shopper's words, untrusted; may be empty (browse by filters). */
  q: string;
  filters: SearchFilters;
  sort: SortOrder;
  /** 1-based. */
  page: number;
  limit: number;
  facets: FacetName[];
}

/** One hit: the document's id and its title with matches in `<em>`, everything else HTML-escaped. */
export interface EngineHit {
  id: string;
  highlightTitle: string;
}

export interface EngineResult {
  hits: EngineHit[];
  /** Every visible document matching the query and filters; a lower bound when not `exhaustive`. */
  total: number;
  /** Counts over the filtered result set, for each facet asked for. */
  facets: Partial<Record<FacetName, Record<string, number>>>;
  /**
   * True when `total` and the facet counts are exact and every hit can be paged to: always for
   * the embedded engine. False when Meilisearch reached its hit cap (`MAX_TOTAL_HITS`): `total`
   * is then the cap.
   */
  exhaustive: boolean;
}

export interface Suggestion {
  text: string;
  type: 'product' | 'brand' | 'store' | 'query';
}

/**
 * A change to the catalog that search must follow. Refs are `(storeId, externalId)` for products
 * and posts, because a new item's id is only known once its upsert has run.
 */
export type CatalogChange =
  | {
      kind: 'upsert';
      type: 'product' | 'post';
      storeId: string;
      items: IndexText[];
      /** The batch's timestamp: only rows it inserted or changed (updated_at = changedAt) need indexing. */
      changedAt?: string;
    }
  | { kind: 'delete'; type: 'product' | 'post'; storeId: string; externalIds: string[] }
  /** The store's profile or visibility changed (edit, approval, suspension, reinstatement). */
  | { kind: 'store'; storeId: string; text: IndexText }
  /** One item was taken down or restored by a moderator. */
  | { kind: 'visibility'; type: 'product' | 'post'; id: string };

/** The searchable text of one item, as the vendor sent it (engines analyse it themselves). */
export interface IndexText {
  externalId: string;
  title: string;
  brand?: string | null;
  body?: string | null;
  tags?: string[];
}

/** Statements to run in the catalog write's own atomic batch: `before` the catalog statements, and `after`. */
export interface IndexStatements {
  before: CompiledQuery[];
  after: CompiledQuery[];
}

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  /**
   * What this change means for search, as statements for the same batch as the catalog write,
   * so search never loses an update: the embedded engine writes its index; Meilisearch's
   * adapter enqueues the change in the outbox.
   */
  indexStatements(change: CatalogChange): IndexStatements;
  search(query: SearchQuery): Promise<EngineResult>;
  suggest(prefix: string, limit: number): Promise<Suggestion[]>;
  /** Gauges for /metrics, named in Prometheus style (e.g. the outbox backlog). */
  gauges(): Promise<Record<string, number>>;
}
