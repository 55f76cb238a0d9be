import type { Knex } from 'knex';
import { recordAudit } from '../../db/stores/audit-store.js';
import { peopleStore } from '../../db/stores/people-store.js';
import type { Target } from '../../domain/permissions/permissions.js';
import { creatorRoleFor } from '../../domain/permissions/roles.js';
import { notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';

/** The permission target of an owned configuration row (campaign, stage, job type, login setup). */
export const targetOf = (row: {
  experiment: string;
  creator_username: string | null;
  creator_role: string;
}): Target => ({ experiment: row.experiment, owner: row.creator_username, creatorRole: row.creator_role });

/** Ownership columns of a row the user creates now. */
export const ownedBy = (user: UserContext) => ({
  creator: user.experimenterId,
  creator_role: creatorRoleFor(user.role),
});

/**
 * 404 unless the experiment exists; then the caller must be allowed to `view` it. A membership
 * (read with the user, of an active experiment) already proves it exists: no statement then.
 */
export async function requireExperiment(
  db: Knex | Knex.Transaction,
  user: UserContext,
  experiment: string,
): Promise<void> {
  if (user.memberships[experiment] === undefined && !(await peopleStore(db).experiment(experiment)))
    throw notFound(`experiment ${experiment}`);
  authorize(user, 'view', { experiment });
}

/** One audit entry for a change to a configuration object, written in the change's transaction. */
export function auditChange(
  trx: Knex.Transaction,
  user: UserContext,
  experiment: string,
  action: string,
  object: { kind: string; id: number | string | null },
  details: Record<string, unknown> = {},
) {
  return recordAudit(trx, {
    experimenterId: user.experimenterId,
    actor: user.username,
    experiment,
    action,
    objectKind: object.kind,
    objectId: object.id,
    details,
  });
}
