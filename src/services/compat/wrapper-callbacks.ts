import type { Knex } from 'knex';
import { toPomsJobId } from '../../adapters/jobsub/parse/job-id.js';
import { projectFromCommand } from '../../adapters/lens/query/sam-project-from.js';
import { recordAudit } from '../../db/stores/audit-store.js';
import { submissionStore, type SubmissionRow } from '../../db/stores/submission-store.js';
import { parseSubmissionStatus } from '../../domain/submissions/status-machine.js';
import { invalid, notFound } from '../../lib/errors.js';
import { changeStatusIn } from '../submissions/submission-status-service.js';
import { authorize, SYSTEM_USER, type UserContext } from '../user-context.js';

export interface SubmissionUpdate {
  submissionId: number;
  /** One or more jobsub ids (comma-separated), `.0@` or `@` form. */
  jobsubJobId?: string;
  status?: string;
  project?: string;
  pctComplete?: number;
}

export interface SubmissionIdRequest {
  /** Stage id, or a stage name in the caller's experiment. */
  stage: string;
  commandExecuted?: string;
  submissionId?: number;
  parentSubmissionId?: number;
  inputDataset?: string;
  test?: boolean;
}

// What the launch wrappers call back (external-apis.md 1.10): update_submission reports the jobsub
// id (and a status), get_submission_id_for registers the command of a submission or creates one
// for work launched outside POMS. The service account (`poms`) reports as the poller; anybody else
// acts as a person (audited); both need `operate` on the stage.
export function wrapperCallbacks(db: Knex) {
  const actorOf = (user: UserContext) =>
    user.username === SYSTEM_USER ? ('poller' as const) : ('person' as const);

  async function stageTarget(trx: Knex | Knex.Transaction, where: Record<string, unknown>) {
    return trx('stages as s')
      .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
      .where(where)
      .limit(2)
      .select(
        's.stage_id',
        's.name',
        's.experiment',
        's.campaign_id',
        's.creator_role',
        'x.username as owner',
      );
  }
  const operate = (
    user: UserContext,
    s: { experiment: string; owner: string | null; creator_role: string },
  ) => authorize(user, 'operate', { experiment: s.experiment, owner: s.owner, creatorRole: s.creator_role });

  return {
    /** 'Unknown.' for a submission that does not exist, 'Ok.' once recorded. */
    async updateSubmission(user: UserContext, u: SubmissionUpdate): Promise<'Ok.' | 'Unknown.'> {
      const status = u.status ? parseSubmissionStatus(u.status) : undefined;
      return db.transaction(async (trx) => {
        const store = submissionStore(trx);
        const row = await store.lock(u.submissionId);
        if (!row) return 'Unknown.';
        const [stage] = await stageTarget(trx, { 's.stage_id': row.stage_id });
        operate(user, stage);
        const extra: Partial<SubmissionRow> = {};
        const ids = (u.jobsubJobId ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map(toPomsJobId);
        // Every cluster is kept (a DAG or a split submit reports several); the first stays the id.
        const clusters = [...row.jobsub_cluster_ids];
        for (const id of ids) if (!clusters.includes(id)) clusters.push(id);
        if (clusters.length !== row.jobsub_cluster_ids.length) extra.jobsub_cluster_ids = clusters;
        if (ids.length && !row.jobsub_job_id) extra.jobsub_job_id = ids[0];
        if (u.project && u.project !== row.project) extra.project = u.project;
        if (status)
          await changeStatusIn(trx, row.submission_id, {
            requested: status,
            actor: actorOf(user),
            experimenterId: user.experimenterId,
            username: user.username,
            pctComplete: u.pctComplete ?? null,
            reason: 'reported through update_submission',
            extra,
          });
        else if (Object.keys(extra).length) await store.update(row.submission_id, extra);
        if (extra.jobsub_cluster_ids && actorOf(user) === 'person')
          await recordAudit(trx, {
            experimenterId: user.experimenterId,
            actor: user.username,
            experiment: row.experiment,
            action: 'submission.job_reported',
            objectKind: 'submission',
            objectId: row.submission_id,
            details: { jobsub_job_ids: ids, via: 'update_submission' },
          });
        return 'Ok.';
      });
    },

    /** The submission id the wrapper should use (existing one updated, or a new New submission). */
    async submissionIdFor(user: UserContext, r: SubmissionIdRequest): Promise<number> {
      const byId = /^\d+$/.test(r.stage);
      const stages = await stageTarget(
        db,
        byId ? { 's.stage_id': Number(r.stage) } : { 's.name': r.stage, 's.experiment': user.experiment },
      );
      if (!stages.length) throw notFound(`stage ${r.stage}`);
      if (stages.length > 1)
        throw invalid(`several stages are named ${r.stage}: send campaign_stage_id`, [
          { field: 'campaign_stage_id', message: 'ambiguous name' },
        ]);
      const stage = stages[0];
      operate(user, stage);
      const command = r.commandExecuted?.trim() || null;
      return db.transaction(async (trx) => {
        const store = submissionStore(trx);
        if (r.submissionId !== undefined) {
          const row = await store.lock(r.submissionId);
          if (!row || row.stage_id !== stage.stage_id)
            throw notFound(`submission ${r.submissionId} of stage ${stage.stage_id}`);
          const patch: Partial<SubmissionRow> = {};
          if (command && command !== row.command_executed) patch.command_executed = command;
          if (command && !row.project) patch.project = projectFromCommand(command);
          if (actorOf(user) === 'person' && row.creator !== user.experimenterId)
            patch.creator = user.experimenterId;
          if (Object.keys(patch).length) await store.update(row.submission_id, patch);
          return row.submission_id;
        }
        if (r.parentSubmissionId !== undefined) {
          const parent = await store.get(r.parentSubmissionId);
          if (!parent || parent.experiment !== stage.experiment)
            throw invalid(`no submission ${r.parentSubmissionId} in ${stage.experiment}`, [
              { field: 'parent_submission_id', message: 'unknown' },
            ]);
        }
        const created = await store.create(
          {
            stage_id: stage.stage_id,
            experiment: stage.experiment,
            campaign_id: stage.campaign_id,
            creator: user.experimenterId,
            command_executed: command,
            project: command ? projectFromCommand(command) : null,
            parent_submission_id: r.parentSubmissionId ?? null,
            dataset: r.inputDataset?.trim() || null,
            test: r.test ?? false,
            launch_kind: 'manual',
          },
          'New',
          { kind: actorOf(user) === 'poller' ? 'system' : 'person', experimenterId: user.experimenterId },
        );
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment: stage.experiment,
          action: 'submission.register',
          objectKind: 'submission',
          objectId: created.submission_id,
          details: { stage_id: stage.stage_id, via: 'get_submission_id_for' },
        });
        return created.submission_id;
      });
    },
  };
}

export type WrapperCallbacks = ReturnType<typeof wrapperCallbacks>;
