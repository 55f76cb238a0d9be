import type { Knex } from 'knex';
import { recordAudit } from '../../db/stores/audit-store.js';
import { apiTokenStore, type ApiTokenRow } from '../../db/stores/api-token-store.js';
import { peopleStore } from '../../db/stores/people-store.js';
import { rateBucketStore, type BucketDecision } from '../../db/stores/rate-bucket-store.js';
import { isRole, ROLES, roleAtMost, type Role } from '../../domain/permissions/roles.js';
import { AppError, invalid, notFound } from '../../lib/errors.js';
import type { UserContext } from '../user-context.js';
import type { TokenGrant } from './token-grant.js';
import type { TokenInput } from './token-input.js';
import { hashToken, looksLikeToken, newToken } from './token-secret.js';
import { looksLikeSubmissionToken, type SubmissionTokens } from './submission-token.js';

/** last_used_at is written at most this often per token (it is a hint, not a log). */
const TOUCH_EVERY_MS = 60_000;

export type TokenState = 'active' | 'expired' | 'revoked';

const stateOf = (t: ApiTokenRow, now: Date): TokenState =>
  t.revoked_at ? 'revoked' : t.expires_at && t.expires_at <= now ? 'expired' : 'active';

/** A token as lists show it (never its hash). */
export function tokenView(t: ApiTokenRow, now = new Date()) {
  return {
    token_id: t.token_id,
    name: t.name,
    token_prefix: t.token_prefix,
    experiment: t.experiment,
    max_role: t.max_role,
    created_at: t.created_at,
    expires_at: t.expires_at,
    revoked_at: t.revoked_at,
    last_used_at: t.last_used_at,
    state: stateOf(t, now),
  };
}
export type TokenView = ReturnType<typeof tokenView>;

const highest = (roles: Role[]): Role | undefined => [...ROLES].reverse().find((r) => roles.includes(r));

// Personal API tokens: created on the profile page (or POST /api/v1/tokens), shown once, stored as
// a sha256; each token is limited to one experiment (or all of its owner's) and a maximum role.
export function tokenService(
  db: Knex,
  now: () => Date = () => new Date(),
  submissionTokens?: SubmissionTokens,
) {
  const touched = new Map<number, number>();

  /** The highest role the user may put on a token for `experiment` (null = all experiments). */
  async function ceiling(user: UserContext, experiment: string | null): Promise<Role> {
    if (user.root) {
      if (experiment && !(await peopleStore(db).experiment(experiment)))
        throw invalid(`no experiment named ${experiment}`, [{ field: 'experiment', message: 'unknown' }]);
      return 'superuser';
    }
    const role = experiment ? user.memberships[experiment] : highest(Object.values(user.memberships));
    if (!role)
      throw invalid(
        experiment
          ? `${user.username} is not a member of ${experiment}`
          : 'you are not a member of any experiment',
        [{ field: 'experiment', message: 'not a member' }],
      );
    return role;
  }

  /** A submission token acts as the submission's launcher, in its experiment, at their role. */
  async function submissionGrant(token: string): Promise<TokenGrant> {
    const sid = submissionTokens!.verify(token);
    const row = await db('submissions as s')
      .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
      .where('s.submission_id', sid)
      .first('s.experiment', 'x.username');
    if (!row?.username)
      throw new AppError('unauthenticated', `submission ${sid} or the person who launched it is unknown`);
    return {
      // Negative: never an api_tokens id (the rate bucket is per submission).
      tokenId: -sid,
      name: `submission ${sid}`,
      prefix: token.slice(0, 12),
      username: row.username,
      experiment: row.experiment,
      maxRole: 'superuser',
      submissionId: sid,
    };
  }

  return {
    async create(user: UserContext, input: TokenInput) {
      const limit = await ceiling(user, input.experiment);
      if (!roleAtMost(input.max_role, limit))
        throw invalid(`the maximum role may not exceed your role (${limit})`, [
          { field: 'max_role', message: `at most ${limit}` },
        ]);
      if (input.expires_at && input.expires_at <= now())
        throw invalid('the expiry must be in the future', [{ field: 'expires_at', message: 'in the past' }]);
      const secret = newToken();
      const row = await db.transaction(async (trx) => {
        const created = await apiTokenStore(trx).insert({
          experimenter_id: user.experimenterId,
          name: input.name,
          token_hash: secret.hash,
          token_prefix: secret.prefix,
          experiment: input.experiment,
          max_role: input.max_role,
          expires_at: input.expires_at,
        });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment: input.experiment,
          action: 'token.create',
          objectKind: 'api_token',
          objectId: created.token_id,
          details: {
            name: input.name,
            prefix: secret.prefix,
            max_role: input.max_role,
            expires_at: input.expires_at,
          },
        });
        return created;
      });
      return { ...tokenView(row, now()), token: secret.token };
    },

    async list(user: UserContext) {
      const at = now();
      return (await apiTokenStore(db).ofExperimenter(user.experimenterId)).map((t) => tokenView(t, at));
    },

    /** Revoking twice is harmless; another person's token is "not found". */
    async revoke(user: UserContext, id: number) {
      return db.transaction(async (trx) => {
        const store = apiTokenStore(trx);
        const t = await store.byId(user.experimenterId, id);
        if (!t) throw notFound(`token ${id}`);
        if (!t.revoked_at) {
          await store.revoke(id, now());
          await recordAudit(trx, {
            experimenterId: user.experimenterId,
            actor: user.username,
            experiment: t.experiment,
            action: 'token.revoke',
            objectKind: 'api_token',
            objectId: id,
            details: { name: t.name, prefix: t.token_prefix },
          });
        }
        return tokenView((await store.byId(user.experimenterId, id))!, now());
      });
    },

    /** The grant of a presented token, or a 401 saying exactly why it is refused. */
    async verify(token: string): Promise<TokenGrant> {
      if (submissionTokens && looksLikeSubmissionToken(token)) return submissionGrant(token);
      const t = looksLikeToken(token) ? await apiTokenStore(db).byHash(hashToken(token)) : undefined;
      if (!t)
        throw new AppError(
          'unauthenticated',
          'the API token is not valid: create a new one on your profile page',
        );
      const label = `API token "${t.name}" (${t.token_prefix}…)`;
      if (t.revoked_at)
        throw new AppError('unauthenticated', `the ${label} was revoked on ${t.revoked_at.toISOString()}`);
      if (t.expires_at && t.expires_at <= now())
        throw new AppError('unauthenticated', `the ${label} expired on ${t.expires_at.toISOString()}`);
      return {
        tokenId: t.token_id,
        name: t.name,
        prefix: t.token_prefix,
        username: t.username,
        experiment: t.experiment,
        maxRole: isRole(t.max_role) ? t.max_role : 'analysis',
      };
    },

    /**
     * Takes one request from the grant's bucket (`rate` per second, bursts of `burst`), shared by
     * every process on the database. A submission's callback token has the bucket of its submission.
     */
    rateLimit(grant: TokenGrant, rate: number, burst: number): Promise<BucketDecision> {
      const key =
        grant.submissionId !== undefined ? `submission:${grant.submissionId}` : `token:${grant.tokenId}`;
      return rateBucketStore(db).take(key, rate, burst);
    },

    /** Records use (last_used_at), at most once a minute per token and process. */
    async touch(grant: TokenGrant): Promise<void> {
      if (grant.submissionId !== undefined) return;
      const at = now();
      const last = touched.get(grant.tokenId) ?? 0;
      if (at.getTime() - last < TOUCH_EVERY_MS) return;
      touched.set(grant.tokenId, at.getTime());
      await apiTokenStore(db).touch(grant.tokenId, at);
    },
  };
}

export type TokenService = ReturnType<typeof tokenService>;
