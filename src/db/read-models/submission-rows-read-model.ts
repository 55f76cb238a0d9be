import type { Knex } from 'knex';
import type { SubmissionStatus } from '../../domain/submissions/status-machine.js';

/** Where a list or report looks: one stage's or one campaign's submissions. */
export type SubmissionScope = { kind: 'stage' | 'campaign'; id: number };

/** Submissions created in [from, to). */
export interface TimeRange {
  from: Date;
  to: Date;
}

export interface HistoryEntry {
  status: SubmissionStatus;
  created_at: string;
  actor_kind: string;
  username: string | null;
  reason: string | null;
}

/** One submission as list, report and stage pages show it (no per-row queries: joins only). */
export interface SubmissionListRow {
  submission_id: number;
  stage_id: number;
  stage_name: string;
  campaign_id: number | null;
  experiment: string;
  status: SubmissionStatus;
  status_at: Date;
  created_at: Date;
  creator: string | null;
  test: boolean;
  launch_kind: string;
  jobsub_job_id: string | null;
  project: string | null;
  /** Data Dispatcher project (MetaCat experiments); bigint, may read as a string. */
  dd_project_id: number | string | null;
  dataset: string | null;
  parent_submission_id: number | null;
  depends_on_submission_id: number | null;
  recovery_type: string | null;
  jobs_total: number | null;
  jobs_running: number | null;
  jobs_idle: number | null;
  jobs_held: number | null;
  /** Where the job counts last came from: 'lens', or 'jobsub_q' while Lens did not answer. */
  tracked_via: string | null;
  pct_complete: number | null;
  launch_finished_at: Date | null;
  /** When POMS saw it Completed: the end of its outputs' window (attribution). */
  completed_at: Date | null;
  /** Cached FileAccounting (see file-count-read-model), null until counted. */
  file_counts: Record<string, unknown> | null;
  file_counts_at: Date | null;
  /** Permission target of the stage: its creator and the role it was created as. */
  stage_owner: string | null;
  stage_creator_role: string;
  /** From the snapshots the submission launched with (what its SAM numbers depend on). */
  software_version: string | null;
  output_ancestor_depth: string | null;
  output_patterns: string | null;
  /** Latest history entries, oldest first (only when asked for). */
  history?: HistoryEntry[];
}

/** Last history entries kept per row of a list (the submission page shows them all). */
export const LIST_HISTORY = 20;

// The shared select as one SQL text, quoted once at load: knex would otherwise split and quote
// every `u.column` and `x as y` again on each query (a CPU profile of the stage submissions list
// showed that quoting as its top knex cost). The text is what knex produced from the list.
const SUBMISSION_COLUMNS = [
  ...[
    'submission_id',
    'stage_id',
    'campaign_id',
    'experiment',
    'status',
    'status_at',
    'created_at',
    'test',
    'launch_kind',
    'jobsub_job_id',
    'project',
    'dd_project_id',
    'dataset',
    'parent_submission_id',
    'depends_on_submission_id',
    'recovery_type',
    'jobs_total',
    'jobs_running',
    'jobs_idle',
    'jobs_held',
    'tracked_via',
    'pct_complete',
    'launch_finished_at',
    'completed_at',
    'file_counts',
    'file_counts_at',
  ].map((c) => `"u"."${c}"`),
  '"s"."name" as "stage_name"',
  '"x"."username" as "creator"',
  '(select o.username from experimenters o where o.experimenter_id = s.creator) as stage_owner',
  '"s"."creator_role" as "stage_creator_role"',
  `ss.content->>'softwareVersion' as software_version`,
  `ss.content->>'outputAncestorDepth' as output_ancestor_depth`,
  `(select js.content->>'outputFilePatterns' from job_type_snapshots js
          where js.snapshot_id = u.job_type_snapshot_id) as output_patterns`,
].join(', ');

/**
 * The select every submission row read shares: the submission with its stage, creator, stage
 * owner and the snapshot values its file numbers depend on.
 */
export function submissionRows(db: Knex, opts: { history?: boolean } = {}) {
  const q = db('submissions as u')
    .join('stages as s', 's.stage_id', 'u.stage_id')
    .leftJoin('experimenters as x', 'x.experimenter_id', 'u.creator')
    .leftJoin('stage_snapshots as ss', 'ss.snapshot_id', 'u.stage_snapshot_id')
    .select(db.raw(SUBMISSION_COLUMNS));
  if (opts.history)
    q.select(
      db.raw(
        `coalesce((select json_agg(h order by h.history_id) from (
           select h.history_id, h.status, h.created_at, h.actor_kind, hx.username, h.reason
           from submission_history h left join experimenters hx on hx.experimenter_id = h.experimenter_id
           where h.submission_id = u.submission_id order by h.history_id desc limit ${LIST_HISTORY}) h), '[]'::json) as history`,
      ),
    );
  return q;
}

/** The submissions column a scope selects on. */
const scopeColumn = (scope: SubmissionScope) => (scope.kind === 'stage' ? 'stage_id' : 'campaign_id');

/** Restricts `q` (aliased `u`) to a scope and, when given, a creation window. */
export function inScope(
  q: Knex.QueryBuilder,
  experiment: string,
  scope: SubmissionScope,
  range?: TimeRange | null,
) {
  q.where('u.experiment', experiment).where(`u.${scopeColumn(scope)}`, scope.id);
  if (range) q.where('u.created_at', '>=', range.from).where('u.created_at', '<', range.to);
  return q;
}

/** SQL text restricting alias `alias` to the scope and window, with its bindings. */
export function scopeSql(alias: string, scope: SubmissionScope, range: TimeRange) {
  const col = scopeColumn(scope);
  return {
    sql: `${alias}.${col} = ? and ${alias}.created_at >= ? and ${alias}.created_at < ?`,
    bindings: [scope.id, range.from, range.to] as Knex.RawBinding[],
  };
}

/**
 * SQL text keeping the rows (aliased `u`) of a scope and window whose cause (recovery parent, else
 * the submission whose completion launched them) is not itself in that scope and window: decided
 * on the row from the cause's stage, campaign and creation time it keeps (migration
 * 20261211010000), so a list is read in index order and a page stops after the rows it skips.
 */
export function causeNotInScopeSql(scope: SubmissionScope, range: TimeRange) {
  const col = scopeColumn(scope);
  return {
    sql: `not coalesce(u.cause_${col} = u.${col} and u.cause_created_at >= ? and u.cause_created_at < ?, false)`,
    bindings: [range.from, range.to] as Knex.RawBinding[],
  };
}
