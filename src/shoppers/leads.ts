/** Leads as their store's owner works them (list, change status), and as the shopper sees their own. */
import type { DomainDeps } from '../deps';
import { AppError, notFound } from '../errors';
import { decodeCursor, pageOf, seekAfter } from '../paging';
import { type Actor, requireUser } from '../users/actor';
import { ownedStore } from '../vendors/store-access';
import { toStoreSummary } from '../vendors/stores';
import type { Lead, LeadPatch, MyFriendRequest, PageQuery } from './schema';
import type { LeadStatus } from './tables';

/** Where a lead may go next; it never returns to `new`, and a closed lead may be reopened as contacted. */
export const nextStatuses: Record<LeadStatus, LeadStatus[]> = {
  new: ['contacted', 'closed'],
  contacted: ['closed'],
  closed: ['contacted'],
};

const ownerView = (deps: Pick<DomainDeps, 'db'>) =>
  deps.db.kysely
    .selectFrom('leads')
    .innerJoin('users', 'users.id', 'leads.user_id')
    .leftJoin('products', 'products.id', 'leads.product_id')
    .leftJoin('posts', 'posts.id', 'leads.post_id')
    .select([
      'leads.id',
      'leads.status',
      'leads.message',
      'leads.created_at',
      'leads.updated_at',
      'leads.user_id',
      'users.nickname',
      'products.id as product_id',
      'products.title as product_title',
      'products.price as product_price',
      'posts.id as post_id',
      'posts.title as post_title',
    ]);

type OwnerRow = Awaited<ReturnType<ReturnType<typeof ownerView>['executeTakeFirstOrThrow']>>;

interface ItemColumns {
  product_id: string | null;
  product_title: string | null;
  product_price: number | null;
  post_id: string | null;
  post_title: string | null;
}

/** Product and post references; an item deleted since is left out. */
function refs(r: ItemColumns) {
  return {
    ...(r.product_id !== null && r.product_title !== null && r.product_price !== null
      ? { product: { id: r.product_id, title: r.product_title, price: r.product_price } }
      : {}),
    ...(r.post_id !== null && r.post_title !== null ? { post: { id: r.post_id, title: r.post_title } } : {}),
  };
}

const toLead = (r: OwnerRow): Lead => ({
  id: r.id,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  message: r.message,
  shopper: { id: r.user_id, ...(r.nickname ? { nickname: r.nickname } : {}) },
  ...refs(r),
});

/** A store's leads, newest first, optionally of one status (owner only). */
export async function listStoreLeads(
  deps: DomainDeps,
  actor: Actor,
  storeId: string,
  query: PageQuery & { status?: LeadStatus | undefined },
) {
  await ownedStore(deps.db, actor, storeId);
  const after = decodeCursor(query.cursor);
  let q = ownerView(deps)
    .where('leads.store_id', '=', storeId)
    .orderBy('leads.created_at', 'desc')
    .orderBy('leads.id', 'desc')
    .limit(query.limit + 1);
  if (query.status) q = q.where('leads.status', '=', query.status);
  if (after) q = q.where(seekAfter(['leads.created_at', 'leads.id'], after, 'desc'));
  const page = pageOf(await q.execute(), query.limit, (r) => ({ k: r.created_at, id: r.id }));
  return { items: page.items.map(toLead), nextCursor: page.nextCursor };
}

async function storeLead(deps: DomainDeps, storeId: string, leadId: string): Promise<Lead> {
  const row = await ownerView(deps)
    .where('leads.id', '=', leadId)
    .where('leads.store_id', '=', storeId)
    .executeTakeFirst();
  if (!row) throw notFound('Lead');
  return toLead(row);
}

/** Moves a lead along (owner only); setting the status it has already is a no-op. */
export async function updateLead(
  deps: DomainDeps,
  actor: Actor,
  storeId: string,
  leadId: string,
  patch: LeadPatch,
): Promise<Lead> {
  await ownedStore(deps.db, actor, storeId);
  const lead = await storeLead(deps, storeId, leadId);
  if (lead.status === patch.status) return lead;
  if (!nextStatuses[lead.status].includes(patch.status)) {
    throw new AppError('invalid_transition', `A ${lead.status} lead cannot become ${patch.status}`);
  }
  const [updated] = await deps.db.batch([
    deps.db.kysely
      .updateTable('leads')
      .set({ status: patch.status, updated_at: deps.clock.now().toISOString() })
      .where('id', '=', leadId)
      .where('store_id', '=', storeId)
      .where('status', '=', lead.status)
      .compile(),
  ]);
  if (updated?.changes !== 1)
    throw new AppError('conflict', 'The lead was changed at the same time; try again');
  return storeLead(deps, storeId, leadId);
}

/** The caller's own friend requests, newest first; items no longer public are left out. */
export async function listMyFriendRequests(deps: DomainDeps, actor: Actor, query: PageQuery) {
  const user = requireUser(actor);
  const after = decodeCursor(query.cursor);
  const now = deps.clock.now().toISOString();
  let q = deps.db.kysely
    .selectFrom('leads')
    .innerJoin('stores', 'stores.id', 'leads.store_id')
    .leftJoin('products', (j) =>
      j
        .onRef('products.id', '=', 'leads.product_id')
        .on('products.status', '=', 'active')
        .on('products.taken_down_at', 'is', null)
        .on('stores.status', '=', 'approved'),
    )
    .leftJoin('posts', (j) =>
      j
        .onRef('posts.id', '=', 'leads.post_id')
        .on('posts.taken_down_at', 'is', null)
        .on('posts.published_at', '<=', now)
        .on('stores.status', '=', 'approved'),
    )
    .select([
      'leads.id',
      'leads.status',
      'leads.created_at',
      'stores.id as store_id',
      'stores.name',
      'stores.city',
      'stores.logo_url',
      'products.id as product_id',
      'products.title as product_title',
      'products.price as product_price',
      'posts.id as post_id',
      'posts.title as post_title',
    ])
    .where('leads.user_id', '=', user.userId)
    .orderBy('leads.created_at', 'desc')
    .orderBy('leads.id', 'desc')
    .limit(query.limit + 1);
  if (after) q = q.where(seekAfter(['leads.created_at', 'leads.id'], after, 'desc'));
  const page = pageOf(await q.execute(), query.limit, (r) => ({ k: r.created_at, id: r.id }));
  const items = page.items.map(
    (r): MyFriendRequest => ({
      id: r.id,
      status: r.status,
      createdAt: r.created_at,
      store: toStoreSummary({ id: r.store_id, name: r.name, city: r.city, logo_url: r.logo_url }),
      ...refs(r),
    }),
  );
  return { items, nextCursor: page.nextCursor };
}
