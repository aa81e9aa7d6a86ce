/** Rendering a console page: the shell around a body, with a one-time notice carried over a redirect. */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ConsoleEnv } from './env';
import { Page } from './layout';
import { t } from './messages';

/** Notices a redirect may ask for with `?flash=`; anything else shows nothing. */
const flashes: Record<string, { text: string; bad?: boolean }> = {
  created: { text: t.stores.created },
  saved: { text: t.stores.saved },
  submitted: { text: t.stores.submitted },
  revoked: { text: t.keys.revoked },
  decided: { text: t.review.decided },
  resolved: { text: t.reports.resolved },
};

export type FlashKey = keyof typeof flashes;

export async function render(
  c: Context<ConsoleEnv>,
  title: string,
  body: Child,
  options: { status?: ContentfulStatusCode; flash?: { text: string; bad?: boolean } } = {},
) {
  const flash = options.flash ?? flashes[c.req.query('flash') ?? ''];
  const page = (
    <Page
      title={title}
      user={c.var.user}
      csrf={c.var.csrfToken}
      marketplaceName={c.var.deps.config.marketplaceName}
      flash={flash}
    >
      {body}
    </Page>
  );
  return c.html(`<!doctype html>${await page.toString()}`, options.status ?? 200);
}

/** Back to a console page after a successful POST, with a notice (POST → redirect → GET). */
export const done = (c: Context<ConsoleEnv>, path: string, flash: FlashKey) =>
  c.redirect(`${path}${path.includes('?') ? '&' : '?'}flash=${flash}`, 303);
