/** Store review: the moderators' queue and their decisions, each audited in the same batch. */
import { z } from 'zod';
import type { DomainDeps } from '../deps';
import { AppError, notFound } from '../errors';
import { decodeCursor, pageOf, seekAfter } from '../paging';
import { type Actor, requireModerator } from '../users/actor';
import { loadStore } from '../vendors/store-access';
import type { Store } from '../vendors/store-schema';
import { getStore, storeSearchStatements, toStore } from '../vendors/stores';
import type { StoreStatus } from '../vendors/stores.table';
import { auditInsert } from './audit';

export const decisionActions = ['approve', 'reject', 'suspend', 'reinstate'] as const;
export type DecisionAction = (typeof decisionActions)[number];

export const Decision = z
  .strictObject({
    action: z.enum(decisionActions),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((d) => d.action === 'approve' || (d.reason !== undefined && d.reason.length > 0), {
    path: ['reason'],
    message: 'a reason is required to reject, suspend or reinstate',
  })
  .meta({ id: 'Decision' });
export type Decision = z.infer<typeof Decision>;

const transitions: Record<DecisionAction, { from: StoreStatus; to: StoreStatus }> = {
  approve: { from: 'pending_review', to: 'approved' },
  reject: { from: 'pending_review', to: 'rejected' },
  suspend: { from: 'approved', to: 'suspended' },
  reinstate: { from: 'suspended', to: 'approved' },
};

/**
 * Moves a store along its lifecycle. Suspension hides the store and all its content everywhere at
 * once, because every public read requires an approved store; reinstatement restores it.
 */
export async function decide(
  deps: DomainDeps,
  actor: Actor,
  storeId: string,
  decision: Decision,
): Promise<Store> {
  const moderator = requireModerator(actor);
  const row = await loadStore(deps.db, storeId);
  if (!row) throw notFound('Store');
  if (row.owner_id === moderator.userId)
    throw new AppError('forbidden', 'Moderators may not review their own store');
  const { from, to } = transitions[decision.action];
  if (row.status !== from) {
    throw new AppError('invalid_transition', `Cannot ${decision.action} a store that is ${row.status}`);
  }
  const now = deps.clock.now();
  const reason = decision.reason || null;
  const version = row.version + 1;
  const [updated] = await deps.db.batch([
    deps.db.kysely
      .updateTable('stores')
      .set({
        status: to,
        review_reason: reason,
        reviewed_at: now.toISOString(),
        updated_at: now.toISOString(),
        version,
      })
      .where('id', '=', storeId)
      .where('version', '=', row.version)
      .compile(),
    auditInsert(
      deps.db,
      now,
      {
        actorId: moderator.userId,
        action: `store.${decision.action}`,
        target: { type: 'store', id: storeId },
        reason,
        details: { from, to },
      },
      { table: 'stores', id: storeId, column: 'version', equals: version },
    ),
    ...storeSearchStatements(deps, { ...row, status: to }),
  ]);
  if (updated?.changes !== 1)
    throw new AppError('conflict', 'The store changed while you decided; reload it');
  return getStore(deps, actor, storeId);
}

export const queueStatuses = ['pending_review', 'approved', 'rejected', 'suspended'] as const;

/** Stores in one status, longest waiting first. */
export async function reviewQueue(
  deps: DomainDeps,
  actor: Actor,
  query: { status: (typeof queueStatuses)[number]; cursor?: string | undefined; limit: number },
) {
  requireModerator(actor);
  const after = decodeCursor(query.cursor);
  let q = deps.db.kysely
    .selectFrom('stores')
    .selectAll()
    .where('status', '=', query.status)
    .orderBy('submitted_at', 'asc')
    .orderBy('id', 'asc')
    .limit(query.limit + 1);
  if (after) q = q.where(seekAfter(['submitted_at', 'id'], after, 'asc'));
  const page = pageOf(await q.execute(), query.limit, (r) => ({ k: r.submitted_at ?? '', id: r.id }));
  return { items: page.items.map((r) => toStore(r, actor)), nextCursor: page.nextCursor };
}
