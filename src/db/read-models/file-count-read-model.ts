import type { Knex } from 'knex';
import {
  ACCOUNTING_COUNTS,
  type CountColumns,
  type FileAccounting,
} from '../../domain/files/file-accounting.js';
import { ATTRIBUTION_GRACE_MS } from '../../domain/files/attribution.js';
import { FINAL_STATUSES } from '../../domain/submissions/status-machine.js';
import { paginate, type PageRequest } from './paginate.js';
import {
  inScope,
  submissionRows,
  type SubmissionListRow,
  type SubmissionScope,
  type TimeRange,
} from './submission-rows-read-model.js';

/** How long cached SAM numbers stay fresh, by what may still change them. */
export const FRESH_MS = {
  /** Some SAM call failed last time: ask again soon. */
  incomplete: 60_000,
  /** Jobs may still consume files and declare outputs. */
  active: 120_000,
  /** Final: only late output locations still change the numbers. */
  final: 6 * 3600_000,
};

/**
 * After Completed and for this long after Located a submission's own outputs may still be located
 * (late catalogue writes, a `complete` stage Located before its outputs are): wrapup recounts it,
 * at first RECOUNT_MIN_MS after its last count, then waiting as long as it had been in its status
 * at that count (so about log2(SETTLE_MS / RECOUNT_MIN_MS) recounts), and stops once every declared
 * output is located and either every input has its outputs located or, Located, it was counted
 * ATTRIBUTION_GRACE_MS after (its jobs can declare no more: failed inputs stay Pending for good).
 */
export const SETTLE_MS = 24 * 3600_000;
export const RECOUNT_MIN_MS = 120_000;

/** The rule complete counts are now taken by: 2 = attribution (null: before it, see oldRule). */
export const FILE_COUNTS_RULE = 2;

/** A scope for the cache: one submission, or a stage's or campaign's submissions. */
export type CountScope = SubmissionScope | { kind: 'submission'; id: number };

/** Sums of cached counts over some submissions. */
export interface CountSums {
  counts: FileAccounting;
  /** Submissions in the scope and window. */
  submissions: number;
  /** Submissions with a SAM project but no cached numbers yet. */
  uncounted: number;
}

const sumColumns = (db: Knex) =>
  ACCOUNTING_COUNTS.map((k) => db.raw(`coalesce(sum((u.file_counts->>'${k}')::int), 0)::int as "${k}"`));

/**
 * Submission id order for a scope's few rows. Written as an expression so that PostgreSQL reads the
 * scope's index range and sorts what it found, instead of walking the primary key through every
 * submission of every experiment until the scope's first rows turn up (0.6 s at a million).
 */
const BY_ID = 'u.submission_id + 0';
const BY_ID_DESC = 'u.submission_id + 0 desc';

/** A SAM project, or a Data Dispatcher project: what file numbers are counted from. */
const withProject = (q: Knex.QueryBuilder) => q.whereNotNull('u.project').orWhereNotNull('u.dd_project_id');

function scoped(q: Knex.QueryBuilder, experiment: string, scope: CountScope, range: TimeRange | null) {
  if (scope.kind === 'submission')
    return q.where('u.experiment', experiment).where('u.submission_id', scope.id);
  return inScope(q, experiment, scope, range);
}

function toSums(row: Record<string, unknown>): CountSums {
  const counts = Object.fromEntries(ACCOUNTING_COUNTS.map((k) => [k, Number(row[k] ?? 0)])) as Omit<
    FileAccounting,
    'incomplete'
  >;
  const uncounted = Number(row.uncounted ?? 0);
  return {
    counts: { ...counts, incomplete: !!row.incomplete || uncounted > 0 },
    submissions: Number(row.submissions ?? 0),
    uncounted,
  };
}

// The per-submission cache of SAM file numbers (submissions.file_counts) and its sums. The cache
// is derived data the report pages maintain themselves, so its write lives here with its reads.
// Every method is one query whatever the number of submissions.
export function fileCountReadModel(db: Knex) {
  /**
   * The rows of a few submissions picked by `ids` (a limited query over the submissions alone), in
   * `order`: joined before the limit, a window's rows hashed their experiment's stages and stage
   * snapshots whole (20,000 of each at LARGE, 11 of a campaign file report's 13.5 ms).
   */
  const fewRows = (ids: Knex.QueryBuilder, order: (q: Knex.QueryBuilder) => Knex.QueryBuilder) =>
    order(submissionRows(db).whereIn('u.submission_id', order(ids))) as Promise<SubmissionListRow[]>;
  const aggregate = () =>
    db('submissions as u').select(
      db.raw('count(*)::int as submissions'),
      db.raw(
        '(count(*) filter (where (u.project is not null or u.dd_project_id is not null) and u.file_counts is null))::int as uncounted',
      ),
      db.raw(`coalesce(bool_or((u.file_counts->>'incomplete')::boolean), false) as incomplete`),
      ...sumColumns(db),
    );
  return {
    /**
     * Submissions with a SAM project whose cached numbers are missing or stale, `prefer` first,
     * then newest first; at most `limit`.
     */
    stale(
      experiment: string,
      scope: CountScope,
      range: TimeRange | null,
      opts: { now: Date; limit: number; prefer?: number[] },
    ): Promise<SubmissionListRow[]> {
      const at = (ms: number) => new Date(opts.now.getTime() - ms);
      const prefer = opts.prefer ?? [];
      const ordered = (q: Knex.QueryBuilder) => {
        if (prefer.length)
          q.orderByRaw(
            `case when u.submission_id in (${prefer.map(() => '?').join(',')}) then 0 else 1 end`,
            prefer,
          );
        return q.orderByRaw(BY_ID_DESC);
      };
      const ids = scoped(db('submissions as u').select('u.submission_id'), experiment, scope, range)
        .where(withProject)
        .where((w) =>
          w
            .whereNull('u.file_counts')
            .orWhereRaw('u.file_counts_at < u.status_at')
            .orWhereRaw(
              `u.file_counts_at < case when coalesce((u.file_counts->>'incomplete')::boolean, false) then ?::timestamptz
                 when u.status in (${FINAL_STATUSES.map(() => '?').join(',')}) then ?::timestamptz else ?::timestamptz end`,
              [at(FRESH_MS.incomplete), ...FINAL_STATUSES, at(FRESH_MS.final), at(FRESH_MS.active)],
            ),
        )
        .limit(opts.limit);
      return fewRows(ids, ordered);
    },

    /**
     * Completed submissions, and those Located within SETTLE_MS, whose counts may still change and
     * are due (see SETTLE_MS), most recently changed first; through the partial indexes of
     * Completed and Located submissions by status time.
     */
    settling(opts: { now: Date; limit: number }): Promise<SubmissionListRow[]> {
      // Every declared output located, and either every input has its outputs or the count was
      // taken once its jobs can declare no more (Located, past the attribution grace): inputs
      // that failed never get outputs, so Pending alone would keep such a submission recounting.
      const settled = `u.file_counts->>'outputsDeclared' = u.file_counts->>'outputsLocated'
        and not coalesce((u.file_counts->>'incomplete')::boolean, true)
        and (coalesce((u.file_counts->>'pending')::int, 1) = 0
          or (u.status = 'Located' and u.file_counts_at >= u.status_at + ? * interval '1 millisecond'))`;
      return submissionRows(db)
        .where(withProject)
        .where((w) =>
          w
            .where('u.status', 'Completed')
            .orWhere((l) =>
              l
                .where('u.status', 'Located')
                .where('u.status_at', '>=', new Date(opts.now.getTime() - SETTLE_MS)),
            ),
        )
        .where((w) =>
          w
            .whereNull('u.file_counts')
            .orWhereRaw('u.file_counts_at < u.status_at')
            .orWhereRaw(
              `not (${settled}) and u.file_counts_at <
                 ?::timestamptz - greatest(? * interval '1 millisecond', u.file_counts_at - u.status_at)`,
              [ATTRIBUTION_GRACE_MS, opts.now, RECOUNT_MIN_MS],
            ),
        )
        .orderBy('u.status_at', 'desc')
        .limit(opts.limit) as Promise<SubmissionListRow[]>;
    },

    /**
     * Submissions whose cached numbers were counted before attribution (migration
     * 20261209010000): at most `limit`, the oldest count first, through its partial index.
     */
    oldRule(opts: { limit: number }): Promise<SubmissionListRow[]> {
      return submissionRows(db)
        .whereNotNull('u.file_counts')
        .whereNull('u.file_counts_rule')
        .orderBy('u.file_counts_at')
        .orderBy('u.submission_id')
        .limit(opts.limit) as Promise<SubmissionListRow[]>;
    },

    /**
     * Stores counts taken at `countedAt` (when counting started), all rows in one statement, with
     * the columns derived from them (files_submitted, files_consumed, files_located: what the
     * rollups behind progress and the overview, the CLI and the compatibility API read), so those
     * pages show the report's numbers. Null columns keep their value. A complete count marks the
     * row counted by the current rule (FILE_COUNTS_RULE).
     */
    async save(
      rows: Array<{ submissionId: number; counts: FileAccounting; columns: CountColumns | null }>,
      countedAt: Date,
    ): Promise<void> {
      if (rows.length === 0) return;
      const values = rows.map(() => '(?::bigint, ?::jsonb, ?::int, ?::int, ?::int)').join(',');
      await db.raw(
        `update submissions as u set file_counts = v.fc, file_counts_at = ?,
             file_counts_rule = case when (v.fc->>'incomplete')::boolean then u.file_counts_rule else ? end,
             files_submitted = coalesce(v.sub, u.files_submitted),
             files_consumed = coalesce(v.con, u.files_consumed),
             files_located = coalesce(v.loc, u.files_located)
           from (values ${values}) as v(id, fc, sub, con, loc) where u.submission_id = v.id`,
        [
          countedAt,
          FILE_COUNTS_RULE,
          ...rows.flatMap((r) => [
            r.submissionId,
            JSON.stringify(r.counts),
            r.columns?.files_submitted ?? null,
            r.columns?.files_consumed ?? null,
            r.columns?.files_located ?? null,
          ]),
        ],
      );
    },

    /** Sums over the scope and window. */
    async totals(experiment: string, scope: CountScope, range: TimeRange | null): Promise<CountSums> {
      return toSums((await scoped(aggregate(), experiment, scope, range).first()) ?? {});
    },

    /** Sums per stage of a campaign, for every stage of the campaign (zeros when it has none). */
    async byStage(experiment: string, campaignId: number, range: TimeRange) {
      const sums = aggregate()
        .select('u.stage_id')
        .where('u.experiment', experiment)
        .where('u.campaign_id', campaignId)
        .where('u.created_at', '>=', range.from)
        .where('u.created_at', '<', range.to)
        .groupBy('u.stage_id')
        .as('t');
      const rows = await db('stages as s')
        .leftJoin(sums, 't.stage_id', 's.stage_id')
        .where('s.campaign_id', campaignId)
        .orderBy('s.stage_id')
        .select('t.*', 's.stage_id as sid', 's.name as sname');
      return rows.map((r: Record<string, unknown>) => ({
        stage_id: Number(r.sid),
        stage_name: String(r.sname),
        ...toSums(r),
      }));
    },

    /** The rows of a stage's file report, newest first. */
    page(experiment: string, scope: SubmissionScope, range: TimeRange, req: PageRequest) {
      return paginate<SubmissionListRow>(
        inScope(submissionRows(db), experiment, scope, range).orderBy('u.submission_id', 'desc'),
        req,
      );
    },

    /** Up to `limit` submissions with a project in the scope and window (to build total-row links). */
    withProject(experiment: string, scope: CountScope, range: TimeRange | null, limit: number) {
      const byId = (q: Knex.QueryBuilder) => q.orderByRaw(BY_ID);
      return fewRows(
        scoped(db('submissions as u').select('u.submission_id'), experiment, scope, range)
          .where(withProject)
          .limit(limit),
        byId,
      );
    },
  };
}

export type FileCountReadModel = ReturnType<typeof fileCountReadModel>;
