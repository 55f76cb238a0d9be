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

const HOURS = `coalesce(?::int, g.stall_hours, c.stall_hours, e.stall_hours, ?::int)`;
/** No progress since then: the later of the last Located submission and the oldest unfinished one. */
const SINCE = `greatest(r.oldest_unfinished, coalesce(r.last_located, r.oldest_unfinished))`;
/** The stall test (binds: now, then the threshold's two). */
const STALLED = `${SINCE} <= ?::timestamptz - make_interval(hours => ${HOURS})`;
const COLUMNS = `r.stage_id, g.name as stage, r.campaign_id, c.name as campaign, c.experiment, c.creator_role,
  x.username as owner, r.unfinished, r.oldest_unfinished, r.oldest_unfinished_id as oldest_submission_id,
  r.last_located, r.last_located_id as last_located_submission_id, ${HOURS} as stall_hours`;

/** Leaves out a campaign (`k`) acknowledged since its stall began (a hash anti-join, not a probe per campaign). */
const ACKNOWLEDGED = `where not exists (
  select 1 from acknowledgements a where a.campaign_id = k.campaign_id and a.at >= k.since)`;

const toRow = (r: StalledStageRow): StalledStageRow => ({
  ...r,
  stage_id: Number(r.stage_id),
  campaign_id: Number(r.campaign_id),
  oldest_submission_id: Number(r.oldest_submission_id),
  last_located_submission_id:
    r.last_located_submission_id === null ? null : Number(r.last_located_submission_id),
  stall_hours: Number(r.stall_hours),
});

// Stalls (issue 18): a stage of an active campaign is stalled when it has unfinished submissions
// and no file located — no submission of it became Located — for its threshold, counted from the
// later of its last Located submission and its oldest unfinished one. Each stage's rollup row keeps
// its unfinished count, oldest unfinished and latest Located submission (migration
// add-stage-stall-rollups), so this reads one row per stage of the active campaigns, through the
// index of the rows with unfinished submissions; only stages with their own threshold are joined
// for the test (migration add-stall-candidate-indexes).
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
        where.push('c.campaign_id = any(?::int[])');
        args.push(f.campaignIds);
      }
      const { rows } = (await db.raw(
        `select ${COLUMNS}
         from campaigns c
         join submission_rollups r on r.campaign_id = c.campaign_id
         join stages g on g.stage_id = r.stage_id
         join experiments e on e.experiment = c.experiment
         left join experimenters x on x.experimenter_id = c.creator
         where c.active and r.unfinished > 0 ${where.map((w) => `and ${w}`).join(' ')}
           and ${STALLED}
         order by c.campaign_id, r.stage_id`,
        [f.overrideHours ?? null, f.defaultHours, ...args, now, f.overrideHours ?? null, f.defaultHours],
      )) as { rows: StalledStageRow[] };
      return rows.map(toRow);
    },

    /**
     * One experiment's stalled campaigns, longest stall first (a campaign's stall is its stage
     * stalled longest): the stalled stages of the first `limit` of them, and how many there are.
     * With `hideAcknowledged`, a campaign acknowledged since its stall began is neither shown nor
     * counted. One statement: the test reads the index of stages with unfinished submissions, and
     * only the rows shown are joined to their names and owners.
     */
    async stalledPage(
      f: StallFilter & { experiment: string },
      now: Date,
      page: { limit: number; hideAcknowledged: boolean },
    ): Promise<{ total: number; rows: StalledStageRow[] }> {
      const hours = [f.overrideHours ?? null, f.defaultHours];
      const { rows } = (await db.raw(
        `with shown as (
           select k.campaign_id, k.since
           from (
             select r.campaign_id, min(${SINCE}) as since
             from campaigns c
             join experiments e on e.experiment = c.experiment
             join submission_rollups r on r.campaign_id = c.campaign_id and r.unfinished > 0
             left join stages g on g.stage_id = r.stage_id and g.stall_hours is not null
             where c.active and c.experiment = ? and ${STALLED}
             group by r.campaign_id) k
           ${page.hideAcknowledged ? ACKNOWLEDGED : ''}
         ), page as (
           select campaign_id from shown order by since, campaign_id limit ?
         )
         select ${COLUMNS}, (select count(*) from shown)::int as total
         from page p
         join submission_rollups r on r.campaign_id = p.campaign_id and r.unfinished > 0
         join stages g on g.stage_id = r.stage_id
         join campaigns c on c.campaign_id = r.campaign_id
         join experiments e on e.experiment = c.experiment
         left join experimenters x on x.experimenter_id = c.creator
         where ${STALLED}
         order by r.campaign_id, r.stage_id`,
        [f.experiment, now, ...hours, page.limit, ...hours, now, ...hours],
      )) as { rows: Array<StalledStageRow & { total: number }> };
      return {
        total: rows[0]?.total ?? 0,
        rows: rows.map(({ total: _t, ...r }) => toRow(r)),
      };
    },
  };
}
