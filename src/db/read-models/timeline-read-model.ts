import type { Knex } from 'knex';
import type { SubmissionStatus } from '../../domain/submissions/status-machine.js';

/**
 * When a submission's bar ends: the time of its outcome for final statuses and LaunchFailed (it will
 * not run), otherwise it is still going (`?` = now).
 */
const ENDED = `('Located', 'Failed', 'Cancelled', 'Removed', 'LaunchFailed')`;
const END_SQL = `case when s.status in ${ENDED} then s.status_at else ?::timestamptz end`;

export interface TimelineWindow {
  tmin: Date;
  tmax: Date;
  now: Date;
}

export interface TimelineBarRow {
  submission_id: number;
  stage_id: number;
  status: SubmissionStatus;
  start: Date;
  end: Date;
  parent_submission_id: number | null;
  depends_on_submission_id: number | null;
  /** Its status history, oldest first (bars mode only: at most MAX_BARS submissions). */
  history: Array<{ status: SubmissionStatus; at: string }>;
}

export interface TimelineBucketRow {
  stage_id: number;
  status: SubmissionStatus;
  bucket: number;
  n: number;
}

// The time bars of one campaign: submissions whose [created, end] overlaps the window. Either the
// bars themselves or counts per (stage, time bucket, status), so the answer stays small however
// many submissions the window holds. The rows are found through three index ranges whose size
// follows the window, not the campaign's history: ended submissions by (campaign_id, status_at ≥
// tmin), unfinished ones through their partial index, and those awaiting approval by (experiment,
// status); a plain `created_at ≤ tmax` would read every submission the campaign ever had.
const COLUMNS = `submission_id, stage_id, status, created_at, status_at, parent_submission_id, depends_on_submission_id`;
const OPEN = `('New', 'Idle', 'Running', 'Held', 'Completed')`;
const IN_WINDOW = `(
  select ${COLUMNS} from submissions
   where campaign_id = :campaign and status in ${ENDED} and status_at >= :tmin and created_at <= :tmax
  union all
  select ${COLUMNS} from submissions
   where experiment = :experiment and campaign_id = :campaign and status in ${OPEN} and created_at <= :tmax
  union all
  select ${COLUMNS} from submissions
   where experiment = :experiment and status = 'Awaiting Approval' and campaign_id = :campaign and created_at <= :tmax
) as s`;

export function timelineReadModel(db: Knex) {
  const overlapping = (experiment: string, campaignId: number, w: TimelineWindow) =>
    db
      .queryBuilder()
      .from(db.raw(IN_WINDOW, { experiment, campaign: campaignId, tmin: w.tmin, tmax: w.tmax }))
      .whereRaw(`${END_SQL} >= ?`, [w.now, w.tmin]);

  return {
    /**
     * First creation and last status change of the campaign's submissions, and whether any is still
     * going (the default window): one index probe each.
     */
    span: async (experiment: string, campaignId: number) => {
      const r = await db.raw(
        `select (select min(created_at) from submissions where campaign_id = :c) as first,
                (select max(status_at) from submissions where campaign_id = :c) as last,
                (exists (select 1 from submissions where experiment = :e and campaign_id = :c and status in ${OPEN})
                 or exists (select 1 from submissions where experiment = :e and status = 'Awaiting Approval' and campaign_id = :c))::int as open`,
        { c: campaignId, e: experiment },
      );
      return (r.rows ?? r)[0] as { first: Date | null; last: Date | null; open: number };
    },
    async count(experiment: string, campaignId: number, w: TimelineWindow): Promise<number> {
      const r = await overlapping(experiment, campaignId, w).count<{ n: number }[]>({ n: '*' }).first();
      return Number(r?.n ?? 0);
    },
    bars: (experiment: string, campaignId: number, w: TimelineWindow) =>
      overlapping(experiment, campaignId, w)
        .orderBy(['s.stage_id', 's.created_at', 's.submission_id'])
        .select(
          's.submission_id',
          's.stage_id',
          's.status',
          's.created_at as start',
          db.raw(`${END_SQL} as "end"`, [w.now]),
          's.parent_submission_id',
          's.depends_on_submission_id',
          db.raw(`coalesce((select json_agg(json_build_object('status', h.status, 'at', h.created_at)
            order by h.history_id) from submission_history h where h.submission_id = s.submission_id),
            '[]'::json) as history`),
        ) as Promise<TimelineBarRow[]>,
    /**
     * Each submission counted once, in the bucket where it enters the window (its creation, or the
     * window's start for one created earlier); buckets are `bucketSeconds` wide from tmin.
     */
    async buckets(
      experiment: string,
      campaignId: number,
      w: TimelineWindow,
      bucketSeconds: number,
    ): Promise<TimelineBucketRow[]> {
      const rows = (await overlapping(experiment, campaignId, w)
        .select(
          's.stage_id',
          's.status',
          db.raw(
            'floor((extract(epoch from greatest(s.created_at, ?::timestamptz)) - extract(epoch from ?::timestamptz)) / ?)::int as bucket',
            [w.tmin, w.tmin, bucketSeconds],
          ),
          db.raw('count(*)::int as n'),
        )
        .groupByRaw('1, 2, 3')) as TimelineBucketRow[];
      return rows;
    },
  };
}
