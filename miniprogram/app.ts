/** The marketplace mini-program: pages read everything through `services/`; no global state lives here. */
App({});
