/** Users: found or created by WeChat openid, with the roles they hold. */
import { z } from 'zod';
import type { Db } from '../db/database';
import { newId } from '../ids';
import type { Role } from './actor';
import type { UsersTable } from './users.table';

export const User = z
  .object({
    id: z.string(),
    roles: z.array(z.enum(['shopper', 'vendor', 'moderator'])),
    nickname: z.string().optional(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

export function rolesOf(row: Pick<UsersTable, 'roles'>): Role[] {
  const granted = JSON.parse(row.roles) as Role[];
  return ['shopper', ...granted.filter((r) => r !== 'shopper')];
}

export function toUser(row: UsersTable): User {
  return { id: row.id, roles: rolesOf(row), ...(row.nickname ? { nickname: row.nickname } : {}) };
}

export async function getUserRow(db: Db, userId: string): Promise<UsersTable | undefined> {
  return db.kysely.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

/** The user with this openid, created on first sign-in; `grant` adds roles. */
export async function upsertUserByOpenid(
  db: Db,
  now: Date,
  openid: string,
  options: { unionid?: string | null; grant?: Role[]; nickname?: string | null } = {},
): Promise<UsersTable> {
  const at = now.toISOString();
  const existing = await db.kysely
    .selectFrom('users')
    .selectAll()
    .where('openid', '=', openid)
    .executeTakeFirst();
  const grant = (options.grant ?? []).filter((r) => r !== 'shopper');
  if (!existing) {
    await db.batch([
      db.kysely
        .insertInto('users')
        .values({
          id: newId('us'),
          openid,
          unionid: options.unionid ?? null,
          nickname: options.nickname ?? null,
          roles: JSON.stringify([...new Set(grant)]),
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.column('openid').doNothing())
        .compile(),
    ]);
  } else {
    const roles = [...new Set([...(JSON.parse(existing.roles) as Role[]), ...grant])];
    const unionid = options.unionid ?? existing.unionid;
    const nickname = options.nickname ?? existing.nickname;
    if (
      roles.length !== JSON.parse(existing.roles).length ||
      unionid !== existing.unionid ||
      nickname !== existing.nickname
    ) {
      await db.batch([
        db.kysely
          .updateTable('users')
          .set({ roles: JSON.stringify(roles), unionid, nickname, updated_at: at })
          .where('id', '=', existing.id)
          .compile(),
      ]);
    }
  }
  return (await db.kysely
    .selectFrom('users')
    .selectAll()
    .where('openid', '=', openid)
    .executeTakeFirstOrThrow()) as UsersTable;
}

/** Gives a user a role (an operator's act, e.g. making someone a moderator); false when there is no such user. */
export async function grantRole(
  db: Db,
  now: Date,
  userId: string,
  role: Exclude<Role, 'shopper'>,
): Promise<boolean> {
  const row = await getUserRow(db, userId);
  if (!row) return false;
  const roles = [...new Set([...(JSON.parse(row.roles) as Role[]), role])];
  await db.batch([
    db.kysely
      .updateTable('users')
      .set({ roles: JSON.stringify(roles), updated_at: now.toISOString() })
      .where('id', '=', userId)
      .compile(),
  ]);
  return true;
}
