/** What every console handler sees: the app's context plus the signed-in user, the CSRF token and the parsed form. */
import type { AppEnv } from '../api/env';
import type { UserActor } from '../users/actor';

export type FormValue = string | File;
export type Form = Record<string, FormValue>;

export interface ConsoleEnv {
  Variables: AppEnv['Variables'] & {
    user: UserActor | null;
    csrfToken: string;
    form: Form;
  };
}
