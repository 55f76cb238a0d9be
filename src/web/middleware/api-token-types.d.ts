import type { IdentityRow } from '../../db/stores/people-store.js';
import type { TokenGrant } from '../../services/tokens/token-grant.js';

declare global {
  namespace Express {
    interface Request {
      /** Set when the request was authenticated by an API token (req.authVia === 'token'). */
      apiToken?: TokenGrant;
      /** The authenticated user's identity row, read once per request (req.user is built from it). */
      identityRow?: IdentityRow;
    }
  }
}
