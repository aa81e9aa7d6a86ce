/** For the Meilisearch engine's tests: an engine on a fresh database and a fake Meilisearch, and catalog rows written straight in. */
import { type Clock, manualClock } from '../../clock';
import type { Db } from '../../db/database';
import { openSqlite, type SqliteDb } from '../../db/sqlite';
import type { StoreStatus } from '../../vendors/stores.table';
import type { RetryPolicy } from '../outbox';
import { createMeiliEngine } from './engine';
import { type FakeMeili, fakeMeili } from './fake-meili';

const opened: SqliteDb[] = [];

/** A Meilisearch engine on `db` talking to the fake `meili`, polling tasks without waiting. */
export function engineOnFake(meili: FakeMeili, db: Db, clock: Clock, retry: Partial<RetryPolicy> = {}) {
  return createMeiliEngine({
    url: 'http://meili.test',
    apiKey: 'k',
    db,
    clock,
    fetch: meili.fetch,
    taskPollMs: 1,
    retry: { random: () => 0.5, ...retry },
  });
}

/** The engine under test, talking to a fake Meilisearch, on an in-memory database with the real migrations. */
export function meiliTestbed(retry: Partial<RetryPolicy> = {}) {
  const meili = fakeMeili();
  const db = openSqlite(':memory:');
  opened.push(db);
  const clock = manualClock(new Date('2026-11-01T08:00:00Z'));
  return { meili, db, clock, engine: engineOnFake(meili, db, clock, retry) };
}

/** Closes every testbed's database; for `afterEach`. */
export async function closeTestbeds(): Promise<void> {
  for (const db of opened.splice(0)) await db.close();
}

const AT = '2026-10-01T00:00:00.000Z';

export async function insertStore(
  db: Db,
  id: string,
  fields: { name?: string; status?: StoreStatus; city?: string; category?: string } = {},
): Promise<string> {
  await db.kysely
    .insertInto('users')
    .values({
      id: `us_${id}`,
      openid: `o_${id}`,
      unionid: null,
      nickname: null,
      roles: '[]',
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  await db.kysely
    .insertInto('stores')
    .values({
      id,
      owner_id: `us_${id}`,
      name: fields.name ?? '杭州小林家居馆',
      description: '专注北欧风家居好物',
      category: fields.category ?? 'home',
      city: fields.city ?? '杭州',
      wechat_id: 'xiaolin_home',
      contact_qr_url: null,
      logo_url: 'https://img.example.com/logo.png',
      mp_app_id: null,
      mp_home_path: null,
      mp_product_path: null,
      lat: null,
      lng: null,
      status: fields.status ?? 'approved',
      review_reason: null,
      reviewed_at: null,
      submitted_at: null,
      version: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  return id;
}

export async function insertProduct(
  db: Db,
  storeId: string,
  externalId: string,
  fields: { title?: string; status?: 'active' | 'inactive'; takenDown?: boolean; brand?: string | null } = {},
): Promise<string> {
  const id = `pr_${storeId}_${externalId}`.replace(/[^A-Za-z0-9_]/g, '_');
  await db.kysely
    .insertInto('products')
    .values({
      id,
      store_id: storeId,
      external_id: externalId,
      title: fields.title ?? '北欧风实木餐桌',
      description: '进口白橡木',
      category: 'home',
      brand: fields.brand === undefined ? '林氏木业' : fields.brand,
      price: 129_900,
      original_price: null,
      currency: 'CNY',
      images: JSON.stringify(['https://img.example.com/p/1.jpg']),
      tags: JSON.stringify(['实木', '北欧']),
      mini_program_path: null,
      status: fields.status ?? 'active',
      taken_down_at: fields.takenDown ? AT : null,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  return id;
}

export async function insertPost(
  db: Db,
  storeId: string,
  externalId: string,
  fields: { title?: string; publishedAt?: string } = {},
): Promise<string> {
  const id = `po_${storeId}_${externalId}`.replace(/[^A-Za-z0-9_]/g, '_');
  await db.kysely
    .insertInto('posts')
    .values({
      id,
      store_id: storeId,
      external_id: externalId,
      title: fields.title ?? '新品上架：北欧餐桌',
      body: '本周新到一批白橡木餐桌',
      cover_url: null,
      images: '[]',
      product_external_ids: '[]',
      tags: JSON.stringify(['上新']),
      published_at: fields.publishedAt ?? AT,
      taken_down_at: null,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  return id;
}
