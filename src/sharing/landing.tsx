/**
 * The marketplace's own web pages for shared items, where a share QR code points
 * (`/p/<productId>`, `/s/<storeId>`): what the item is, and the mini-program code to long-press in
 * WeChat to open it in the marketplace mini-program. Only what shoppers may see; everything escaped.
 */
import { type Context, Hono } from 'hono';
import type { Child, FC, PropsWithChildren } from 'hono/jsx';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../api/env';
import { AppError } from '../errors';
import { yuan } from '../money';
import { anonymous } from '../users/actor';
import { getProduct, listStoreProducts } from '../vendors/catalog';
import { getStore } from '../vendors/stores';

const css = `body{margin:0;font:16px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
main{max-width:32rem;margin:auto;padding:1rem}img{max-width:100%;border-radius:8px}
.price{color:#d4380d;font-size:1.4rem;font-weight:700}.muted{color:#57606a}
.code{background:#fff;border-radius:8px;padding:1rem;text-align:center;margin-top:1rem}.code img{width:12rem}
ul{padding-left:1.2rem}`;

const Shell: FC<PropsWithChildren<{ title: string; name: string; code: string | null }>> = (p) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${p.title} · ${p.name}`}</title>
      <link rel="stylesheet" href="/share.css" />
    </head>
    <body>
      <main>
        {p.children}
        <section class="code">
          {p.code ? (
            <>
              <img src={p.code} alt={`${p.name}小程序码`} />
              <p>在微信中长按识别小程序码，打开{p.name}小程序查看和联系商家。</p>
            </>
          ) : (
            <p>在微信中搜索「{p.name}」小程序查看和联系商家。</p>
          )}
        </section>
      </main>
    </body>
  </html>
);

async function page(c: Context<AppEnv>, title: string, body: Child, code: string) {
  const { config, wechat } = c.var.deps;
  const html = (
    <Shell title={title} name={config.marketplaceName} code={wechat ? code : null}>
      {body}
    </Shell>
  );
  return c.html(`<!doctype html>${await html.toString()}`);
}

/** A missing or hidden item is a plain 404 page, not the API's JSON. */
const notFoundPage = (c: Context<AppEnv>) =>
  c.html(
    '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>404</title><p>内容不存在或已下架。</p></html>',
    404,
  );

async function orNotFound<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') return null;
    throw err;
  }
}

/** Only on these pages: a middleware for every path would also run on (and relabel) the API's requests. */
const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    imgSrc: ["'self'", 'https:', 'data:'],
    frameAncestors: ["'none'"],
  },
});

export const landingRoutes = new Hono<AppEnv>()
  .use('/p/*', headers)
  .use('/s/*', headers)
  .get('/share.css', (c) => c.body(css, 200, { 'content-type': 'text/css; charset=utf-8' }))
  .get('/p/:id', async (c) => {
    const product = await orNotFound(getProduct(c.var.deps, anonymous, c.req.param('id')));
    if (!product) return notFoundPage(c);
    return page(
      c,
      product.title,
      <>
        {product.images[0] && <img src={product.images[0]} alt={product.title} />}
        <h1>{product.title}</h1>
        <p class="price">{yuan(product.price)}</p>
        <p class="muted">
          {product.store.name} · {product.store.city}
        </p>
        {product.description && <p>{product.description}</p>}
      </>,
      `/v1/products/${encodeURIComponent(product.id)}/share-code?kind=wxacode`,
    );
  })
  .get('/s/:id', async (c) => {
    const store = await orNotFound(getStore(c.var.deps, anonymous, c.req.param('id')));
    if (!store) return notFoundPage(c);
    const { items } = await listStoreProducts(c.var.deps, anonymous, store.id, { limit: 6 });
    return page(
      c,
      store.name,
      <>
        {store.logoUrl && <img src={store.logoUrl} alt={store.name} width="96" />}
        <h1>{store.name}</h1>
        <p class="muted">{store.city}</p>
        {store.description && <p>{store.description}</p>}
        {items.length > 0 && (
          <ul>
            {items.map((p) => (
              <li>
                {p.title} <span class="muted">{yuan(p.price)}</span>
              </li>
            ))}
          </ul>
        )}
      </>,
      `/v1/stores/${encodeURIComponent(store.id)}/share-code?kind=wxacode`,
    );
  });
