import { roleAtMost, type Role } from '../../domain/permissions/roles.js';
import type { UserContext } from '../user-context.js';

/** What a valid token allows: whose it is, where, and up to which role. */
export interface TokenGrant {
  tokenId: number;
  name: string;
  prefix: string;
  username: string;
  /** null = every experiment its owner belongs to. */
  experiment: string | null;
  maxRole: Role;
  /**
   * Set for a submission's own callback token (submission-token.ts): it acts as the submission's
   * launcher but may only report on this submission through the wrapper calls.
   */
  submissionId?: number;
}

const lower = (a: Role, b: Role): Role => (roleAtMost(a, b) ? a : b);

/**
 * The user as a token lets them act: memberships limited to the token's experiment (when it has
 * one) and capped at its maximum role; the acting role is min(token max_role, membership role);
 * the root flag survives only for an all-experiments superuser token.
 */
export function limitToToken(user: UserContext, grant: TokenGrant): UserContext {
  const cap = (r: Role) => lower(r, grant.maxRole);
  const memberships: Record<string, Role> = {};
  if (grant.experiment) {
    const member = user.root ? 'superuser' : user.memberships[grant.experiment];
    if (member) memberships[grant.experiment] = cap(member);
  } else {
    for (const [exp, role] of Object.entries(user.memberships)) memberships[exp] = cap(role);
  }
  const root = user.root && !grant.experiment && grant.maxRole === 'superuser';
  const experiment = grant.experiment ?? user.experiment;
  const ceiling: Role = root
    ? 'superuser'
    : experiment
      ? (memberships[experiment] ?? 'analysis')
      : 'analysis';
  return { ...user, root, memberships, experiment, role: ceiling };
}
