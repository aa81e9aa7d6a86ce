/** A store's form fields ↔ the API's store body: dotted names (`miniProgram.appId`) map to nested fields. */
import type { Store } from '../vendors/store-schema';
import type { Form } from './env';
import { text } from './forms';

export type StoreFormValues = Record<string, string>;

export const storeFieldNames = [
  'name',
  'description',
  'category',
  'city',
  'wechatId',
  'contactQrUrl',
  'logoUrl',
  'miniProgram.appId',
  'miniProgram.homePath',
  'miniProgram.productPath',
  'location.lat',
  'location.lng',
] as const;

export function valuesOfStore(store: Store): StoreFormValues {
  return {
    name: store.name,
    description: store.description ?? '',
    category: store.category,
    city: store.city,
    wechatId: store.wechatId ?? '',
    contactQrUrl: store.contactQrUrl ?? '',
    logoUrl: store.logoUrl ?? '',
    'miniProgram.appId': store.miniProgram?.appId ?? '',
    'miniProgram.homePath': store.miniProgram?.homePath ?? '',
    'miniProgram.productPath': store.miniProgram?.productPath ?? '',
    'location.lat': store.location ? String(store.location.lat) : '',
    'location.lng': store.location ? String(store.location.lng) : '',
  };
}

export const valuesOfForm = (form: Form): StoreFormValues =>
  Object.fromEntries(storeFieldNames.map((n) => [n, text(form, n)]));

/** A number when the text is one, else the text itself so validation names the field. */
const numberOr = (v: string): number | string => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

/**
 * The body the API would take. An empty optional field is left out when creating and cleared
 * (`null`) when editing; required fields are always sent so a blank one is named in the errors.
 */
export function storeBody(values: StoreFormValues, mode: 'create' | 'edit'): Record<string, unknown> {
  const blank = mode === 'create' ? undefined : null;
  const opt = (v: string | undefined) => (v ? v : blank);
  const mp = {
    appId: values['miniProgram.appId'] ?? '',
    homePath: values['miniProgram.homePath'] ?? '',
    productPath: values['miniProgram.productPath'] ?? '',
  };
  const lat = values['location.lat'] ?? '';
  const lng = values['location.lng'] ?? '';
  const body: Record<string, unknown> = {
    name: values.name ?? '',
    description: opt(values.description),
    category: values.category ?? '',
    city: values.city ?? '',
    wechatId: values.wechatId ?? '',
    contactQrUrl: opt(values.contactQrUrl),
    logoUrl: opt(values.logoUrl),
    miniProgram:
      mp.appId || mp.homePath || mp.productPath
        ? {
            appId: mp.appId,
            ...(mp.homePath ? { homePath: mp.homePath } : {}),
            ...(mp.productPath ? { productPath: mp.productPath } : {}),
          }
        : blank,
    location: lat || lng ? { lat: numberOr(lat), lng: numberOr(lng) } : blank,
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}
