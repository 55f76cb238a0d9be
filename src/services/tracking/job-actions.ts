import type { Knex } from 'knex';
import type { Jobsub, ControlScope } from '../../adapters/jobsub/jobsub.js';
import { recordAudit } from '../../db/stores/audit-store.js';
import { submissionStore, type SubmissionRow } from '../../db/stores/submission-store.js';
import { groupFor, launchRoleOf } from '../../domain/launch/index.js';
import { parseRecoveryType } from '../../domain/recovery/recovery-types.js';
import { invalid, notFound } from '../../lib/errors.js';
import type { DataHandlingFor } from '../data/data-handling.js';
import { setupOnly, type SessionFor } from '../launch/host-session.js';
import type { StageLaunchConfig } from '../launch/launch-config.js';
import type { LaunchService } from '../launch/launch-service.js';
import { loadLaunchConfig } from '../launch/load-launch-config.js';
import { changeStatus } from '../submissions/submission-status-service.js';
import { authorize, type UserContext } from '../user-context.js';
import { loadSubmissionContext } from './submission-context.js';

export type JobAct = 'kill' | 'cancel' | 'hold' | 'release';
const ACTIVE = ['New', 'Idle', 'Running', 'Held'];

/**
 * The jobs an action could reach, by the job counts Lens last reported: hold reaches running and
 * idle jobs, release held ones, kill and cancel every unfinished one. `total` = all the jobs of those
 * submissions; both null when Lens has reported none of them yet.
 */
function jobsInReach(subs: SubmissionRow[], act: JobAct): { reach: number | null; total: number | null } {
  const seen = subs.filter((s) => s.jobs_total !== null);
  if (!seen.length) return { reach: null, total: null };
  const n = (v: number | null) => v ?? 0;
  const reach = (s: SubmissionRow) =>
    act === 'hold'
      ? n(s.jobs_running) + n(s.jobs_idle)
      : act === 'release'
        ? n(s.jobs_held)
        : n(s.jobs_running) + n(s.jobs_idle) + n(s.jobs_held);
  return {
    reach: seen.reduce((a, s) => a + reach(s), 0),
    total: seen.reduce((a, s) => a + n(s.jobs_total), 0),
  };
}

/** People acting on submissions' jobs and statuses; each action checked and audited. */
export function jobActions(
  db: Knex,
  jobsub: Jobsub,
  dataFor: DataHandlingFor,
  launches: LaunchService,
  sessionFor: SessionFor = setupOnly,
) {
  async function scopeTarget(scope: ControlScope, experiment: string) {
    const q = db('stages as s').leftJoin('experimenters as x', 'x.experimenter_id', 's.creator');
    if (scope.kind === 'campaign') q.where('s.campaign_id', scope.id);
    else if (scope.kind === 'stage') q.where('s.stage_id', scope.id);
    else q.whereIn('s.stage_id', db('submissions').where({ submission_id: scope.id }).select('stage_id'));
    const stages = await q.select('s.stage_id', 's.experiment', 's.creator_role', 'x.username as owner');
    if (!stages.length || stages.some((s) => s.experiment !== experiment))
      throw notFound(`${scope.kind} ${scope.id}`);
    return stages as Array<{
      stage_id: number;
      experiment: string;
      creator_role: string;
      owner: string | null;
    }>;
  }

  return {
    /** The active submissions `control` would act on (what kill_jobs asks to confirm). */
    async preview(user: UserContext, experiment: string, scope: ControlScope): Promise<number[]> {
      const stages = await scopeTarget(scope, experiment);
      for (const s of stages)
        authorize(user, 'operate', { experiment, owner: s.owner, creatorRole: s.creator_role });
      const q = db('submissions')
        .whereIn(
          'stage_id',
          stages.map((s) => s.stage_id),
        )
        .whereIn('status', ACTIVE)
        .orderBy('submission_id');
      if (scope.kind === 'submission') q.where({ submission_id: scope.id });
      return q.pluck('submission_id');
    },

    /**
     * kill/cancel (jobsub_rm, then Removed/Cancelled), hold or release the jobs of a submission, a
     * stage or a whole campaign: per login setup, the constraint command and the job-id command.
     */
    async control(user: UserContext, experiment: string, scope: ControlScope, act: JobAct) {
      const stages = await scopeTarget(scope, experiment);
      for (const s of stages)
        authorize(user, 'operate', { experiment, owner: s.owner, creatorRole: s.creator_role });
      const subsQ = db<SubmissionRow>('submissions')
        .whereIn(
          'stage_id',
          stages.map((s) => s.stage_id),
        )
        .whereIn('status', ACTIVE);
      if (scope.kind === 'submission') subsQ.where({ submission_id: scope.id });
      const subs = await subsQ;
      // One pair of commands per launch host (effective login setup: the stage's or the campaign
      // default) and account: an analysis stage's jobs are its owner's, acted on in the owner's account
      // with the owner's credentials; production ones in the login setup's account.
      const groups = new Map<string, { cfg: StageLaunchConfig; owner: string | null; stageIds: number[] }>();
      for (const s of stages) {
        const cfg = await loadLaunchConfig(db, s.stage_id).catch(() => null);
        if (!cfg) continue;
        const owner = launchRoleOf(cfg.stage.creatorRole) === 'analysis' ? s.owner : null;
        const key = JSON.stringify([cfg.loginSetup.id, owner]);
        const entry = groups.get(key) ?? { cfg, owner, stageIds: [] };
        entry.stageIds.push(s.stage_id);
        groups.set(key, entry);
      }
      const outputs: string[] = [];
      let matched: number | null = null;
      for (const { cfg, owner, stageIds } of groups.values()) {
        const ids = subs
          .filter((x) => stageIds.includes(x.stage_id))
          .flatMap((x) =>
            x.jobsub_cluster_ids.length ? x.jobsub_cluster_ids : x.jobsub_job_id ? [x.jobsub_job_id] : [],
          );
        const session = await sessionFor({
          experiment,
          creatorRole: cfg.stage.creatorRole,
          username: owner,
          setup: cfg.loginSetup.setup,
        });
        const r = await jobsub.control(
          act === 'kill' || act === 'cancel' ? 'rm' : act,
          { scope, group: groupFor(experiment), role: cfg.stage.voRole, jobIds: ids },
          { host: cfg.loginSetup.host, port: cfg.loginSetup.port, account: owner ?? cfg.loginSetup.account },
          session,
        );
        outputs.push(r.output);
        if (r.matched !== null) matched = (matched ?? 0) + r.matched;
      }
      const changed: number[] = [];
      // Released jobs are idle again now: the held count must not wait for the next poll.
      if (act === 'release' && matched !== 0 && subs.length)
        await db('submissions')
          .whereIn(
            'submission_id',
            subs.map((s) => s.submission_id),
          )
          .where('jobs_held', '>', 0)
          .update({ jobs_idle: db.raw('coalesce(jobs_idle, 0) + jobs_held'), jobs_held: 0 });
      if (act === 'kill' || act === 'cancel')
        for (const s of subs) {
          const out = await changeStatus(db, s.submission_id, {
            requested: act === 'kill' ? 'Removed' : 'Cancelled',
            actor: 'person',
            experimenterId: user.experimenterId,
            username: user.username,
            reason: `${act} by ${user.username}`,
          });
          if (out.after !== out.before) changed.push(s.submission_id);
        }
      await recordAudit(db, {
        experimenterId: user.experimenterId,
        actor: user.username,
        experiment,
        action: `jobs.${act}`,
        objectKind: scope.kind,
        objectId: scope.id,
        details: { submissions: subs.map((s) => s.submission_id) },
      });
      return {
        output: outputs.join('\n'),
        submissions: subs.map((s) => s.submission_id),
        changed,
        /** condor replies that acted on something; 0 = jobsub found nothing to act on; null = none recognised. */
        matched,
        jobs: jobsInReach(subs, act),
      };
    },

    /** "Kick": a person moves a submission to Completed, or a Completed one to Located. */
    async kick(user: UserContext, experiment: string, submissionId: number, to: 'Completed' | 'Located') {
      const [s] = await scopeTarget({ kind: 'submission', id: submissionId }, experiment);
      authorize(user, 'operate', { experiment, owner: s.owner, creatorRole: s.creator_role });
      const out = await changeStatus(db, submissionId, {
        requested: to,
        actor: 'person',
        experimenterId: user.experimenterId,
        username: user.username,
        reason: `kicked to ${to}`,
        extra: to === 'Located' ? { force_located: true, located_reason: 'forced' } : {},
      });
      if (!out.decision.accept)
        throw invalid(
          `cannot move submission ${submissionId} from ${out.before} to ${to}: ${out.decision.reason}`,
        );
      return out;
    },

    /** Launches the stage again on the dataset this submission used. */
    async relaunch(user: UserContext, experiment: string, submissionId: number) {
      const [s] = await scopeTarget({ kind: 'submission', id: submissionId }, experiment);
      authorize(user, 'operate', { experiment, owner: s.owner, creatorRole: s.creator_role });
      const sub = (await submissionStore(db).get(submissionId))!;
      if (!sub.dataset)
        throw invalid(`submission ${submissionId} has no recorded dataset to launch on again`);
      return launches.launch({
        stageId: sub.stage_id,
        launcherId: user.experimenterId,
        launcherName: user.username,
        kind: 'relaunch',
        test: sub.test,
        datasetOverride: sub.dataset,
        parentSubmissionId: sub.parent_submission_id,
      });
    },

    /** A recovery of a chosen type: the exact files first (preview), or launched on them. */
    async recover(
      user: UserContext,
      experiment: string,
      submissionId: number,
      typeName: string,
      preview: boolean,
    ) {
      const [s] = await scopeTarget({ kind: 'submission', id: submissionId }, experiment);
      authorize(user, preview ? 'view' : 'operate', {
        experiment,
        owner: s.owner,
        creatorRole: s.creator_role,
      });
      const type = parseRecoveryType(typeName, 'recovery_type');
      const sub = (await submissionStore(db).get(submissionId))!;
      if (!sub.project && sub.dd_project_id == null)
        throw invalid(
          `submission ${submissionId} has no SAM or Data Dispatcher project yet: nothing to recover from`,
        );
      const ctx = await loadSubmissionContext(db, sub);
      const data = await dataFor(experiment);
      const set = await data.manualRecovery(ctx, type);
      const { query: dims, files } = set;
      if (preview) return { type, dims, files, launched: null };
      if (!dims || !files.length)
        throw invalid(`no recovery needed: no ${type} files for submission ${submissionId}`);
      const original = sub.parent_submission_id ?? sub.submission_id;
      const name = await set.define();
      const launched = await launches.launch({
        stageId: sub.stage_id,
        launcherId: user.experimenterId,
        launcherName: user.username,
        kind: 'recovery',
        test: sub.test,
        datasetOverride: name,
        parentSubmissionId: original,
        recoveryType: type,
        params: {
          recovery: {
            definition: name,
            ...(data.service === 'sam' ? { dims } : { mql: dims }),
            count: files.length,
            type,
            manual: true,
          },
        },
      });
      return { type, dims, files, launched };
    },
  };
}

export type JobActions = ReturnType<typeof jobActions>;
