/** A publicly visible store's WeChat contact, with the greeting a shopper pastes into the friend request. */
import type { Db } from '../db/database';
import type { Deps } from '../deps';
import { notFound } from '../errors';
import { type Actor, requireUser } from '../users/actor';
import { loadStore } from '../vendors/store-access';
import type { StoresTable } from '../vendors/stores.table';
import type { Contact } from './schema';

/** Keeps the greeting short enough for WeChat's friend-request message. */
const MAX_SUBJECT_CHARS = 30;

/** What the shopper came for: a product or post title, or the store itself. */
export type Subject = { kind: 'item'; title: string } | { kind: 'store'; name: string };

function clip(text: string): string {
  const chars = [...text];
  return chars.length > MAX_SUBJECT_CHARS ? `${chars.slice(0, MAX_SUBJECT_CHARS - 1).join('')}…` : text;
}

/** `你好，我在集市看到你的「…」，想了解一下`; without a subject, a generic greeting. */
export function greeting(marketplaceName: string, subject?: Subject): string {
  if (!subject) return `你好，我在${marketplaceName}看到你的店铺，想了解一下`;
  if (subject.kind === 'store')
    return `你好，我在${marketplaceName}看到你的店铺「${clip(subject.name)}」，想了解一下`;
  return `你好，我在${marketplaceName}看到你的「${clip(subject.title)}」，想了解一下`;
}

export function contactOf(
  store: Pick<StoresTable, 'wechat_id' | 'contact_qr_url'>,
  marketplaceName: string,
  subject?: Subject,
): Contact {
  return {
    wechatId: store.wechat_id,
    ...(store.contact_qr_url ? { contactQrUrl: store.contact_qr_url } : {}),
    greeting: greeting(marketplaceName, subject),
  };
}

/** The store if shoppers may see it (approved), whoever asks; 404 otherwise. */
export async function publicStore(db: Db, storeId: string): Promise<StoresTable> {
  const row = await loadStore(db, storeId);
  if (row?.status !== 'approved') throw notFound('Store');
  return row;
}

/** A signed-in shopper's view of how to add the vendor on WeChat. */
export async function getContact(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor,
  storeId: string,
): Promise<Contact> {
  requireUser(actor);
  const store = await publicStore(deps.db, storeId);
  return contactOf(store, deps.config.marketplaceName);
}
