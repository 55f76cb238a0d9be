import type { Knex } from 'knex';

export interface CompleteStageRow {
  stage_id: number;
  stage: string;
  campaign_id: number;
  campaign: string;
  experiment: string;
  submissions: number;
  last_submission_id: number;
  files_located: number | null;
}

/**
 * A stage is complete when nothing more will happen to it by itself: it has submissions, each one
 * Located (and chained: its recovery or dependents decided) or Cancelled/Removed, no launch is
 * queued for it and no schedule feeds it. Failed or LaunchFailed ones need a person: not complete.
 */
const COMPLETE = `
  count(*) > 0
  and bool_and(s.status in ('Located', 'Cancelled', 'Removed'))
  and bool_and(s.status <> 'Located' or s.chained_at is not null)
  and bool_or(s.status = 'Located')`;

// Stages and campaigns that became complete (issue 18): checked only where a submission reached
// an outcome since `since`, per experiment through the (experiment, status, status_at) index.
export function completionReadModel(db: Knex) {
  return {
    async completeStages(experiment: string, since: Date): Promise<CompleteStageRow[]> {
      const { rows } = (await db.raw(
        `with cand as (
           select distinct s.stage_id from submissions s
           where s.experiment = ? and s.status in ('Located', 'Cancelled', 'Removed') and s.status_at >= ?
         )
         select g.stage_id, g.name as stage, c.campaign_id, c.name as campaign, g.experiment,
                count(*)::int as submissions, max(s.submission_id) as last_submission_id,
                sum(s.files_located)::int as files_located
         from cand
         join stages g on g.stage_id = cand.stage_id and g.cron_schedule is null
         join campaigns c on c.campaign_id = g.campaign_id and c.active
         join submissions s on s.stage_id = g.stage_id
         where not exists (select 1 from held_launches h where h.stage_id = g.stage_id)
         group by g.stage_id, g.name, c.campaign_id, c.name, g.experiment
         having ${COMPLETE}`,
        [experiment, since],
      )) as { rows: CompleteStageRow[] };
      return rows.map((r) => ({ ...r, last_submission_id: Number(r.last_submission_id) }));
    },
    /** Of these campaigns, those whose every stage is complete; with their latest submission. */
    async completeCampaigns(campaignIds: number[]) {
      if (!campaignIds.length) return [];
      const { rows } = (await db.raw(
        `select c.campaign_id, c.name as campaign, c.experiment, count(distinct g.stage_id)::int as stages,
                max(sub.last_submission_id) as last_submission_id
         from campaigns c
         join stages g on g.campaign_id = c.campaign_id
         cross join lateral (
           select max(s.submission_id) as last_submission_id, (${COMPLETE}) as complete
           from submissions s where s.stage_id = g.stage_id) sub
         where c.campaign_id in (${campaignIds.map(() => '?').join(', ')})
         group by c.campaign_id, c.name, c.experiment
         having bool_and(sub.complete and g.cron_schedule is null
                         and not exists (select 1 from held_launches h where h.stage_id = g.stage_id))`,
        campaignIds,
      )) as {
        rows: Array<{
          campaign_id: number;
          campaign: string;
          experiment: string;
          stages: number;
          last_submission_id: number;
        }>;
      };
      return rows.map((r) => ({ ...r, last_submission_id: Number(r.last_submission_id) }));
    },
  };
}
