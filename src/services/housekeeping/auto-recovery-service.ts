import type { Knex } from 'knex';
import { recordAudit } from '../../db/stores/audit-store.js';
import { notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';

/**
 * The per-experiment switch for automatic recoveries (the original's site-wide
 * POMS.launch_recovery_jobs): off, wrapup launches no recovery and goes straight to the dependent
 * stages. A superuser of the experiment sets it; the change is audited.
 */
export function autoRecoveryService(db: Knex) {
  return {
    async set(user: UserContext, experiment: string, enabled: boolean) {
      authorize(user, 'manage', { experiment });
      await db.transaction(async (trx) => {
        const n = await trx('experiments').where({ experiment }).update({ auto_recovery: enabled });
        if (!n) throw notFound(`experiment ${experiment}`);
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment,
          action: enabled ? 'experiment.auto_recovery_on' : 'experiment.auto_recovery_off',
          objectKind: 'experiment',
          objectId: experiment,
        });
      });
      return { experiment, auto_recovery: enabled };
    },
  };
}
