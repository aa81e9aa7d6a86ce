/** Store API keys: random secrets shown once, kept only as SHA-256 hashes, revocable at once. */
import { z } from 'zod';
import type { Db } from '../db/database';
import type { DomainDeps } from '../deps';
import { notFound } from '../errors';
import { newId, randomToken, sha256Hex } from '../ids';
import type { Actor } from '../users/actor';
import { ownedStore } from './store-access';
import type { ApiKeysTable } from './stores.table';
import { plainText } from './text';

export const API_KEY_PREFIX = 'mk_';

export const ApiKeyCreate = z
  .strictObject({ name: plainText(1, 60).optional() })
  .meta({ id: 'ApiKeyCreate' });

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiKey' });
export type ApiKey = z.infer<typeof ApiKey>;

export const NewApiKey = z
  .object({ id: z.string(), name: z.string(), prefix: z.string(), secret: z.string(), createdAt: z.string() })
  .meta({ id: 'NewApiKey' });

const toApiKey = (r: ApiKeysTable): ApiKey => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export async function createApiKey(
  deps: DomainDeps,
  actor: Actor,
  storeId: string,
  input: { name?: string | undefined },
) {
  const { user } = await ownedStore(deps.db, actor, storeId);
  const secret = `${API_KEY_PREFIX}${randomToken(32)}`;
  const row: ApiKeysTable = {
    id: newId('ak'),
    store_id: storeId,
    name: input.name ?? 'API key',
    prefix: secret.slice(0, API_KEY_PREFIX.length + 8),
    secret_hash: await sha256Hex(secret),
    created_by: user.userId,
    created_at: deps.clock.now().toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await deps.db.batch([deps.db.kysely.insertInto('api_keys').values(row).compile()]);
  return { id: row.id, name: row.name, prefix: row.prefix, secret, createdAt: row.created_at };
}

export async function listApiKeys(deps: DomainDeps, actor: Actor, storeId: string): Promise<ApiKey[]> {
  await ownedStore(deps.db, actor, storeId);
  const rows = await deps.db.kysely
    .selectFrom('api_keys')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'asc')
    .execute();
  return rows.map(toApiKey);
}

/** Revokes a key; repeating it is harmless. */
export async function revokeApiKey(
  deps: DomainDeps,
  actor: Actor,
  storeId: string,
  keyId: string,
): Promise<void> {
  await ownedStore(deps.db, actor, storeId);
  const key = await deps.db.kysely
    .selectFrom('api_keys')
    .select('id')
    .where('id', '=', keyId)
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  if (!key) throw notFound('API key');
  await deps.db.batch([
    deps.db.kysely
      .updateTable('api_keys')
      .set({ revoked_at: deps.clock.now().toISOString() })
      .where('id', '=', keyId)
      .where('revoked_at', 'is', null)
      .compile(),
  ]);
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The key's identity if the secret is a live key; null otherwise. */
export async function authenticateApiKey(db: Db, secret: string, now: Date) {
  const row = await db.kysely
    .selectFrom('api_keys')
    .select(['id', 'store_id', 'last_used_at'])
    .where('secret_hash', '=', await sha256Hex(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > LAST_USED_RESOLUTION_MS) {
    await db.batch([
      db.kysely
        .updateTable('api_keys')
        .set({ last_used_at: now.toISOString() })
        .where('id', '=', row.id)
        .compile(),
    ]);
  }
  return { keyId: row.id, storeId: row.store_id };
}
