import type { Knex } from 'knex';
import {
  submissionPageReadModel,
  type RelatedSubmission,
} from '../../db/read-models/submission-page-read-model.js';
import { can } from '../../domain/permissions/permissions.js';
import { notFound } from '../../lib/errors.js';
import { requireExperiment } from '../campaigns/ownership.js';
import { loadLaunchConfig } from '../launch/load-launch-config.js';
import { snapshotContents, type SnapshotKind } from '../launch/snapshots.js';
import type { UserContext } from '../user-context.js';
import type { FileReportService } from './file-report-service.js';
import { tryDims } from './file-dims.js';
import { diffContents } from './snapshot-diff.js';
import { submissionActions } from './submission-actions.js';
import { projectSnapshot } from '../../domain/files/sam-context.js';

const KIND_ORDER: SnapshotKind[] = ['stage', 'job_type', 'login_setup'];

const link = (r: RelatedSubmission) => ({
  submission_id: r.submission_id,
  stage_id: r.stage_id,
  stage_name: r.stage_name,
  status: r.status,
  created_at: r.created_at,
  recovery_type: r.recovery_type,
});

/**
 * The submission page: status history, the command, the launch log, the snapshots it used with
 * what changed since in its stage's configuration, the submissions around it, its SAM project and
 * file numbers, and the actions the viewer may take.
 */
export function submissionPageService(deps: { db: Knex; fileReports: FileReportService }) {
  const { db } = deps;
  const rm = submissionPageReadModel(db);

  async function load(user: UserContext, exp: string, sid: number) {
    await requireExperiment(db, user, exp);
    const row = await rm.one(exp, sid);
    if (!row) throw notFound(`submission ${sid} in ${exp}`);
    return row;
  }

  /** Snapshots with their differences from the stage's current configuration (if it still loads). */
  async function snapshots(row: Awaited<ReturnType<typeof load>>) {
    const [snaps, cfg] = await Promise.all([
      rm.snapshots(row),
      loadLaunchConfig(db, row.stage_id).then(
        (c) => ({ ok: true as const, contents: snapshotContents(c) }),
        (e: Error) => ({ ok: false as const, error: e.message }),
      ),
    ]);
    return {
      current_error: cfg.ok ? null : cfg.error,
      items: [...snaps]
        .sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind))
        .map((s) => ({
          kind: s.kind,
          snapshot_id: s.snapshot_id,
          created_at: s.created_at,
          content: s.content,
          changes: cfg.ok ? diffContents(s.content, cfg.contents[s.kind]) : null,
        })),
    };
  }

  return {
    /** Only the submission's file report (its own page, and the JSON twin). */
    async files(user: UserContext, exp: string, sid: number, opts: { refresh?: boolean } = {}) {
      const row = await load(user, exp, sid);
      return {
        submission: {
          submission_id: sid,
          stage_id: row.stage_id,
          stage_name: row.stage_name,
          campaign_id: row.campaign_id,
          campaign_name: row.campaign_name,
          status: row.status,
        },
        ...(await deps.fileReports.submission(exp, row, { force: opts.refresh })),
      };
    },
    async get(user: UserContext, exp: string, sid: number, opts: { refresh?: boolean } = {}) {
      const row = await load(user, exp, sid);
      const [history, snaps, related, hasLog, recoveryTypes, files] = await Promise.all([
        rm.history(sid),
        snapshots(row),
        rm.related(row),
        rm.hasLog(sid),
        rm.recoveryTypes(),
        deps.fileReports.submission(exp, row, { force: opts.refresh }),
      ]);
      const operate = can(user, 'operate', {
        experiment: exp,
        owner: row.stage_owner,
        creatorRole: row.stage_creator_role,
      });
      const e = encodeURIComponent(exp);
      const project = row.project;
      const projectDims = project ? tryDims(() => projectSnapshot(project)) : null;
      return {
        submission: {
          ...row,
          file_counts: undefined,
          file_counts_at: undefined,
          output_ancestor_depth:
            row.output_ancestor_depth === null ? null : Number(row.output_ancestor_depth),
        },
        history,
        log: { url: `/experiments/${e}/submissions/${sid}/log`, available: hasLog || !!row.command_executed },
        snapshots: snaps,
        related: {
          parent: related.find((r) => r.submission_id === row.parent_submission_id) ?? null,
          depends_on: related.find((r) => r.submission_id === row.depends_on_submission_id) ?? null,
          recoveries: related.filter((r) => r.parent_submission_id === sid).map(link),
          dependents: related
            .filter((r) => r.depends_on_submission_id === sid && r.parent_submission_id !== sid)
            .map(link),
        },
        sam: {
          project: row.project,
          project_dims: projectDims,
          /** A MetaCat experiment's launch runs on a Data Dispatcher project instead (issue 19). */
          dd_project_id: row.dd_project_id == null ? null : Number(row.dd_project_id),
          jobsub_job_id: row.jobsub_job_id,
          clusters: row.jobsub_cluster_ids,
        },
        files,
        can_operate: operate,
        actions: submissionActions(exp, row, operate, true),
        recovery_types: operate && (row.project || row.dd_project_id != null) ? recoveryTypes : [],
      };
    },
  };
}

export type SubmissionPageService = ReturnType<typeof submissionPageService>;
