// Who a lab bearer token (SciToken / WLCG JWT) speaks for. The original (webservice/get_user.py)
// read it from the token's storage scope: `storage.create:/<exp>/…/users/<user>` is that user,
// `storage.create:/<exp>/` the experiment's production account. A configured claim, when the token
// carries it, names the user instead.

export interface LabTokenUser {
  username: string;
  /** The experiment the scope names; the token acts in it only. null: no limit from the token. */
  experiment: string | null;
  from: 'claim' | 'user scope' | 'production scope';
}

export interface LabTokenUserRules {
  userClaim?: string;
  /** With `{experiment}`, e.g. `{experiment}pro`. */
  productionAccount: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const USER_SCOPE = /^storage\.create:\/([^/\s]+)\/(?:[^\s]*\/)?users\/([^/\s]+)\/?$/;
const EXPERIMENT_SCOPE = /^storage\.create:\/([^/\s]+)\/?$/;

/** The scope claim as a list: `scope` is a space-separated string (RFC 8693), `scp` sometimes a list. */
export function scopesOf(claims: Record<string, unknown>): string[] {
  const raw = claims.scope ?? claims.scp;
  if (typeof raw === 'string') return raw.split(/\s+/).filter(Boolean);
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string');
  return [];
}

/** The user of a verified token's claims, or the reason none can be told. */
export function labTokenUser(
  claims: Record<string, unknown>,
  rules: LabTokenUserRules,
): LabTokenUser | { problem: string } {
  if (rules.userClaim && claims[rules.userClaim] !== undefined) {
    const v = claims[rules.userClaim];
    if (typeof v !== 'string' || !NAME.test(v))
      return { problem: `the token's ${rules.userClaim} claim is not a user name` };
    return { username: v, experiment: null, from: 'claim' };
  }
  const scopes = scopesOf(claims);
  for (const s of scopes) {
    const m = USER_SCOPE.exec(s);
    if (m && NAME.test(m[2])) return { username: m[2], experiment: m[1].toLowerCase(), from: 'user scope' };
  }
  for (const s of scopes) {
    const m = EXPERIMENT_SCOPE.exec(s);
    if (m) {
      const experiment = m[1].toLowerCase();
      const username = rules.productionAccount.replaceAll('{experiment}', experiment);
      return { username, experiment, from: 'production scope' };
    }
  }
  return {
    problem:
      (rules.userClaim ? `the token has no ${rules.userClaim} claim and ` : 'the token has ') +
      'no storage.create:/<experiment>/users/<user> or storage.create:/<experiment>/ scope naming its user',
  };
}
