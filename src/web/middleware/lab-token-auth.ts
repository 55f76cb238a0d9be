import type { Request } from 'express';
import type { IdentityService } from '../../services/identity-service.js';
import type { LabTokenService } from '../../services/identity/lab-token-service.js';
import { limitToToken, type TokenGrant } from '../../services/tokens/token-grant.js';
import { AppError } from '../../lib/errors.js';
import { experimentInPath } from './token-auth.js';

/** A JWT: three base64url parts (our own tokens have no dots). */
export const looksLikeJwt = (token: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/**
 * Authenticates a lab bearer JWT: 401 when it does not verify or names nobody POMS knows, 403 for
 * an address in another experiment than its scope's. On success req.user is its user (limited to
 * the scope's experiment), req.authVia = 'lab-token', req.apiToken a grant describing it.
 */
export function labTokenAuthenticator(
  identity: IdentityService,
  lab: LabTokenService | null,
  provision?: (username: string) => Promise<unknown>,
) {
  return async (req: Request, token: string): Promise<void> => {
    if (!lab)
      throw new AppError(
        'unauthenticated',
        'lab tokens are not accepted here ([lab_tokens] issuer is not set): send a POMS API token',
      );
    const who = await lab.identify(token);
    const target = experimentInPath(req.originalUrl);
    if (who.experiment && target && target !== who.experiment)
      throw new AppError('forbidden', `this lab token is limited to experiment ${who.experiment}`);
    let row = await identity.identity(who.username);
    if (!row && provision) {
      await provision(who.username);
      row = await identity.identity(who.username);
    }
    if (!row)
      throw new AppError(
        'unauthenticated',
        `lab token refused: it speaks for ${who.username} (from its ${who.from}), who is not a POMS user`,
      );
    const grant: TokenGrant = {
      tokenId: 0,
      name: `lab token of ${who.issuer}`,
      prefix: '',
      username: row.username,
      experiment: who.experiment,
      maxRole: 'superuser',
    };
    const user = identity.contextOf(row, target ?? who.experiment);
    req.identityRow = row;
    req.user = limitToToken(target ? { ...user, experiment: target } : user, grant);
    req.authVia = 'lab-token';
    req.apiToken = grant;
    req.labToken = who;
    // Not a cookie session: each scripted call must not store a session row.
    (req as { session?: unknown }).session = undefined;
  };
}
