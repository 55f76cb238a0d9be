import type { Knex } from 'knex';
import type { Sam } from '../../adapters/sam/sam.js';
import { fileCountReadModel, type CountScope } from '../../db/read-models/file-count-read-model.js';
import type { SubmissionListRow, TimeRange } from '../../db/read-models/submission-rows-read-model.js';
import { sumAccounting, TOTALS_MEANING, type FileAccounting } from '../../domain/files/file-accounting.js';
import type { PageRequest } from '../../db/read-models/paginate.js';
import type { UserContext } from '../user-context.js';
import {
  columnDims,
  patternsOf,
  REPORT_COLUMNS,
  samContextOf,
  UNION_LIMIT,
  unionDims,
  type ColumnDims,
} from './file-dims.js';
import { campaignHeader, stageHeader } from './report-targets.js';
import { countMany } from './file-counter.js';
import { countSubmissionFiles } from '../data/sam/sam-file-counter.js';
import type { DataHandlingFor } from '../data/data-handling.js';
import type { TimeWindow } from './time-window.js';

/** Most submissions counted in SAM for one page view (4 SAM calls each); the rest wait for the next. */
export const REFRESH_BUDGET = 40;
const CONCURRENCY = 4;
/** After SAM failed, pages do not ask it again for this long (each try costs the client's retries). */
export const OUTAGE_BACKOFF_MS = 30_000;

/** Whether the numbers shown are SAM's latest. */
export interface SamNote {
  state: 'ok' | 'partial' | 'unavailable' | 'not_configured';
  message: string | null;
  /** Submissions recounted in SAM for this view. */
  counted: number;
}

export interface FileReportRow {
  submission_id: number;
  stage_id: number;
  stage_name: string;
  status: string;
  created_at: Date;
  creator: string | null;
  jobsub_job_id: string | null;
  project: string | null;
  dataset: string | null;
  /** null: no SAM project, or never counted yet. */
  counts: FileAccounting | null;
  counted_at: Date | null;
  /** Drill-down dims of each number (null: nothing to link). */
  dims: ColumnDims | null;
  /**
   * Its numbers are listed by submission and column instead of dims (a Data Dispatcher project:
   * handle states and Rucio replicas are no query); Pending is not.
   */
  column_lists: boolean;
}

export interface FileTotals {
  counts: FileAccounting;
  /** What the sums mean (TOTALS_MEANING). */
  meaning: string;
  submissions: number;
  uncounted: number;
  dims: ColumnDims | null;
}

/** Counted from a project: SAM's, or (MetaCat experiments) the Data Dispatcher's. */
const hasProject = (r: SubmissionListRow) => !!r.project || (r.dd_project_id ?? null) !== null;

export const reportRow = (r: SubmissionListRow, param: string | null): FileReportRow => {
  const ctx = samContextOf(r, param);
  return {
    submission_id: r.submission_id,
    stage_id: r.stage_id,
    stage_name: r.stage_name,
    status: r.status,
    created_at: r.created_at,
    creator: r.creator,
    jobsub_job_id: r.jobsub_job_id,
    project: r.project,
    dataset: r.dataset,
    counts: hasProject(r) && r.file_counts ? (r.file_counts as unknown as FileAccounting) : null,
    counted_at: r.file_counts_at,
    dims: ctx ? columnDims(ctx, patternsOf(r)) : null,
    column_lists: !r.project && (r.dd_project_id ?? null) !== null,
  };
};

const range = (w: TimeWindow): TimeRange => ({ from: w.from, to: w.to });

/**
 * File reports counted in files, not jobs (per submission, stage, campaign). Numbers come from the
 * per-submission cache, refreshed from SAM on view within a budget; totals are SQL sums of the
 * cache, so a campaign's totals are the sum of its stages' and a stage's the sum of its
 * submissions'. SAM down: the cached numbers are shown with a note, never an error, and SAM is
 * left alone for OUTAGE_BACKOFF_MS unless the viewer asks to retry (refresh=1).
 */
export function fileReportService(deps: {
  db: Knex;
  sam?: Sam;
  /** Each experiment's data handling counts its submissions; without it, SAM does. */
  data?: DataHandlingFor;
  now?: () => Date;
}) {
  const { db } = deps;
  const counts = fileCountReadModel(db);
  const now = deps.now ?? (() => new Date());
  let outage: { until: number; message: string } | null = null;
  const param = deps.sam?.attributionParam ?? null;
  const rowOf = (r: SubmissionListRow) => reportRow(r, param);

  /** Recounts stale submissions of the scope (at most `limit`, `prefer` first). */
  async function refresh(
    exp: string,
    scope: CountScope,
    r: TimeRange | null,
    opts: { prefer?: number[]; limit?: number; rows?: SubmissionListRow[]; retry?: boolean } = {},
  ): Promise<SamNote> {
    if (!deps.sam)
      return { state: 'not_configured', message: 'SAM is not configured on this instance', counted: 0 };
    const started = now();
    if (outage && outage.until > started.getTime() && !opts.retry)
      return { state: 'unavailable', message: outage.message, counted: 0 };
    const stale =
      opts.rows ??
      (await counts.stale(exp, scope, r, {
        now: started,
        limit: opts.limit ?? REFRESH_BUDGET,
        prefer: opts.prefer,
      }));
    if (stale.length === 0) return { state: 'ok', message: null, counted: 0 };
    const sam = deps.sam;
    const count = deps.data
      ? (await deps.data(exp)).countSubmissionFiles
      : (row: SubmissionListRow) => countSubmissionFiles(sam, row);
    const out = await countMany(count, stale, CONCURRENCY);
    await counts.save(out.counted, started);
    const counted = out.counted.length;
    if (out.outage) {
      const message = `SAM unavailable: showing the numbers last counted (${out.outage})`;
      outage = { until: started.getTime() + OUTAGE_BACKOFF_MS, message };
      return { state: 'unavailable', message, counted };
    }
    outage = null;
    return { state: 'ok', message: null, counted };
  }

  /** The note shown with totals: SAM's state, or how many submissions still wait to be counted. */
  const noteFor = (note: SamNote, uncounted: number): SamNote =>
    note.state === 'ok' && uncounted > 0
      ? {
          ...note,
          state: 'partial',
          message: `${uncounted} submission(s) not counted yet: reload to count more`,
        }
      : note;

  async function totalsOf(exp: string, scope: CountScope, r: TimeRange | null): Promise<FileTotals> {
    const [sums, withProject] = await Promise.all([
      counts.totals(exp, scope, r),
      counts.withProject(exp, scope, r, UNION_LIMIT + 1),
    ]);
    return { ...sums, meaning: TOTALS_MEANING, dims: unionDims(withProject.map((x) => rowOf(x).dims)) };
  }

  return {
    /** Sam.attributionParam of this instance (null: none, or no SAM). */
    attributionParam: param,
    refresh,

    /** One submission's report (the submission page shows it too); `force` recounts now. */
    async submission(exp: string, row: SubmissionListRow, opts: { force?: boolean } = {}) {
      const scope = { kind: 'submission', id: row.submission_id } as const;
      const sam = await refresh(
        exp,
        scope,
        null,
        opts.force && hasProject(row) ? { rows: [row], retry: true } : {},
      );
      // Read again only when this view stored new numbers (as the stage report does).
      const [fresh] = sam.counted > 0 ? await counts.withProject(exp, scope, null, 1) : [row];
      const out = rowOf(fresh ?? row);
      const uncounted = hasProject(fresh ?? row) && !out.counts ? 1 : 0;
      return { columns: REPORT_COLUMNS, row: out, sam: noteFor(sam, uncounted) };
    },

    /** A stage's submissions in the window (paginated) with the stage's totals over the whole window. */
    async stage(
      user: UserContext,
      exp: string,
      stageId: number,
      w: TimeWindow,
      req: PageRequest,
      retry = false,
    ) {
      const stage = await stageHeader(db, user, exp, stageId);
      const scope = { kind: 'stage', id: stageId } as const;
      const first = await counts.page(exp, scope, range(w), req);
      const sam = await refresh(exp, scope, range(w), {
        prefer: first.items.map((s) => s.submission_id),
        retry,
      });
      const page = sam.counted > 0 ? await counts.page(exp, scope, range(w), req) : first;
      const totals = await totalsOf(exp, scope, range(w));
      return {
        stage,
        columns: REPORT_COLUMNS,
        window: w,
        rows: { ...page, items: page.items.map(rowOf) },
        totals,
        sam: noteFor(sam, totals.uncounted),
      };
    },

    /** A campaign's stages in the window, each with its totals, and the campaign's (their sum). */
    async campaign(user: UserContext, exp: string, campaignId: number, w: TimeWindow, retry = false) {
      const campaign = await campaignHeader(db, user, exp, campaignId);
      const scope = { kind: 'campaign', id: campaignId } as const;
      const sam = await refresh(exp, scope, range(w), { retry });
      const [byStage, withProject] = await Promise.all([
        counts.byStage(exp, campaignId, range(w)),
        counts.withProject(exp, scope, range(w), UNION_LIMIT + 1),
      ]);
      const linkable = withProject.length <= UNION_LIMIT;
      const stages = byStage.map((s) => ({
        ...s,
        dims: linkable
          ? unionDims(withProject.filter((x) => x.stage_id === s.stage_id).map((x) => rowOf(x).dims))
          : null,
      }));
      const totals: FileTotals = {
        counts: sumAccounting(stages.map((s) => s.counts)),
        meaning: TOTALS_MEANING,
        submissions: stages.reduce((n, s) => n + s.submissions, 0),
        uncounted: stages.reduce((n, s) => n + s.uncounted, 0),
        dims: linkable ? unionDims(withProject.map((x) => rowOf(x).dims)) : null,
      };
      return {
        campaign,
        columns: REPORT_COLUMNS,
        window: w,
        stages,
        totals,
        sam: noteFor(sam, totals.uncounted),
      };
    },
  };
}

export type FileReportService = ReturnType<typeof fileReportService>;
