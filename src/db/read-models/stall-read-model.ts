import type { Knex } from 'knex';
import { UNFINISHED_STATUSES } from './shifter-read-model.js';

/** Unfinished: launched and not at an outcome (Completed waits for Located). */
const UNFINISHED = `(${UNFINISHED_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** One stage with unfinished submissions and no located file for its threshold. */
export interface StalledStageRow {
  stage_id: number;
  stage: string;
  campaign_id: number;
  campaign: string;
  experiment: string;
  creator_role: string;
  owner: string | null;
  unfinished: number;
  oldest_unfinished: Date;
  oldest_submission_id: number;
  last_located: Date | null;
  last_located_submission_id: number | null;
  /** The threshold that applied: stage, else campaign, else experiment, else the site default. */
  stall_hours: number;
}

export interface StallFilter {
  experiment?: string;
  campaignIds?: number[];
  /** One threshold for every stage (the shifter view's own setting), instead of their own. */
  overrideHours?: number;
  /** Threshold of experiments that set none ([notify] stall_hours). */
  defaultHours: number;
}

// Stalls (issue 18): a stage of an active campaign is stalled when it has unfinished submissions
// and no file located — no submission of it became Located — for its threshold, counted from the
// later of its last Located submission and its oldest unfinished one.
export function stallReadModel(db: Knex) {
  return {
    async stalledStages(f: StallFilter, now: Date): Promise<StalledStageRow[]> {
      const where: string[] = [];
      const args: Knex.Value[] = [];
      if (f.experiment) {
        where.push('s.experiment = ?');
        args.push(f.experiment);
      }
      if (f.campaignIds) {
        if (!f.campaignIds.length) return [];
        where.push(`s.campaign_id in (${f.campaignIds.map(() => '?').join(', ')})`);
        args.push(...f.campaignIds);
      }
      const hours = `coalesce(?::int, g.stall_hours, c.stall_hours, e.stall_hours, ?::int)`;
      const { rows } = (await db.raw(
        `with u as (
           select s.stage_id, s.campaign_id, count(*)::int as unfinished, min(s.created_at) as oldest_unfinished
           from submissions s
           where s.status in ${UNFINISHED} and s.campaign_id is not null ${where.map((w) => `and ${w}`).join(' ')}
           group by s.stage_id, s.campaign_id
         )
         select u.stage_id, g.name as stage, u.campaign_id, c.name as campaign, c.experiment, c.creator_role,
                x.username as owner, u.unfinished, u.oldest_unfinished, ou.submission_id as oldest_submission_id,
                ll.status_at as last_located, ll.submission_id as last_located_submission_id,
                ${hours} as stall_hours
         from u
         join stages g on g.stage_id = u.stage_id
         join campaigns c on c.campaign_id = u.campaign_id
         join experiments e on e.experiment = c.experiment
         left join experimenters x on x.experimenter_id = c.creator
         cross join lateral (select s.submission_id from submissions s
                             where s.stage_id = u.stage_id and s.status in ${UNFINISHED}
                             order by s.created_at, s.submission_id limit 1) ou
         left join lateral (select s.submission_id, s.status_at from submissions s
                            where s.stage_id = u.stage_id and s.status = 'Located'
                            order by s.status_at desc limit 1) ll on true
         where c.active
           -- implied by the next condition; lets stages launched within their threshold skip the probes
           and u.oldest_unfinished <= ?::timestamptz - make_interval(hours => ${hours})
           and greatest(u.oldest_unfinished, coalesce(ll.status_at, u.oldest_unfinished))
               <= ?::timestamptz - make_interval(hours => ${hours})
         order by c.campaign_id, u.stage_id`,
        [
          ...args,
          f.overrideHours ?? null,
          f.defaultHours,
          ...[1, 2].flatMap(() => [now, f.overrideHours ?? null, f.defaultHours]),
        ],
      )) as { rows: StalledStageRow[] };
      return rows.map((r) => ({
        ...r,
        stage_id: Number(r.stage_id),
        campaign_id: Number(r.campaign_id),
        oldest_submission_id: Number(r.oldest_submission_id),
        last_located_submission_id:
          r.last_located_submission_id === null ? null : Number(r.last_located_submission_id),
        stall_hours: Number(r.stall_hours),
      }));
    },
  };
}
