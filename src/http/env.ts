import type { Context } from 'hono';
import type { Auth } from '../auth/auth.ts';
import type { ServiceContext } from '../services/context.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/** What every request handler can reach through `c.get(...)`. */
export interface AppEnv {
  Variables: {
    requestId: string;
    user: SessionUser;
  };
}

export interface AppDeps {
  ctx: ServiceContext;
  auth: Auth;
  publicUrl: string;
  /** Folder holding the built web app; without it only the API is served. */
  webRoot?: string | undefined;
  /** Count sign-in attempts per X-Forwarded-For address (behind a reverse proxy). */
  trustProxy?: boolean | undefined;
  log?: (line: string) => void;
}

export type AppContext = Context<AppEnv>;
