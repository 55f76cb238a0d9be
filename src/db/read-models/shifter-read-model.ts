import type { Knex } from 'knex';
import type { SubmissionStatus } from '../../domain/submissions/status-machine.js';

/** Statuses of a submission that has not reached an outcome and is not a failed launch. */
export const UNFINISHED_STATUSES = ['New', 'Idle', 'Running', 'Held', 'Completed'] as const;

interface Owned {
  creator_role: string;
  owner: string | null;
  /** Rows matching before the limit, the same on every row. */
  total: number;
}

export interface ShifterSubmissionRow extends Owned {
  submission_id: number;
  stage_id: number;
  stage: string;
  campaign_id: number | null;
  campaign: string | null;
  status: SubmissionStatus;
  status_at: Date;
  jobsub_job_id: string | null;
  jobs_held: number | null;
  jobs_total: number | null;
  reason: string | null;
  launch_kind: string;
}

export interface QueuedLaunchRow extends Owned {
  held_launch_id: number;
  created_at: Date;
  launch_kind: string;
  test: boolean;
  stage_id: number;
  stage: string;
  stage_held: boolean;
  campaign_id: number | null;
  campaign: string | null;
  launcher: string | null;
}

// What needs a shifter's attention in one experiment: one query per kind of problem (each limited,
// with its full count), so the page costs the same at any history size.
export function shifterReadModel(db: Knex) {
  /**
   * Submissions in `statuses` (changed since `since`, when given) not acknowledged since their last
   * status change. The page's rows walk the status index in order and stop at the limit, so only
   * they are joined to their stage, campaign and owner; the count reads the submissions alone.
   */
  const submissions = (experiment: string, statuses: string[], limit: number, since?: Date) => {
    const matching = (q: Knex.QueryBuilder) => {
      q.where('s.experiment', experiment)
        .whereIn('s.status', statuses)
        .whereNotExists(
          db('acknowledgements as a')
            .whereRaw('a.submission_id = s.submission_id and a.at >= s.status_at')
            .select(db.raw('1')),
        );
      if (since) q.where('s.status_at', '>=', since);
      return q;
    };
    return matching(db('submissions as s'))
      .join('stages as st', 'st.stage_id', 's.stage_id')
      .leftJoin('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .leftJoin('experimenters as x', 'x.experimenter_id', 'st.creator')
      .limit(limit)
      .select(
        's.submission_id',
        's.stage_id',
        'st.name as stage',
        's.campaign_id',
        'c.name as campaign',
        's.status',
        's.status_at',
        's.jobsub_job_id',
        's.jobs_held',
        's.jobs_total',
        's.launch_kind',
        'st.creator_role',
        'x.username as owner',
        db.raw(
          '(select h.reason from submission_history h where h.submission_id = s.submission_id order by h.history_id desc limit 1) as reason',
        ),
        db.raw('(?)::int as total', [matching(db('submissions as s')).count('*')]),
      );
  };

  return {
    /** Held submissions, held longest first. */
    held: (experiment: string, limit: number) =>
      submissions(experiment, ['Held'], limit).orderBy('s.status_at', 'asc') as Promise<
        ShifterSubmissionRow[]
      >,
    /** Failed and LaunchFailed since `since`, newest first. */
    failed: (experiment: string, since: Date, limit: number) =>
      submissions(experiment, ['Failed', 'LaunchFailed'], limit, since).orderBy(
        's.status_at',
        'desc',
      ) as Promise<ShifterSubmissionRow[]>,
    /** Queued launches, oldest first; `launcher` limits them to one person's (analysis users). */
    queued: (experiment: string, limit: number, launcher?: number) => {
      const q = db('held_launches as h')
        .join('stages as s', 's.stage_id', 'h.stage_id')
        .leftJoin('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .leftJoin('experimenters as x', 'x.experimenter_id', 'h.launcher')
        .leftJoin('experimenters as o', 'o.experimenter_id', 's.creator')
        .where('s.experiment', experiment)
        .orderBy('h.held_launch_id')
        .limit(limit)
        .select(
          'h.held_launch_id',
          'h.created_at',
          'h.launch_kind',
          'h.test',
          's.stage_id',
          's.name as stage',
          db.raw('(s.hold_experimenter_id is not null) as stage_held'),
          'c.campaign_id',
          'c.name as campaign',
          'x.username as launcher',
          's.creator_role',
          'o.username as owner',
          db.raw('(count(*) over ())::int as total'),
        );
      if (launcher !== undefined) q.where('h.launcher', launcher);
      return q as Promise<QueuedLaunchRow[]>;
    },
    /** The experiment-wide launch hold, if set. */
    experimentHold: (experiment: string) =>
      db('experiments as e')
        .leftJoin('experimenters as x', 'x.experimenter_id', 'e.launches_held_by')
        .where('e.experiment', experiment)
        .first('e.launches_held_by', 'e.launches_held_at', 'x.username as held_by') as Promise<
        { launches_held_by: number | null; launches_held_at: Date | null; held_by: string | null } | undefined
      >,
  };
}
