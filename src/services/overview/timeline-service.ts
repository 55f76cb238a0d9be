import type { Knex } from 'knex';
import { progressReadModel } from '../../db/read-models/progress-read-model.js';
import { timelineReadModel, type TimelineBucketRow } from '../../db/read-models/timeline-read-model.js';
import { SUBMISSION_STATUSES, type SubmissionStatus } from '../../domain/submissions/status-machine.js';
import { notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import type { UserContext } from '../user-context.js';
import { STATUS_LEGEND } from './status-colours.js';
import { statusSegments } from '../../domain/submissions/status-segments.js';
import { assignLanes } from './timeline-lanes.js';
import { defaultWindow, navigation, resolveWindow } from './timeline-window.js';

/** Above this many submissions in the window the answer is counts per time bucket, not bars. */
export const MAX_BARS = 400;

export interface TimelineOptions {
  tmin?: Date;
  tmax?: Date;
  /** Drawing width in pixels: sets the number of buckets (one per ~10 px, 10..200). */
  width: number;
  /** `buckets` aggregates even a small window; `auto` shows bars up to MAX_BARS. */
  mode: 'auto' | 'buckets';
}

type Counts = Partial<Record<SubmissionStatus, number>>;

/** The counts in lifecycle order (stacking order of the columns, order of the JSON keys). */
function ordered(c: Counts): Counts {
  const out: Counts = {};
  for (const s of SUBMISSION_STATUSES) if (c[s]) out[s] = c[s];
  return out;
}

function bucketsOf(rows: TimelineBucketRow[], stageId: number, count: number, t0: number, seconds: number) {
  const out = Array.from({ length: count }, (_, index) => ({
    index,
    start: new Date(t0 + index * seconds * 1000),
    end: new Date(t0 + (index + 1) * seconds * 1000),
    total: 0,
    counts: {} as Counts,
  }));
  for (const r of rows) {
    if (r.stage_id !== stageId) continue;
    const b = out[Math.min(count - 1, Math.max(0, r.bucket))];
    b.total += r.n;
    b.counts[r.status] = (b.counts[r.status] ?? 0) + r.n;
  }
  return out.map((b) => ({ ...b, counts: ordered(b.counts) }));
}

// Time bars of a campaign's submissions, grouped by stage and coloured by status. Bars when the
// window holds few submissions, otherwise counts per (stage, time bucket, status) computed in SQL.
export function timelineService(db: Knex, clock: () => Date = () => new Date()) {
  const read = timelineReadModel(db);
  const progress = progressReadModel(db);
  return {
    async campaign(user: UserContext, experiment: string, campaignId: number, opts: TimelineOptions) {
      await requireExperiment(db, user, experiment);
      const c = await progress.campaign(experiment, campaignId, user.experimenterId);
      if (!c) throw notFound(`campaign ${campaignId} in ${experiment}`);
      const now = clock();
      const [stages, span] = await Promise.all([
        progress.stages(campaignId),
        read.span(experiment, campaignId),
      ]);
      const window = resolveWindow(opts, defaultWindow(span ?? { first: null, last: null, open: 0 }, now));
      const w = { ...window, now };
      const total = await read.count(experiment, campaignId, w);
      const mode = opts.mode === 'buckets' || total > MAX_BARS ? ('buckets' as const) : ('bars' as const);
      const bucketCount = Math.min(200, Math.max(10, Math.round(opts.width / 10)));
      const bucketSeconds = (w.tmax.getTime() - w.tmin.getTime()) / 1000 / bucketCount;
      const [bars, buckets] = await Promise.all([
        mode === 'bars' ? read.bars(experiment, campaignId, w) : Promise.resolve([]),
        mode === 'buckets' ? read.buckets(experiment, campaignId, w, bucketSeconds) : Promise.resolve([]),
      ]);
      const rows = stages.map((s) => {
        // Each recovery on its own lane directly under the submission it recovers.
        const own = bars.filter((b) => b.stage_id === s.stage_id);
        const packed = assignLanes(own);
        const byStatus: Counts = {};
        for (const b of own) byStatus[b.status] = (byStatus[b.status] ?? 0) + 1;
        for (const b of buckets)
          if (b.stage_id === s.stage_id) byStatus[b.status] = (byStatus[b.status] ?? 0) + b.n;
        return {
          stage_id: s.stage_id,
          name: s.name,
          count: Object.values(byStatus).reduce((t, n) => t + (n ?? 0), 0),
          by_status: ordered(byStatus),
          lanes: mode === 'bars' ? packed.count : 0,
          /** The lanes that hold recoveries (each under the lane of the submission it recovers). */
          recovery_lanes: mode === 'bars' ? packed.recoveryLanes : [],
          bars: own.map((b, i) => ({
            submission_id: b.submission_id,
            status: b.status,
            start: b.start,
            end: b.end,
            lane: packed.lanes[i],
            parent_submission_id: b.parent_submission_id,
            segments: statusSegments(b.history ?? [], b.start, b.end),
            kind: b.parent_submission_id ? 'recovery' : b.depends_on_submission_id ? 'dependency' : 'launch',
          })),
          buckets:
            mode === 'buckets'
              ? bucketsOf(buckets, s.stage_id, bucketCount, w.tmin.getTime(), bucketSeconds)
              : [],
        };
      });
      return {
        campaign: { campaign_id: campaignId, experiment, name: c.name as string },
        window: { tmin: w.tmin, tmax: w.tmax, now },
        mode,
        total,
        bucket_seconds: mode === 'buckets' ? bucketSeconds : null,
        stages: rows,
        legend: STATUS_LEGEND,
        navigation: navigation(window),
      };
    },
  };
}

export type TimelineService = ReturnType<typeof timelineService>;
export type CampaignTimeline = Awaited<ReturnType<TimelineService['campaign']>>;
