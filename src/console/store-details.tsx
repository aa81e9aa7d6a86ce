/** A store's particulars as a definition list, for its owner's overview and the moderator's review. */
import type { FC } from 'hono/jsx';
import { categories } from '../vendors/categories';
import type { Store } from '../vendors/store-schema';
import { t } from './messages';

export const StoreDetails: FC<{ store: Store; full?: boolean }> = ({ store, full }) => {
  const rows: [string, string][] = [
    [t.fields.category.label, categories.find((c) => c.id === store.category)?.label ?? store.category],
    [t.fields.city.label, store.city],
    [t.fields.wechatId.label, store.wechatId ?? '—'],
    [t.fields.description.label, store.description ?? '—'],
    [t.fields.appId.label, store.miniProgram?.appId ?? '—'],
    ...(full
      ? ([
          [t.fields.productPath.label, store.miniProgram?.productPath ?? '—'],
          [t.fields.logoUrl.label, store.logoUrl ?? '—'],
          [t.fields.contactQrUrl.label, store.contactQrUrl ?? '—'],
        ] as [string, string][])
      : []),
  ];
  return (
    <dl>
      {rows.map(([term, value]) => (
        <>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
};
