import type { Request } from 'express';
import type { Config } from '../../../config/config-schema.js';
import { isRole, roleAtMost } from '../../../domain/permissions/roles.js';
import { AppError, invalid } from '../../../lib/errors.js';
import type { Services } from '../../../services/services.js';
import { limitToToken } from '../../../services/tokens/token-grant.js';
import type { UserContext } from '../../../services/user-context.js';
import type { CompatFields } from './compat-fields.js';

/**
 * Who a poms_client call acts as, in which experiment and role: the authenticated user (API token,
 * SSO header, development header, session), or in dev mode `[auth] dev_default_user` for calls
 * that carry no identity (the original's standalone test user). Experiment and role come from the
 * call (`experiment`, `role`, or the path), else the user's saved ones; a role above the
 * membership is lowered to it, an experiment the user does not belong to is refused, and a token
 * keeps its limits (experiment, maximum role).
 */
export async function compatUser(
  req: Request,
  fields: CompatFields,
  services: Services,
  config: Readonly<Config>,
): Promise<UserContext> {
  const wanted = fields.text('experiment')?.trim() || undefined;
  const role = fields.text('role')?.trim() || undefined;
  const fallback = config.auth.mode === 'dev' ? config.auth.dev_default_user : undefined;
  const username = req.user?.username ?? fallback;
  if (!username)
    throw new AppError(
      'unauthenticated',
      'no identity: send an API token (Authorization: Bearer <token>)' +
        (config.auth.mode === 'dev' ? ', or set [auth] dev_default_user for development' : ''),
    );
  const grant = req.apiToken;
  if (grant?.submissionId !== undefined) onlyItsSubmission(req, fields, grant.submissionId);
  if (grant?.experiment && wanted && wanted !== grant.experiment)
    throw new AppError('forbidden', `this API token is limited to experiment ${grant.experiment}`);
  const experiment = wanted ?? grant?.experiment ?? undefined;
  // The row authentication read serves again: one user load per request.
  const row =
    req.identityRow?.username === username ? req.identityRow : await services.identity.identity(username);
  const loaded = row ? services.identity.contextOf(row, experiment, role) : null;
  if (!loaded) throw new AppError('unauthenticated', `unknown user ${username}`);
  if (experiment && !loaded.root && !loaded.memberships[experiment])
    throw new AppError('forbidden', `${username} is not a member of ${experiment}`);
  let user: UserContext = experiment ? { ...loaded, experiment } : loaded;
  if (grant) {
    user = limitToToken(user, grant);
    if (isRole(role) && roleAtMost(role, user.role)) user = { ...user, role };
  }
  if (!user.experiment)
    throw invalid('no experiment: send experiment=<name>', [{ field: 'experiment', message: 'required' }]);
  return user;
}

/** The calls a submission's callback token may make, about its own submission only. */
const SUBMISSION_TOKEN_CALLS = new Set(['update_submission', 'get_submission_id_for', 'get_task_id_for']);

function onlyItsSubmission(req: Request, fields: CompatFields, submissionId: number): void {
  const method = req.path.split('/')[1] ?? '';
  const named = fields.int('submission_id') ?? fields.int('task_id');
  if (!SUBMISSION_TOKEN_CALLS.has(method) || named !== submissionId)
    throw new AppError(
      'forbidden',
      `a submission token only reports on its own submission (${submissionId}) through ` +
        `${[...SUBMISSION_TOKEN_CALLS].join(', ')}`,
    );
}
