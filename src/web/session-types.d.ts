import type { FlashMessage } from './middleware/flash.js';
import type { PendingSignIn } from '../services/identity/oidc-sign-in.js';
import type { UserContext } from '../services/user-context.js';

declare module 'express-session' {
  interface SessionData {
    username?: string;
    csrf?: string;
    flash?: FlashMessage[];
    /** An OIDC sign-in between the redirect to the provider and the browser's return. */
    oidc?: PendingSignIn;
    /** How this session was signed in: the dev sign-in page or the OIDC provider. */
    signedInVia?: 'dev' | 'oidc';
    /** The provider's ID token (the hint of its end_session) and the groups it named. */
    idToken?: string;
    groups?: string[];
  }
}

declare global {
  namespace Express {
    interface Request {
      user?: UserContext;
      /** How the user was identified: a signed-in session cookie, a header, an API token or a lab JWT. */
      authVia?: 'session' | 'header' | 'dev-header' | 'token' | 'lab-token';
    }
  }
}
