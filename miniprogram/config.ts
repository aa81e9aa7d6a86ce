/** Where the marketplace API lives and how hard the mini-program may lean on it: the one place to change them. */
export const config = {
  /** The service's origin; a local `npm start` listens here. Production needs a legal HTTPS request domain. */
  apiBase: 'http://localhost:8787',
  /** WeChat allows 10 concurrent `wx.request` calls. */
  maxConcurrentRequests: 10,
  timeoutMs: 10_000,
  /**
   * Development only: sign in through the service's dev login as this openid instead of `wx.login`
   * (a local `npm start` has dev login on, but no AppSecret to exchange DevTools' codes). Keep empty
   * for release builds; the service answers 404 to dev login in production.
   */
  devOpenid: '',
};
