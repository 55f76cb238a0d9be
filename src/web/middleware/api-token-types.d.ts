import type { IdentityRow } from '../../db/stores/people-store.js';
import type { LabTokenIdentity } from '../../services/identity/lab-token-service.js';
import type { TokenGrant } from '../../services/tokens/token-grant.js';

declare global {
  namespace Express {
    interface Request {
      /** Set when the request was authenticated by an API token (req.authVia === 'token' or 'lab-token'). */
      apiToken?: TokenGrant;
      /** Set when the request was authenticated by a lab bearer JWT (req.authVia === 'lab-token'). */
      labToken?: LabTokenIdentity;
      /** The authenticated user's identity row, read once per request (req.user is built from it). */
      identityRow?: IdentityRow;
    }
  }
}
