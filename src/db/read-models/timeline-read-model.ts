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
}

export interface TimelineBucketRow {
  stage_id: number;
  status: SubmissionStatus;
  bucket: number;
  n: number;
}

// The time bars of one campaign: submissions whose [created, end] overlaps the window. Either the
// bars themselves or counts per (stage, time bucket, status), so the answer stays small however
// many submissions the window holds.
export function timelineReadModel(db: Knex) {
  const overlapping = (campaignId: number, w: TimelineWindow) =>
    db('submissions as s')
      .where('s.campaign_id', campaignId)
      .andWhere('s.created_at', '<=', w.tmax)
      .andWhereRaw(`${END_SQL} >= ?`, [w.now, w.tmin]);

  return {
    /** First creation and last status change of the campaign's submissions (the default window). */
    span: (campaignId: number) =>
      db('submissions')
        .where({ campaign_id: campaignId })
        .first(
          db.raw('min(created_at) as first'),
          db.raw('max(status_at) as last'),
          db.raw(`(count(*) filter (where status not in ${ENDED}))::int as open`),
        ) as Promise<{ first: Date | null; last: Date | null; open: number }>,
    async count(campaignId: number, w: TimelineWindow): Promise<number> {
      const r = await overlapping(campaignId, w).count<{ n: number }[]>({ n: '*' }).first();
      return Number(r?.n ?? 0);
    },
    bars: (campaignId: number, w: TimelineWindow) =>
      overlapping(campaignId, w)
        .orderBy(['s.stage_id', 's.created_at', 's.submission_id'])
        .select(
          's.submission_id',
          's.stage_id',
          's.status',
          's.created_at as start',
          db.raw(`${END_SQL} as "end"`, [w.now]),
          's.parent_submission_id',
          's.depends_on_submission_id',
        ) as Promise<TimelineBarRow[]>,
    /**
     * Each submission counted once, in the bucket where it enters the window (its creation, or the
     * window's start for one created earlier); buckets are `bucketSeconds` wide from tmin.
     */
    async buckets(
      campaignId: number,
      w: TimelineWindow,
      bucketSeconds: number,
    ): Promise<TimelineBucketRow[]> {
      const rows = (await overlapping(campaignId, w)
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
