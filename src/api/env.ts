/** The typed context every handler sees: its dependencies, who is calling, and the request id. */
import type { Deps } from '../deps';
import type { Actor } from '../users/actor';

export interface AppEnv {
  Variables: {
    deps: Deps;
    actor: Actor;
    requestId: string;
  };
}
