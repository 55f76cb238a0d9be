import type { Knex } from 'knex';
import {
  submissionListReadModel,
  type ListPageRequest,
  type SubmissionSort,
} from '../../db/read-models/submission-list-read-model.js';
import type { SubmissionScope, TimeRange } from '../../db/read-models/submission-rows-read-model.js';
import { can } from '../../domain/permissions/permissions.js';
import type { UserContext } from '../user-context.js';
import { availableOutput } from './file-dims.js';
import type { FileReportService } from './file-report-service.js';
import { campaignHeader, stageHeader } from './report-targets.js';
import { submissionActions } from './submission-actions.js';
import { nestSubmissions } from './submission-tree.js';
import type { TimeWindow } from './time-window.js';

export interface ListSort {
  by: SubmissionSort;
  dir: 'asc' | 'desc';
}

/**
 * The submissions lists of a stage or a campaign in a time window, one page of roots with their
 * recoveries and dependency launches nested under them; each row with its history, output and
 * the actions the viewer may take.
 */
export function submissionListService(deps: { db: Knex; fileReports?: FileReportService }) {
  const rm = submissionListReadModel(deps.db);

  /** Rows of the page with their descendants; their output counts refreshed first (one budget). */
  async function rowsOf(
    exp: string,
    scope: SubmissionScope,
    range: TimeRange,
    sort: ListSort,
    req: ListPageRequest,
  ) {
    const read = async () => {
      const { descendants, ...page } = await rm.roots(exp, scope, range, sort, req);
      return { page, descendants };
    };
    const first = await read();
    if (!deps.fileReports) return first;
    // "Available output" is the same cached number the submission page shows: count what is stale.
    const shown = [...first.page.items, ...first.descendants].map((r) => r.submission_id);
    const sam = await deps.fileReports.refresh(exp, scope, range, { prefer: shown });
    return sam.counted > 0 ? read() : first;
  }

  async function list(
    user: UserContext,
    exp: string,
    scope: SubmissionScope,
    w: TimeWindow,
    sort: ListSort,
    req: ListPageRequest,
  ) {
    const range = { from: w.from, to: w.to };
    const { page, descendants } = await rowsOf(exp, scope, range, sort, req);
    const items = nestSubmissions(page.items, descendants).map((n) => {
      const r = n.row;
      const operate = can(user, 'operate', {
        experiment: exp,
        owner: r.stage_owner,
        creatorRole: r.stage_creator_role,
      });
      return {
        submission_id: r.submission_id,
        stage_id: r.stage_id,
        stage_name: r.stage_name,
        status: r.status,
        status_at: r.status_at,
        created_at: r.created_at,
        creator: r.creator,
        test: r.test,
        launch_kind: r.launch_kind,
        jobsub_job_id: r.jobsub_job_id,
        project: r.project,
        dataset: r.dataset,
        recovery_type: r.recovery_type,
        jobs: {
          total: r.jobs_total,
          idle: r.jobs_idle,
          running: r.jobs_running,
          held: r.jobs_held,
          via: r.tracked_via,
        },
        pct_complete: r.pct_complete,
        depth: n.depth,
        marker: n.marker,
        cause: n.cause,
        cause_listed: n.causeListed,
        history: r.history ?? [],
        output: availableOutput(r, deps.fileReports?.attributionParam ?? null),
        actions: submissionActions(exp, r, operate),
      };
    });
    return { window: w, sort, rows: { ...page, items } };
  }

  return {
    async stage(
      user: UserContext,
      exp: string,
      stageId: number,
      w: TimeWindow,
      sort: ListSort,
      req: ListPageRequest,
    ) {
      const stage = await stageHeader(deps.db, user, exp, stageId);
      return {
        stage,
        campaign: null,
        ...(await list(user, exp, { kind: 'stage', id: stageId }, w, sort, req)),
      };
    },
    async campaign(
      user: UserContext,
      exp: string,
      campaignId: number,
      w: TimeWindow,
      sort: ListSort,
      req: ListPageRequest,
    ) {
      const campaign = await campaignHeader(deps.db, user, exp, campaignId);
      return {
        stage: null,
        campaign,
        ...(await list(user, exp, { kind: 'campaign', id: campaignId }, w, sort, req)),
      };
    },
  };
}

export type SubmissionListService = ReturnType<typeof submissionListService>;
