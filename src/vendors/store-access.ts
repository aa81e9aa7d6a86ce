/** Loading a store and deciding who may see or manage it. */
import type { Db } from '../db/database';
import { AppError, notFound } from '../errors';
import { type Actor, isModerator, requireUser, type UserActor } from '../users/actor';
import type { StoresTable } from './stores.table';

export async function loadStore(db: Db, storeId: string): Promise<StoresTable | undefined> {
  return db.kysely.selectFrom('stores').selectAll().where('id', '=', storeId).executeTakeFirst();
}

export const isOwner = (actor: Actor, row: Pick<StoresTable, 'owner_id'>) =>
  actor.kind === 'user' && actor.userId === row.owner_id;

/** Approved stores are public; others only their owner and moderators may see. */
export const canSee = (actor: Actor, row: Pick<StoresTable, 'owner_id' | 'status'>) =>
  row.status === 'approved' || isOwner(actor, row) || isModerator(actor);

/** The store if the actor may see it; 404 otherwise, so hidden stores do not leak. */
export async function visibleStore(db: Db, actor: Actor, storeId: string): Promise<StoresTable> {
  const row = await loadStore(db, storeId);
  if (!row || !canSee(actor, row)) throw notFound('Store');
  return row;
}

/** The store if the actor owns it: 404 when they cannot see it, 403 when they can but do not own it. */
export async function ownedStore(
  db: Db,
  actor: Actor,
  storeId: string,
): Promise<{ row: StoresTable; user: UserActor }> {
  const user = requireUser(actor);
  const row = await visibleStore(db, actor, storeId);
  if (!isOwner(actor, row)) throw new AppError('forbidden', 'Only the store owner may do this');
  return { row, user };
}
