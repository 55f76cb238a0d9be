import type { Knex } from 'knex';
import { prepared } from '../prepared.js';
import type { SubmissionStatus } from '../../domain/submissions/status-machine.js';

export interface StageOperationsRow {
  cron_schedule: string | null;
  scheduled_by: string | null;
  held_by: string | null;
  held_at: Date | null;
  hold_role: string | null;
  experiment_held_by: string | null;
  experiment_held_at: Date | null;
  /** Launches waiting in the held-launch queue of this stage. */
  queued: number;
  /** How many of the stage's submissions are in each status (all time), by status name. */
  by_status: Array<{ status: SubmissionStatus; n: number }>;
}

// The stage page's operational state: schedule, holds, queue, and submissions by status (from the
// counts a trigger keeps, so a busy stage costs what a quiet one does), in one statement.
export function stagePageReadModel(db: Knex) {
  return {
    operations: (experiment: string, stageId: number) =>
      prepared(
        db('stages as s')
          .join('experiments as e', 'e.experiment', 's.experiment')
          .leftJoin('experimenters as sx', 'sx.experimenter_id', 's.schedule_experimenter_id')
          .leftJoin('experimenters as hx', 'hx.experimenter_id', 's.hold_experimenter_id')
          .leftJoin('experimenters as ex', 'ex.experimenter_id', 'e.launches_held_by')
          .where({ 's.experiment': experiment, 's.stage_id': stageId })
          .first(
            's.cron_schedule',
            'sx.username as scheduled_by',
            'hx.username as held_by',
            's.held_at',
            's.hold_role',
            'ex.username as experiment_held_by',
            'e.launches_held_at as experiment_held_at',
            db.raw('(select count(*)::int from held_launches h where h.stage_id = s.stage_id) as queued'),
            db.raw(`coalesce((select json_agg(json_build_object('status', k.status, 'n', k.n) order by k.status)
            from stage_status_counts k where k.stage_id = s.stage_id and k.n > 0), '[]'::json) as by_status`),
          ),
      ) as Promise<StageOperationsRow | undefined>,
  };
}

export type StagePageReadModel = ReturnType<typeof stagePageReadModel>;
