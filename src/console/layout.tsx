/** The console's page shell and the small pieces every page is made of. Hono JSX escapes all text. */
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import type { ErrorDetail } from '../errors';
import type { UserActor } from '../users/actor';
import { CSRF_FIELD } from './csrf';
import { t } from './messages';

export const consoleCss = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#1f2328;background:#f6f7f9}
a{color:#0b5cad}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,summary:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
header{background:#07c160;color:#fff}
header nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;max-width:64rem;margin:auto;padding:.6rem 1rem}
header a,header button{color:#fff;text-decoration:none;font-weight:600;background:none;border:0;font-size:1rem;cursor:pointer;padding:0}
header .brand{font-size:1.1rem;margin-right:auto}
main{max-width:64rem;margin:auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:1rem;margin:0 0 1rem}
.card>:first-child{margin-top:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600;color:#57606a}dd{margin:0}
.field{margin:0 0 1rem}
.field label{display:block;font-weight:600}
.field .hint,.hint{color:#57606a;font-size:.9rem;margin:.1rem 0}
.hint,td,dd,li{overflow-wrap:anywhere}
.field .error,.error{color:#b42318;font-size:.95rem}
input,select,textarea{font:inherit;width:100%;max-width:36rem;padding:.45rem .6rem;border:1px solid #8c959f;border-radius:6px;background:#fff}
input[type=checkbox]{width:auto}
[aria-invalid=true]{border-color:#b42318;border-width:2px}
button,.button{font:inherit;display:inline-block;padding:.45rem 1rem;border-radius:6px;border:1px solid #07a355;background:#07c160;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#1f2328;border-color:#8c959f}
button.danger{background:#b42318;border-color:#b42318}
.inline{display:inline}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
.row .field{flex:1 1 12rem}
.flash{padding:.75rem 1rem;border-radius:6px;margin:0 0 1rem;background:#e6f6ec;border:1px solid #07c160}
.flash.bad{background:#fdecea;border-color:#b42318}
.badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.85rem;background:#eaeef2}
.badge.approved{background:#dafbe1}.badge.rejected,.badge.suspended{background:#ffebe9}.badge.pending_review{background:#fff8c5}
.empty{color:#57606a;padding:1.5rem;text-align:center;background:#fff;border:1px dashed #d8dee4;border-radius:8px}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d8dee4;vertical-align:top}
.table{overflow-x:auto;margin:0 0 1rem}
.secret{font-family:ui-monospace,monospace;word-break:break-all;background:#fff8c5;padding:.5rem;border-radius:6px}
pre{white-space:pre-wrap;word-break:break-all;background:#24292f;color:#fff;padding:.75rem;border-radius:6px;font-size:.85rem}
.tabs{display:flex;gap:1rem;flex-wrap:wrap;margin:0 0 1rem}
.tabs a[aria-current=page]{font-weight:700;text-decoration:none;color:#1f2328}
figure{margin:0 0 1rem}.legend-views{color:#2da44e}.legend-adds{color:#d97706}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
@media (max-width:40rem){main{padding:.75rem}th,td{padding:.4rem}dl{grid-template-columns:1fr}dd{margin-bottom:.5rem}}
`;

export const consoleJs = `document.addEventListener('click',function(e){var b=e.target.closest('[data-copy]');if(!b)return;var el=document.getElementById(b.getAttribute('data-copy'));if(!el||!navigator.clipboard)return;navigator.clipboard.writeText(el.textContent).then(function(){b.textContent=b.getAttribute('data-done')})});`;

export interface PageProps {
  title: string;
  user: UserActor | null;
  csrf: string;
  marketplaceName: string;
  flash?: { text: string; bad?: boolean } | undefined;
}

export const Page: FC<PropsWithChildren<PageProps>> = ({
  title,
  user,
  csrf,
  marketplaceName,
  flash,
  children,
}) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} · ${t.appTitle(marketplaceName)}`}</title>
      <link rel="stylesheet" href="/console/assets/console.css" />
    </head>
    <body>
      <a class="skip" href="#main">
        {t.nav.skip}
      </a>
      <header>
        <nav aria-label={t.nav.label}>
          <a class="brand" href="/console">
            {t.appTitle(marketplaceName)}
          </a>
          {user && <a href="/console">{t.nav.stores}</a>}
          {user?.roles.includes('moderator') && (
            <>
              <a href="/console/review">{t.nav.review}</a>
              <a href="/console/reports">{t.nav.reports}</a>
              <a href="/console/audit">{t.nav.audit}</a>
            </>
          )}
          {user && (
            <form method="post" action="/console/sign-out" class="inline">
              <CsrfField token={csrf} />
              <button type="submit">{t.nav.signOut}</button>
            </form>
          )}
        </nav>
      </header>
      <main id="main">
        <h1>{title}</h1>
        {flash && (
          <p class={flash.bad ? 'flash bad' : 'flash'} role={flash.bad ? 'alert' : 'status'}>
            {flash.text}
          </p>
        )}
        {children}
      </main>
      <script src="/console/assets/console.js" defer />
    </body>
  </html>
);

export const CsrfField: FC<{ token: string }> = ({ token }) => (
  <input type="hidden" name={CSRF_FIELD} value={token} />
);

/** A POST form with its CSRF token. */
export const PostForm: FC<
  PropsWithChildren<{ action: string; csrf: string; class?: string; multipart?: boolean }>
> = (props) => (
  <form
    method="post"
    action={props.action}
    class={props.class}
    enctype={props.multipart ? 'multipart/form-data' : undefined}
  >
    <CsrfField token={props.csrf} />
    {props.children}
  </form>
);

/** Field errors by dotted path (`miniProgram.appId`), from the API's error details. */
export type FieldErrors = Record<string, string[]>;

export function fieldErrors(details: ErrorDetail[]): FieldErrors {
  const out: FieldErrors = {};
  for (const d of details) {
    const key = d.path.join('.') || '_';
    out[key] = [...(out[key] ?? []), d.message];
  }
  return out;
}

export interface FieldProps {
  name: string;
  label: string;
  hint?: string | undefined;
  value?: string | undefined;
  errors?: FieldErrors | undefined;
  type?: 'text' | 'url' | 'number' | 'date' | 'search';
  required?: boolean;
  multiline?: boolean;
  options?: { value: string; label: string }[];
  attrs?: Record<string, string>;
  /** A filter or search box: being optional goes without saying. */
  filter?: boolean;
}

/** A labelled input with its hint and its errors, tied together for screen readers. */
export const Field: FC<FieldProps> = (p) => {
  const id = `f-${p.name.replaceAll('.', '-')}`;
  const errors = p.errors?.[p.name] ?? [];
  const describedBy = [p.hint ? `${id}-hint` : '', errors.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: p.name,
    required: p.required,
    'aria-invalid': errors.length ? 'true' : undefined,
    'aria-describedby': describedBy || undefined,
    ...p.attrs,
  };
  let control: Child;
  if (p.options) {
    control = (
      <select {...common}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (p.multiline) {
    control = (
      <textarea rows={4} {...common}>
        {p.value ?? ''}
      </textarea>
    );
  } else {
    control = <input type={p.type ?? 'text'} value={p.value ?? ''} {...common} />;
  }
  return (
    <div class="field">
      <label for={id}>
        {p.label}
        {p.required || p.filter ? '' : `（${t.common.optional}）`}
      </label>
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {control}
      {errors.length > 0 && (
        <p class="error" id={`${id}-error`}>
          {errors.join('；')}
        </p>
      )}
    </div>
  );
};

export const Empty: FC<PropsWithChildren> = ({ children }) => <p class="empty">{children}</p>;

export const StatusBadge: FC<{ status: keyof typeof t.status }> = ({ status }) => (
  <span class={`badge ${status}`}>{t.status[status]}</span>
);

/** Tabs as links; the current one is marked for assistive technology. */
export const Tabs: FC<{ items: { href: string; label: string; current: boolean }[]; label: string }> = (
  p,
) => (
  <nav class="tabs" aria-label={p.label}>
    {p.items.map((i) => (
      <a href={i.href} aria-current={i.current ? 'page' : undefined}>
        {i.label}
      </a>
    ))}
  </nav>
);

/** A "next page" link keeping the current query, when there is a next page. */
export const NextPage: FC<{
  path: string;
  query: Record<string, string | undefined>;
  cursor: string | null;
}> = (p) => {
  if (!p.cursor) return null;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(p.query)) if (v) q.set(k, v);
  q.set('cursor', p.cursor);
  return (
    <p>
      <a href={`${p.path}?${q}`}>{t.common.next} →</a>
    </p>
  );
};

/** Error messages that name no field (a whole-form problem), shown above the form. */
export const FormErrors: FC<{ errors?: FieldErrors | undefined; known: string[] }> = ({ errors, known }) => {
  if (!errors || Object.keys(errors).length === 0) return null;
  const other = Object.entries(errors).filter(([k]) => !known.includes(k));
  return (
    <div class="flash bad" role="alert">
      <p>{t.common.formHasErrors}</p>
      {other.length > 0 && (
        <ul>
          {other.map(([k, msgs]) => (
            <li>{k === '_' ? msgs.join('；') : `${k}: ${msgs.join('；')}`}</li>
          ))}
        </ul>
      )}
    </div>
  );
};

/** An ISO time as `YYYY-MM-DD HH:MM` (UTC), with `:SS` when asked (the audit log), or a dash. */
export const when = (iso: string | null | undefined, precision: 'minutes' | 'seconds' = 'minutes'): string =>
  iso ? iso.slice(0, precision === 'seconds' ? 19 : 16).replace('T', ' ') : '—';

/** A table with a header row, or the empty state when there are no rows. */
export const DataTable: FC<PropsWithChildren<{ head: string[]; empty: string; rows: number }>> = (p) =>
  p.rows === 0 ? (
    <Empty>{p.empty}</Empty>
  ) : (
    <div class="table">
      <table>
        <thead>
          <tr>
            {p.head.map((h) => (
              <th>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{p.children}</tbody>
      </table>
    </div>
  );
