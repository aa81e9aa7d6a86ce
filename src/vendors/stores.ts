/** Vendor onboarding: create, edit, submit and list stores. */
import { sql } from 'kysely';
import type { DomainDeps } from '../deps';
import { AppError, type ErrorDetail } from '../errors';
import { newId } from '../ids';
import { auditInsert } from '../moderation/audit';
import type { IndexText } from '../search/engine';
import { type Actor, isModerator, requireUser } from '../users/actor';
import { isOwner, ownedStore, visibleStore } from './store-access';
import type { Store, StoreCreate, StorePatch, StoreSummary } from './store-schema';
import type { StoresTable } from './stores.table';

export function toStore(row: StoresTable, actor: Actor): Store {
  const store: Store = {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category as Store['category'],
    city: row.city,
    logoUrl: row.logo_url,
    miniProgram: row.mp_app_id
      ? { appId: row.mp_app_id, homePath: row.mp_home_path, productPath: row.mp_product_path }
      : null,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng } : null,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (isOwner(actor, row) || isModerator(actor)) {
    store.ownerId = row.owner_id;
    store.wechatId = row.wechat_id;
    store.contactQrUrl = row.contact_qr_url;
    store.review = { reason: row.review_reason, reviewedAt: row.reviewed_at, submittedAt: row.submitted_at };
  }
  return store;
}

export const toStoreSummary = (
  row: Pick<StoresTable, 'id' | 'name' | 'city' | 'logo_url'>,
): StoreSummary => ({
  id: row.id,
  name: row.name,
  city: row.city,
  logoUrl: row.logo_url,
});

/** The searchable text of a store: its name, with its description and city as body. */
export const storeIndexText = (
  row: Pick<StoresTable, 'id' | 'name' | 'description' | 'city'>,
): IndexText => ({
  externalId: row.id,
  title: row.name,
  body: [row.description, row.city].filter(Boolean).join(' '),
});

/** What search must do after a store's profile or status changed, for the same batch. */
export const storeSearchStatements = (deps: DomainDeps, row: StoresTable) =>
  deps.search.indexStatements({ kind: 'store', storeId: row.id, text: storeIndexText(row) }).after;

/** Columns for the fields present in a create or patch body. */
function columnsOf(input: StorePatch): Partial<StoresTable> {
  const cols: Partial<StoresTable> = {};
  if (input.name !== undefined) cols.name = input.name;
  if (input.description !== undefined) cols.description = input.description || null;
  if (input.category !== undefined) cols.category = input.category;
  if (input.city !== undefined) cols.city = input.city;
  if (input.wechatId !== undefined) cols.wechat_id = input.wechatId;
  if (input.contactQrUrl !== undefined) cols.contact_qr_url = input.contactQrUrl;
  if (input.logoUrl !== undefined) cols.logo_url = input.logoUrl;
  if (input.miniProgram !== undefined) {
    cols.mp_app_id = input.miniProgram?.appId ?? null;
    cols.mp_home_path = input.miniProgram?.homePath ?? null;
    cols.mp_product_path = input.miniProgram?.productPath ?? null;
  }
  if (input.location !== undefined) {
    cols.lat = input.location?.lat ?? null;
    cols.lng = input.location?.lng ?? null;
  }
  return cols;
}

export async function createStore(deps: DomainDeps, actor: Actor, input: StoreCreate): Promise<Store> {
  const user = requireUser(actor);
  const at = deps.clock.now().toISOString();
  const row: StoresTable = {
    id: newId('st'),
    owner_id: user.userId,
    name: input.name,
    description: null,
    category: input.category,
    city: input.city,
    wechat_id: input.wechatId,
    contact_qr_url: null,
    logo_url: null,
    mp_app_id: null,
    mp_home_path: null,
    mp_product_path: null,
    lat: null,
    lng: null,
    ...columnsOf(input),
    status: 'draft',
    review_reason: null,
    reviewed_at: null,
    submitted_at: null,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  const { db } = deps;
  await db.batch([
    db.kysely.insertInto('stores').values(row).compile(),
    db.kysely
      .updateTable('users')
      .set({ roles: sql`json_insert(roles, '$[#]', 'vendor')`, updated_at: at })
      .where('id', '=', user.userId)
      .where(sql<boolean>`NOT EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = 'vendor')`)
      .compile(),
    ...storeSearchStatements(deps, row),
  ]);
  return toStore(row, actor);
}

export async function getStore(deps: DomainDeps, actor: Actor, storeId: string): Promise<Store> {
  return toStore(await visibleStore(deps.db, actor, storeId), actor);
}

export async function listMyStores(deps: DomainDeps, actor: Actor): Promise<Store[]> {
  const user = requireUser(actor);
  const rows = await deps.db.kysely
    .selectFrom('stores')
    .selectAll()
    .where('owner_id', '=', user.userId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((r) => toStore(r, actor));
}

/**
 * Applies a patch as the owner. Edits of an approved store go live at once; a change of WeChat ID
 * is audited. The write is guarded by the version read, so concurrent edits give a 409, not a lost update.
 */
export async function updateStore(
  deps: DomainDeps,
  actor: Actor,
  storeId: string,
  patch: StorePatch,
): Promise<Store> {
  const { row, user } = await ownedStore(deps.db, actor, storeId);
  const now = deps.clock.now();
  const cols = columnsOf(patch);
  const { db } = deps;
  const statements = [
    db.kysely
      .updateTable('stores')
      .set({ ...cols, version: row.version + 1, updated_at: now.toISOString() })
      .where('id', '=', storeId)
      .where('version', '=', row.version)
      .compile(),
  ];
  if (cols.wechat_id !== undefined && cols.wechat_id !== row.wechat_id) {
    statements.push(
      auditInsert(
        db,
        now,
        {
          actorId: user.userId,
          action: 'store.wechat_id_changed',
          target: { type: 'store', id: storeId },
          details: { from: row.wechat_id, to: cols.wechat_id },
        },
        { table: 'stores', id: storeId, column: 'version', equals: row.version + 1 },
      ),
    );
  }
  statements.push(...storeSearchStatements(deps, { ...row, ...cols }));
  const [updated] = await db.batch(statements);
  if (updated?.changes !== 1) {
    // The search statements ran with this losing patch: index the store as the winning edit left it.
    const current = await db.kysely
      .selectFrom('stores')
      .selectAll()
      .where('id', '=', storeId)
      .executeTakeFirst();
    if (current) await db.batch(storeSearchStatements(deps, current));
    throw new AppError('conflict', 'The store was changed at the same time; try again');
  }
  return getStore(deps, actor, storeId);
}

/** What a store needs before a moderator can review it. */
export function missingForReview(row: StoresTable): ErrorDetail[] {
  const missing: ErrorDetail[] = [];
  const need = (field: string, ok: boolean, message: string) => {
    if (!ok) missing.push({ path: [field], code: 'required_for_review', message });
  };
  need(
    'description',
    Boolean(row.description && row.description.length >= 10),
    'a description of at least 10 characters',
  );
  need('logoUrl', Boolean(row.logo_url), 'a logo, so shoppers recognise the store');
  need('contactQrUrl', Boolean(row.contact_qr_url), 'the WeChat QR code shoppers scan to add the vendor');
  return missing;
}

export async function submitStore(deps: DomainDeps, actor: Actor, storeId: string): Promise<Store> {
  const { row } = await ownedStore(deps.db, actor, storeId);
  if (row.status !== 'draft' && row.status !== 'rejected') {
    throw new AppError('invalid_transition', `A store that is ${row.status} cannot be submitted for review`);
  }
  const missing = missingForReview(row);
  if (missing.length > 0) {
    throw new AppError('store_incomplete', 'The store is missing what a review needs', missing);
  }
  const at = deps.clock.now().toISOString();
  const [updated] = await deps.db.batch([
    deps.db.kysely
      .updateTable('stores')
      .set({ status: 'pending_review', submitted_at: at, updated_at: at, version: row.version + 1 })
      .where('id', '=', storeId)
      .where('version', '=', row.version)
      .compile(),
  ]);
  if (updated?.changes !== 1)
    throw new AppError('conflict', 'The store was changed at the same time; try again');
  return getStore(deps, actor, storeId);
}
