import type { TokenGrant } from '../../services/tokens/token-grant.js';

declare global {
  namespace Express {
    interface Request {
      /** Set when the request was authenticated by an API token (req.authVia === 'token'). */
      apiToken?: TokenGrant;
    }
  }
}
