/** Signing in (WeChat web OAuth, or the dev form when dev login is on) and out. */
import { Hono } from 'hono';
import { safeReturnTo } from '../../users/return-to';
import { clearSessionCookie, setSessionCookie } from '../../users/session-cookie';
import { devSignIn } from '../../users/sign-in';
import type { ConsoleEnv } from '../env';
import { text } from '../forms';
import { Field, PostForm } from '../layout';
import { t } from '../messages';
import { render } from '../render';

export const signInRoutes = new Hono<ConsoleEnv>()
  .get('/sign-in', (c) => {
    const { config, wechatWeb } = c.var.deps;
    const returnTo = safeReturnTo(c.req.query('returnTo'));
    const error = t.signIn.errors[c.req.query('error') ?? ''];
    const devLogin = config.devLogin && !config.production;
    return render(
      c,
      t.signIn.title,
      <>
        <p>{t.signIn.intro}</p>
        <div class="card">
          {wechatWeb ? (
            <a class="button" href={`/v1/auth/wechat/web/authorize?returnTo=${encodeURIComponent(returnTo)}`}>
              {t.signIn.wechat}
            </a>
          ) : (
            <p>{t.signIn.wechatMissing}</p>
          )}
        </div>
        {devLogin && (
          <div class="card">
            <h2>{t.signIn.devTitle}</h2>
            <p class="hint">{t.signIn.devHint}</p>
            <PostForm
              action={`/console/sign-in/dev?returnTo=${encodeURIComponent(returnTo)}`}
              csrf={c.var.csrfToken}
            >
              <Field
                name="openid"
                label={t.signIn.openid}
                required
                value="vendor-demo"
                attrs={{ maxlength: '64' }}
              />
              <div class="field">
                <label>
                  <input type="checkbox" name="moderator" value="1" /> {t.signIn.asModerator}
                </label>
              </div>
              <button type="submit">{t.signIn.submit}</button>
            </PostForm>
          </div>
        )}
      </>,
      error ? { flash: { text: error, bad: true } } : {},
    );
  })
  .post('/sign-in/dev', async (c) => {
    const { deps, form } = c.var;
    const { token } = await devSignIn(deps, {
      openid: text(form, 'openid'),
      roles: text(form, 'moderator') ? ['moderator'] : [],
    });
    setSessionCookie(c, deps.config.production, token);
    return c.redirect(safeReturnTo(c.req.query('returnTo')), 303);
  })
  .post('/sign-out', (c) => {
    clearSessionCookie(c, c.var.deps.config.production);
    return c.redirect('/console/sign-in', 303);
  });
