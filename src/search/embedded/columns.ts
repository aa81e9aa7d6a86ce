/**
 * The catalog's search fields in memory: typed arrays indexed by rowid, holding what a search
 * filters, facets and sorts by (store, visibility, category, city, brand, price, time). With them
 * the embedded engine filters and counts every match of a query exactly at memory speed; SQLite
 * only finds the matches and ranks the page.
 *
 * They are loaded from the catalog in chunks in the background, and kept in step with it through
 * `search_changes`, the log of changed rows the engine writes in every catalog batch: before each
 * search the rows logged since are read again. A reader that fell too far behind loads afresh.
 * The fields mean what the SQL in `queries.ts` means; a property test holds the two to it.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { DocType, FacetName, SearchFilters } from '../engine';

/** No value (a product without a brand). */
const NONE = -1;
/** A filter value nothing has: the filter passes no row. */
const ABSENT = -2;
/** No filter on the field. */
const ANY = -3;
/** Rows read per statement while loading (about 10 ms of work); the event loop runs between chunks. */
const CHUNK = 5_000;
/** Changes read again per statement when catching up. */
const CATCH_UP_PAGE = 20_000;

/** Strings stored as small integers. */
class Dictionary {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string | null): number {
    if (value === null || value === '') return NONE;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  find(value: string | undefined): number {
    return value === undefined ? ANY : (this.ids.get(value) ?? ABSENT);
  }
}

/** One catalog table's fields by rowid; `store` 0 means no row. */
class Table {
  capacity = 0;
  /** The highest rowid held. */
  top = 0;
  store = new Int32Array(0);
  live = new Uint8Array(0);
  category = new Int32Array(0);
  city = new Int32Array(0);
  brand = new Int32Array(0);
  price = new Float64Array(0);
  time = new Float64Array(0);

  ensure(rowid: number) {
    if (rowid > this.top) this.top = rowid;
    if (rowid < this.capacity) return;
    const capacity = Math.max(1024, 2 ** Math.ceil(Math.log2(rowid + 1)));
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    this.store = grow(this.store, (n) => new Int32Array(n));
    this.live = grow(this.live, (n) => new Uint8Array(n));
    this.category = grow(this.category, (n) => new Int32Array(n));
    this.city = grow(this.city, (n) => new Int32Array(n));
    this.brand = grow(this.brand, (n) => new Int32Array(n));
    this.price = grow(this.price, (n) => new Float64Array(n));
    this.time = grow(this.time, (n) => new Float64Array(n));
    this.capacity = capacity;
  }

  clear(rowid: number) {
    if (rowid < this.capacity) this.store[rowid] = 0;
  }
}

/** The rows of a query that pass visibility and filters, newest (highest rowid) first, and their facet counts. */
export interface Selection {
  rows: number[];
  facets: Partial<Record<FacetName, Record<string, number>>>;
}

type Loaded = [number, ...unknown[]];
/** Rows as the readers below select them. */
type StoreRow = [
  rowid: number,
  id: string,
  approved: number,
  category: string,
  city: string,
  created: number,
];
type ProductRow = [
  rowid: number,
  storeId: string,
  live: number,
  category: string,
  brand: string | null,
  price: number,
  created: number,
];

/** An ISO timestamp column as integer milliseconds, read by SQLite (faster than Date.parse here). */
const ms = (column: string) => sql`CAST(round(unixepoch(${sql.raw(column)}, 'subsec') * 1000) AS INTEGER)`;

/** How each table's rows are read: the SELECT list, rowid first. */
const readers = {
  store: {
    table: 'stores',
    columns: sql`rowid, id, status = 'approved', category, city, ${ms('created_at')}`,
  },
  product: {
    table: 'products',
    columns: sql`rowid, store_id, status = 'active' AND taken_down_at IS NULL, category, brand, price, ${ms('created_at')}`,
  },
  post: {
    table: 'posts',
    columns: sql`rowid, store_id, taken_down_at IS NULL, ${ms('published_at')}`,
  },
} as const;

class Snapshot {
  readonly stores = new Table();
  readonly products = new Table();
  readonly posts = new Table();
  readonly storeIds: string[] = [];
  readonly storeRows = new Map<string, number>();
  readonly categories = new Dictionary();
  readonly cities = new Dictionary();
  readonly brands = new Dictionary();

  /** Stores `rows` of `type` as read by its reader; `missing` rowids were asked for and are gone. */
  put(type: DocType, rows: Loaded[], missing: Iterable<number> = []) {
    const t = this.table(type);
    for (const r of missing) t.clear(r);
    for (const row of rows) {
      const r = row[0];
      t.ensure(r);
      if (type === 'store') {
        const [, id, approved, category, city, created] = row as StoreRow;
        t.store[r] = r;
        t.live[r] = approved;
        t.category[r] = this.categories.id(category);
        t.city[r] = this.cities.id(city);
        t.time[r] = created;
        this.storeIds[r] = id;
        this.storeRows.set(id, r);
      } else {
        const store = this.storeRows.get(row[1] as string);
        if (store === undefined) {
          t.clear(r);
          continue;
        }
        t.store[r] = store;
        t.live[r] = row[2] as number;
        if (type === 'product') {
          const [, , , category, brand, price, created] = row as ProductRow;
          t.category[r] = this.categories.id(category);
          t.brand[r] = this.brands.id(brand);
          t.price[r] = price;
          t.time[r] = created;
        } else {
          t.time[r] = row[3] as number;
        }
      }
    }
  }

  table(type: DocType): Table {
    return type === 'store' ? this.stores : type === 'product' ? this.products : this.posts;
  }

  /**
   * The rows of `type` that are visible at `now` and pass `filters`, newest first, from `rowids`
   * (newest first) or, without them, from every row; with counts for `facets`.
   */
  select(
    type: DocType,
    rowids: readonly number[] | null,
    filters: SearchFilters,
    facets: readonly FacetName[],
    now: number,
  ): Selection {
    const t = this.table(type);
    const s = this.stores;
    const isProduct = type === 'product';
    const isPost = type === 'post';
    const category = this.categories.find(filters.category);
    const city = this.cities.find(filters.city);
    const brand = isProduct ? this.brands.find(filters.brand) : ANY;
    const storeRow = filters.storeId === undefined ? ANY : (this.storeRows.get(filters.storeId) ?? ABSENT);
    const priceMin = isProduct && filters.priceMin !== undefined ? filters.priceMin : -Infinity;
    const priceMax = isProduct && filters.priceMax !== undefined ? filters.priceMax : Infinity;
    const count = {
      category: facets.includes('category') ? new Int32Array(this.categories.values.length) : null,
      city: facets.includes('city') ? new Int32Array(this.cities.values.length) : null,
      brand: isProduct && facets.includes('brand') ? new Int32Array(this.brands.values.length) : null,
      storeId: facets.includes('storeId') ? new Map<number, number>() : null,
    };
    const rows: number[] = [];
    const consider = (r: number) => {
      const st = t.store[r]!;
      if (st === 0 || t.live[r] === 0 || s.live[st] === 0) return;
      if (isPost && t.time[r]! > now) return;
      const cat = isProduct ? t.category[r]! : s.category[st]!;
      if (category !== ANY && cat !== category) return;
      const ci = s.city[st]!;
      if (city !== ANY && ci !== city) return;
      if (storeRow !== ANY && st !== storeRow) return;
      const br = t.brand[r]!;
      if (brand !== ANY && br !== brand) return;
      if (isProduct) {
        const price = t.price[r]!;
        if (price < priceMin || price > priceMax) return;
      }
      rows.push(r);
      if (count.category && cat >= 0) count.category[cat]!++;
      if (count.city && ci >= 0) count.city[ci]!++;
      if (count.brand && br >= 0) count.brand[br]!++;
      if (count.storeId) count.storeId.set(st, (count.storeId.get(st) ?? 0) + 1);
    };
    if (rowids) {
      for (const r of rowids) if (r < t.capacity) consider(r);
    } else {
      for (let r = t.top; r > 0; r--) consider(r);
    }
    const out: Selection['facets'] = {};
    const named = (counts: Int32Array, values: string[]) => {
      const o: Record<string, number> = {};
      for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) o[values[i]!] = counts[i]!;
      return o;
    };
    if (count.category) out.category = named(count.category, this.categories.values);
    if (count.city) out.city = named(count.city, this.cities.values);
    if (count.brand) out.brand = named(count.brand, this.brands.values);
    if (count.storeId) {
      const o: Record<string, number> = {};
      for (const [st, n] of count.storeId) o[this.storeIds[st]!] = n;
      out.storeId = o;
    }
    return { rows, facets: out };
  }

  /** The first `k` of `rows` in the order of `field` (ties newest first). */
  top(type: DocType, rows: readonly number[], field: 'price' | 'time', desc: boolean, k: number): number[] {
    const key = this.table(type)[field];
    const sign = desc ? -1 : 1;
    // a before b: smaller key (larger when desc), then higher rowid.
    const before = (a: number, b: number) => {
      const d = (key[a]! - key[b]!) * sign;
      return d < 0 || (d === 0 && a > b);
    };
    if (k <= 0) return [];
    // A heap of the best k so far, the worst of them at the root.
    const heap: number[] = [];
    const worse = (i: number, j: number) => before(heap[j]!, heap[i]!);
    const swap = (i: number, j: number) => {
      const x = heap[i]!;
      heap[i] = heap[j]!;
      heap[j] = x;
    };
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let w = i;
        if (l < heap.length && worse(l, w)) w = l;
        if (r < heap.length && worse(r, w)) w = r;
        if (w === i) return;
        swap(i, w);
        i = w;
      }
    };
    for (const row of rows) {
      if (heap.length < k) {
        heap.push(row);
        for (let i = heap.length - 1; i > 0; ) {
          const p = (i - 1) >> 1;
          if (!worse(i, p)) break;
          swap(i, p);
          i = p;
        }
      } else if (before(row, heap[0]!)) {
        heap[0] = row;
        down(0);
      }
    }
    return heap.sort((a, b) => (before(a, b) ? -1 : 1));
  }
}

/** Reads `type`'s rows after rowid `after`, at most `limit`, or the rows with the given rowids. */
async function read(db: Db, type: DocType, which: { after: number; limit: number } | number[]) {
  const { table, columns } = readers[type];
  const row = sql`json_array(${columns}) AS v FROM ${sql.table(table)}`;
  const from = Array.isArray(which)
    ? sql`SELECT ${row} WHERE rowid IN (SELECT value FROM json_each(${JSON.stringify(which)}))`
    : sql`SELECT ${row} WHERE rowid > ${which.after} ORDER BY rowid LIMIT ${which.limit}`;
  const result = await sql<{ rows: string | null }>`SELECT '[' || group_concat(v) || ']' AS rows
    FROM (${from})`.execute(db.kysely);
  return JSON.parse(result.rows[0]?.rows ?? '[]') as Loaded[];
}

/** The newest change in the log, 0 when it is empty. */
async function lastChange(db: Db): Promise<number> {
  const result = await sql<{ seq: number | null }>`SELECT max(seq) AS seq FROM search_changes`.execute(
    db.kysely,
  );
  return result.rows[0]?.seq ?? 0;
}

async function loadSnapshot(db: Db): Promise<{ snapshot: Snapshot; seq: number }> {
  const seq = await lastChange(db);
  const snapshot = new Snapshot();
  for (const type of ['store', 'product', 'post'] as const) {
    let after = 0;
    for (;;) {
      const rows = await read(db, type, { after, limit: CHUNK });
      if (type !== 'store') await knowStores(db, snapshot, rows);
      snapshot.put(type, rows);
      if (rows.length < CHUNK) break;
      for (const row of rows) after = Math.max(after, row[0]);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  return { snapshot, seq };
}

/** Reads the stores of `rows` the snapshot does not know yet (created while it was loading). */
async function knowStores(db: Db, snapshot: Snapshot, rows: Loaded[]) {
  const unknown = new Set<string>();
  for (const row of rows) if (!snapshot.storeRows.has(row[1] as string)) unknown.add(row[1] as string);
  if (unknown.size === 0) return;
  const found = await sql<{ r: number }>`SELECT rowid AS r FROM stores
    WHERE id IN (SELECT value FROM json_each(${JSON.stringify([...unknown])}))`.execute(db.kysely);
  const stores = await read(
    db,
    'store',
    found.rows.map((f) => f.r),
  );
  snapshot.put('store', stores);
}

export interface CatalogColumns {
  /**
   * Brings the columns up to the catalog as it is now and returns them, or null while they are
   * still loading (the engine answers from SQLite alone meanwhile). The first call starts the load,
   * so a server listens before it spends time on it.
   */
  current(): Promise<Snapshot | null>;
  /** Resolves once the columns are loaded (tests and benches wait for it). */
  ready(): Promise<void>;
}

export type { Snapshot as ColumnSnapshot };

export function createCatalogColumns(db: Db): CatalogColumns {
  let state: { snapshot: Snapshot; seq: number } | null = null;
  let loading: Promise<void> | null = null;
  /** A catch-up queued behind the running one; searches arriving meanwhile share it. */
  let queued: Promise<void> | null = null;
  let running: Promise<unknown> = Promise.resolve();

  const load = () => {
    loading ??= loadSnapshot(db)
      .then((loaded) => {
        state = loaded;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  };

  /** Reads again the rows changed since `state.seq`; loads afresh when some were pruned from the log unread. */
  async function catchUp() {
    for (;;) {
      const s = state;
      if (!s) return;
      const changes = await sql<{ seq: number; type: DocType; row: number }>`SELECT seq, type, row
        FROM search_changes WHERE seq > ${s.seq} ORDER BY seq LIMIT ${CATCH_UP_PAGE}`.execute(db.kysely);
      const rows = changes.rows;
      if (rows.length === 0) return;
      if (rows[0]!.seq !== s.seq + 1) {
        state = null;
        void load().catch(() => {});
        return;
      }
      const changed: Record<DocType, Set<number>> = { store: new Set(), product: new Set(), post: new Set() };
      for (const c of rows) changed[c.type].add(c.row);
      for (const type of ['store', 'product', 'post'] as const) {
        if (changed[type].size === 0) continue;
        const found = await read(db, type, [...changed[type]]);
        if (type !== 'store') await knowStores(db, s.snapshot, found);
        for (const row of found) changed[type].delete(row[0]);
        s.snapshot.put(type, found, changed[type]);
      }
      s.seq = rows[rows.length - 1]!.seq;
      if (rows.length < CATCH_UP_PAGE) return;
    }
  }

  /** Runs a catch-up that starts after every write made before this call. */
  function refresh(): Promise<void> {
    if (queued) return queued;
    const next = running.then(() => {
      queued = null;
      return catchUp();
    });
    queued = next;
    running = next.catch(() => {});
    return next;
  }

  return {
    async current() {
      if (!state) {
        void load().catch(() => {});
        return null;
      }
      try {
        await refresh();
      } catch {
        // The catalog could not be read again just now: SQLite answers alone, and the next search retries.
        return null;
      }
      return state?.snapshot ?? null;
    },
    async ready() {
      while (!state) await load();
    },
  };
}
