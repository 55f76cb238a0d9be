import type { Knex } from 'knex';

/**
 * Input files one submission has done: those with located own outputs, `files_located`, which the
 * file-count cache writes with the counts its file report shows (submitted − pending; see
 * docs/numbers.md), whatever made it Located. The rollups (poms_family_done, as redefined by
 * migration redefine-family-done) compute the same: a change here needs a migration redefining
 * that function and rebuilding them.
 */
export const DONE_FILES_SQL = `coalesce(s.files_located, 0)`;

/** Statuses in which a submission with no file counts yet may still get them. */
const DEAD = `('LaunchFailed', 'Failed', 'Cancelled', 'Removed')`;

/**
 * One row per family (an original submission and its recoveries, which re-process a subset of
 * the original's inputs) of the submissions matching `where`, grouped also by `groupBy` (a column
 * of `s`). Files are counted once per family: total = the original's submitted inputs, done and
 * consumed capped at that total, so percentages never exceed 100. `sinceBinding` marks the start
 * of the throughput window (files done by submissions that became Located after it).
 */
export function familiesSql(groupBy: 'campaign_id' | 'stage_id', where: string): string {
  return `select s.${groupBy} as group_id, coalesce(s.parent_submission_id, s.submission_id) as family,
    max(s.files_submitted) filter (where s.parent_submission_id is null) as total,
    sum(coalesce(s.files_consumed, 0)) as consumed,
    sum(${DONE_FILES_SQL}) as done,
    bool_or(s.parent_submission_id is null and s.status not in ${DEAD}) as open,
    count(*) as submissions,
    count(*) filter (where s.status in ('New', 'Awaiting Approval', 'Idle', 'Running')) as running,
    count(*) filter (where s.status = 'Held') as held,
    count(*) filter (where s.status in ('Failed', 'LaunchFailed')) as failed,
    count(*) filter (where s.status = 'Completed') as completed,
    count(*) filter (where s.status = 'Located') as located,
    coalesce(sum(${DONE_FILES_SQL}) filter (where s.status = 'Located' and s.status_at >= ?), 0) as done_recent,
    min(s.created_at) as first_created, max(s.status_at) as last_change
  from submissions s where ${where}
  group by s.${groupBy}, coalesce(s.parent_submission_id, s.submission_id)`;
}

/** Sums of the families of one group (a stage or a campaign); `f` is a familiesSql row set. */
export const FAMILY_SUMS_SQL = `coalesce(sum(f.total), 0)::bigint as files_submitted,
    coalesce(sum(case when f.total is null then null else least(f.total, f.consumed) end), 0)::bigint as files_consumed,
    coalesce(sum(case when f.total is null then null else least(f.total, f.done) end), 0)::bigint as files_done,
    (count(*) filter (where f.total is null and f.open))::int as uncounted,
    coalesce(sum(f.submissions), 0)::int as submissions,
    coalesce(sum(f.running), 0)::int as running,
    coalesce(sum(f.held), 0)::int as held,
    coalesce(sum(f.failed), 0)::int as failed,
    coalesce(sum(f.completed), 0)::int as completed,
    coalesce(sum(f.located), 0)::int as located,
    coalesce(sum(f.done_recent), 0)::bigint as done_recent,
    min(f.first_created) as first_created,
    max(f.last_change) as last_change`;

/**
 * FAMILY_SUMS_SQL's columns (but done_recent) from the stored rollups `u` (submission_rollups, one
 * row per campaign and stage, kept by triggers): what the overview and progress pages read, so
 * their cost does not grow with the campaign's history. Proved equal to the live aggregate by test.
 */
export const ROLLUP_SUMS_SQL = `coalesce(sum(u.files_submitted), 0)::bigint as files_submitted,
    coalesce(sum(u.files_consumed), 0)::bigint as files_consumed,
    coalesce(sum(u.files_done), 0)::bigint as files_done,
    coalesce(sum(u.uncounted), 0)::int as uncounted,
    coalesce(sum(u.submissions), 0)::int as submissions,
    coalesce(sum(u.running), 0)::int as running,
    coalesce(sum(u.held), 0)::int as held,
    coalesce(sum(u.failed), 0)::int as failed,
    coalesce(sum(u.completed), 0)::int as completed,
    coalesce(sum(u.located), 0)::int as located,
    min(u.first_created) as first_created,
    max(u.last_change) as last_change`;

/**
 * Files done by submissions Located since the `?` binding, grouped by `groupBy`, for `where` on `s`:
 * read through the Located partial index, so it costs the window's submissions only.
 */
export const recentDoneSql = (groupBy: 'campaign_id' | 'stage_id', where: string) =>
  `select s.${groupBy} as group_id, coalesce(sum(${DONE_FILES_SQL}), 0)::bigint as done_recent
   from submissions s where ${where} and s.status = 'Located' and s.status_at >= ?
   group by s.${groupBy}`;

/** Aggregates of one group as the database returns them (bigint sums arrive as strings on pg). */
export interface GroupProgressRow {
  group_id: number;
  files_submitted: number | string;
  files_consumed: number | string;
  files_done: number | string;
  uncounted: number;
  submissions: number;
  running: number;
  held: number;
  failed: number;
  completed: number;
  located: number;
  done_recent: number | string;
  first_created: Date | null;
  last_change: Date | null;
}

export interface ProgressStageRow {
  stage_id: number;
  name: string;
  creator_role: string;
  owner: string | null;
  held: boolean;
  detached: boolean;
}

// The campaign progress page: the campaign, its stages and edges, and one aggregate per stage.
// Four queries whatever the number of submissions; the aggregate reads the stage rollups.
export function progressReadModel(db: Knex) {
  return {
    campaign: (experiment: string, campaignId: number, me: number) =>
      db('campaigns as c')
        .leftJoin('experimenters as x', 'x.experimenter_id', 'c.creator')
        .where({ 'c.experiment': experiment, 'c.campaign_id': campaignId })
        .first(
          'c.campaign_id',
          'c.experiment',
          'c.name',
          'c.active',
          'c.node_positions',
          'c.creator_role',
          'x.username as owner',
          db.raw(
            'exists (select 1 from watches w where w.campaign_id = c.campaign_id and w.experimenter_id = ?) as watched',
            [me],
          ),
        ),
    /**
     * The campaign's stages, and stages since detached from it that still have its submissions
     * (their rollup rows say so: one row per stage with the campaign's submissions). Their ids
     * as a union of two index ranges: an OR of the two tests read every stage of the experiment.
     */
    stages: (campaignId: number) =>
      db('stages as s')
        .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
        .whereIn(
          's.stage_id',
          db('stages')
            .where('campaign_id', campaignId)
            .select('stage_id')
            .union(
              db('submission_rollups')
                .where('campaign_id', campaignId)
                .where('submissions', '>', 0)
                .select('stage_id'),
            ),
        )
        .orderBy('s.stage_id')
        .select(
          's.stage_id',
          's.name',
          's.creator_role',
          'x.username as owner',
          db.raw('(s.hold_experimenter_id is not null) as held'),
          db.raw('(s.campaign_id is distinct from ?) as detached', [campaignId]),
        ) as Promise<ProgressStageRow[]>,
    edges: (campaignId: number) =>
      db('dependencies as d')
        .join('stages as w', 'w.stage_id', 'd.downstream_stage_id')
        .where('w.campaign_id', campaignId)
        .orderBy(['d.downstream_stage_id', 'd.ordinal'])
        .select('d.upstream_stage_id as from', 'd.downstream_stage_id as to', 'd.file_pattern') as Promise<
        Array<{ from: number; to: number; file_pattern: string }>
      >,
    /** Per stage of the campaign; `since` starts the throughput window. */
    async byStage(campaignId: number, since: Date): Promise<GroupProgressRow[]> {
      const { rows } = (await db.raw(
        `select u.stage_id as group_id, ${ROLLUP_SUMS_SQL}, coalesce(max(d.done_recent), 0)::bigint as done_recent
         from submission_rollups u
         left join (${recentDoneSql('stage_id', 's.campaign_id = ?')}) d on d.group_id = u.stage_id
         where u.campaign_id = ? and u.submissions > 0
         group by u.stage_id`,
        [campaignId, since, campaignId],
      )) as { rows: GroupProgressRow[] };
      return rows;
    },
    /** The same rows from the live aggregate over every submission (tests prove the two equal). */
    async byStageLive(campaignId: number, since: Date): Promise<GroupProgressRow[]> {
      const { rows } = (await db.raw(
        `select f.group_id, ${FAMILY_SUMS_SQL}
         from (${familiesSql('stage_id', 's.campaign_id = ?')}) f
         group by f.group_id`,
        [since, campaignId],
      )) as { rows: GroupProgressRow[] };
      return rows;
    },
  };
}
