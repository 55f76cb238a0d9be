import type { Request, Response } from 'express';
import type { Config } from '../../config/config-schema.js';
import type { IdentityService } from '../../services/identity-service.js';
import { limitToToken } from '../../services/tokens/token-grant.js';
import type { TokenService } from '../../services/tokens/token-service.js';
import { AppError } from '../../lib/errors.js';

/** The token of `Authorization: Bearer <token>` (any case of "Bearer", as poms_client sends BEARER). */
export function bearerToken(req: Request): string | undefined {
  const m = /^bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '');
  return m?.[1];
}

/** The experiment an /api/v1/experiments/<exp>/… address is about. */
export function experimentInPath(originalUrl: string): string | undefined {
  const m = /^\/api\/v1\/experiments\/([^/?#]+)/.exec(originalUrl);
  if (!m) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
}

/**
 * Authenticates a bearer token: 401 (unknown, revoked, expired), 429 over the token's rate, 403
 * for an address in another experiment than the token's. On success req.user is the token's user
 * limited by the token, req.authVia = 'token', req.apiToken = the grant.
 */
export function tokenAuthenticator(
  config: Readonly<Config>,
  identity: IdentityService,
  tokens: TokenService,
) {
  return async (req: Request, res: Response, token: string): Promise<'done' | 'answered'> => {
    const grant = await tokens.verify(token);
    const bucket = await tokens.rateLimit(grant, config.api.token_rate_per_s, config.api.token_burst);
    if (!bucket.allowed) {
      res
        .status(429)
        .set('Retry-After', String(bucket.retryAfterS))
        .json({
          error: {
            code: 'rate_limited',
            message: `too many requests with this API token (at most ${config.api.token_rate_per_s}/s, bursts of ${config.api.token_burst}); retry after ${bucket.retryAfterS} s`,
            details: [],
          },
        });
      return 'answered';
    }
    const prefix = config.compat.prefix;
    if (grant.submissionId !== undefined && !req.originalUrl.startsWith(`${prefix}/`))
      throw new AppError(
        'forbidden',
        `a submission token only reports on submission ${grant.submissionId} (${prefix}/update_submission)`,
      );
    const target = experimentInPath(req.originalUrl);
    if (grant.experiment && target && target !== grant.experiment)
      throw new AppError('forbidden', `this API token is limited to experiment ${grant.experiment}`);
    const row = await identity.identity(grant.username);
    if (!row)
      throw new AppError('unauthenticated', `the owner of this API token (${grant.username}) is unknown`);
    const user = identity.contextOf(row, target ?? grant.experiment);
    req.identityRow = row;
    req.user = limitToToken(target ? { ...user, experiment: target } : user, grant);
    req.authVia = 'token';
    req.apiToken = grant;
    // Not a cookie session: without this, each scripted call would store a new session row.
    (req as { session?: unknown }).session = undefined;
    await tokens.touch(grant);
    return 'done';
  };
}
