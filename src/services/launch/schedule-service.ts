import type { Knex } from 'knex';
import { checkCronExpression } from '../../domain/launch/cron-expression.js';
import { recordAudit } from '../../db/stores/audit-store.js';
import { notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';

/** A stage's launch schedule: set (validated) or cleared; the scheduler picks changes up. */
export function scheduleService(db: Knex) {
  return {
    async setSchedule(user: UserContext, stageId: number, expr: string | null) {
      const s = await db('stages as s')
        .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
        .where('s.stage_id', stageId)
        .first('s.experiment', 's.creator_role', 'x.username as owner', 's.cron_schedule');
      if (!s) throw notFound(`stage ${stageId}`);
      authorize(user, 'operate', { experiment: s.experiment, owner: s.owner, creatorRole: s.creator_role });
      const schedule = expr && expr.trim() ? checkCronExpression(expr) : null;
      await db.transaction(async (trx) => {
        await trx('stages')
          .where({ stage_id: stageId })
          .update({
            cron_schedule: schedule,
            schedule_experimenter_id: schedule ? user.experimenterId : null,
          });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment: s.experiment,
          action: schedule ? 'stage.schedule' : 'stage.unschedule',
          objectKind: 'stage',
          objectId: stageId,
          details: { from: s.cron_schedule, to: schedule },
        });
      });
      return schedule;
    },
  };
}
