import type { Knex } from 'knex';

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
// later of its last Located submission and its oldest unfinished one. Each stage's rollup row keeps
// its unfinished count, oldest unfinished and latest Located submission (migration
// add-stage-stall-rollups), so this reads one row per stage of the active campaigns.
export function stallReadModel(db: Knex) {
  return {
    async stalledStages(f: StallFilter, now: Date): Promise<StalledStageRow[]> {
      const where: string[] = [];
      const args: Knex.Value[] = [];
      if (f.experiment) {
        where.push('c.experiment = ?');
        args.push(f.experiment);
      }
      if (f.campaignIds) {
        if (!f.campaignIds.length) return [];
        where.push(`c.campaign_id in (${f.campaignIds.map(() => '?').join(', ')})`);
        args.push(...f.campaignIds);
      }
      const hours = `coalesce(?::int, g.stall_hours, c.stall_hours, e.stall_hours, ?::int)`;
      const { rows } = (await db.raw(
        `select r.stage_id, g.name as stage, r.campaign_id, c.name as campaign, c.experiment, c.creator_role,
                x.username as owner, r.unfinished, r.oldest_unfinished, r.oldest_unfinished_id as oldest_submission_id,
                r.last_located, r.last_located_id as last_located_submission_id,
                ${hours} as stall_hours
         from campaigns c
         join submission_rollups r on r.campaign_id = c.campaign_id
         join stages g on g.stage_id = r.stage_id
         join experiments e on e.experiment = c.experiment
         left join experimenters x on x.experimenter_id = c.creator
         where c.active and r.unfinished > 0 ${where.map((w) => `and ${w}`).join(' ')}
           and greatest(r.oldest_unfinished, coalesce(r.last_located, r.oldest_unfinished))
               <= ?::timestamptz - make_interval(hours => ${hours})
         order by c.campaign_id, r.stage_id`,
        [f.overrideHours ?? null, f.defaultHours, ...args, now, f.overrideHours ?? null, f.defaultHours],
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
