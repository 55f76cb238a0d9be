import type { Knex } from 'knex';
import type { TimeRange } from './submission-rows-read-model.js';

/**
 * A stage list's count of top-level submissions (those whose cause is not listed in the same
 * stage and window) as one scalar SQL expression: when the window holds every submission of the
 * stage (its oldest and newest, two index probes), the top-level rows of the window are exactly
 * the stage's submissions with no cause in the stage, which `stage_root_counts` keeps (a trigger,
 * migration 20261210050000), so the count costs the same whatever the stage's history; otherwise
 * `counted`, the count over the window itself. Submissions carry their stage's experiment, hence
 * the stage's experiment is what is checked.
 */
export function stageRoots(
  db: Knex,
  experiment: string,
  stageId: number,
  range: TimeRange,
  counted: Knex.QueryBuilder,
): Knex.Raw {
  return db.raw(
    `select case
       when exists (select 1 from stages where stage_id = ? and experiment = ?)
         and (select created_at from submissions where stage_id = ? order by created_at limit 1) >= ?
         and (select created_at from submissions where stage_id = ? order by created_at desc limit 1) < ?
       then coalesce((select n from stage_root_counts where stage_id = ?), 0)
       else (?) end`,
    [stageId, experiment, stageId, range.from, stageId, range.to, stageId, counted],
  );
}
