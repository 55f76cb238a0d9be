import type { FlashMessage } from './middleware/flash.js';
import type { UserContext } from '../services/user-context.js';

declare module 'express-session' {
  interface SessionData {
    username?: string;
    csrf?: string;
    flash?: FlashMessage[];
    returnTo?: string;
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
