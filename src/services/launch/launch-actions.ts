import type { Knex } from 'knex';
import { checkDatasetName } from '../../domain/launch/index.js';
import { killScript } from '../../adapters/ssh/remote-shell.js';
import { parseLaunchHost } from '../../domain/launch/launch-host.js';
import { invalid, notFound } from '../../lib/errors.js';
import { changeStatus } from '../submissions/submission-status-service.js';
import { authorize, type UserContext } from '../user-context.js';
import type { ShellPort } from './launch-ports.js';
import type { LaunchOutcome } from './launch-request.js';
import type { LaunchRunner } from './launch-runner.js';
import type { LaunchService } from './launch-service.js';

export interface PersonLaunch {
  test?: boolean;
  datasetOverride?: string;
  paramOverrides?: Array<[string, string]>;
  idempotencyKey?: string;
}

/** What people do around launches, each checked against the permissions module. */
export function launchActions(db: Knex, launches: LaunchService, runner: LaunchRunner, shell: ShellPort) {
  async function stageTarget(stageId: number, experiment?: string) {
    const s = await db('stages as s')
      .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
      .where('s.stage_id', stageId)
      .first(
        's.stage_id',
        's.name',
        's.experiment',
        's.campaign_id',
        's.creator_role',
        'x.username as owner',
      );
    if (!s || (experiment && s.experiment !== experiment)) throw notFound(`stage ${stageId}`);
    return s;
  }
  async function submissionTarget(submissionId: number, experiment?: string) {
    const s = await db('submissions as u')
      .join('stages as s', 's.stage_id', 'u.stage_id')
      .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
      .where('u.submission_id', submissionId)
      .first(
        'u.submission_id',
        'u.status',
        'u.remote_pid',
        'u.remote_pid_start',
        'u.launch_account',
        'u.launch_finished_at',
        's.experiment',
        's.creator_role',
        'x.username as owner',
        's.login_setup_id',
      );
    if (!s || (experiment && s.experiment !== experiment)) throw notFound(`submission ${submissionId}`);
    return s;
  }

  return {
    stageTarget,
    async launch(
      user: UserContext,
      stageId: number,
      body: PersonLaunch,
      experiment?: string,
    ): Promise<LaunchOutcome> {
      if (body.datasetOverride) checkDatasetName(body.datasetOverride);
      const s = await stageTarget(stageId, experiment);
      authorize(user, 'operate', { experiment: s.experiment, owner: s.owner, creatorRole: s.creator_role });
      return launches.launch({
        stageId,
        launcherId: user.experimenterId,
        launcherName: user.username,
        kind: 'manual',
        test: body.test,
        datasetOverride: body.datasetOverride,
        paramOverrides: body.paramOverrides,
        idempotencyKey: body.idempotencyKey ? `${user.experimenterId}:${body.idempotencyKey}` : null,
      });
    },
    async preview(user: UserContext, stageId: number, test: boolean, experiment?: string) {
      const s = await stageTarget(stageId, experiment);
      authorize(user, 'view', { experiment: s.experiment });
      return { stage: s, ...(await launches.preview(stageId, { test, launcher: user.username })) };
    },
    /** Launches every leading stage of a campaign (stages no other stage feeds). */
    async launchCampaign(
      user: UserContext,
      campaignId: number,
      experiment?: string,
    ): Promise<LaunchOutcome[]> {
      const c = await db('campaigns as c')
        .leftJoin('experimenters as x', 'x.experimenter_id', 'c.creator')
        .where('c.campaign_id', campaignId)
        .first('c.campaign_id', 'c.name', 'c.experiment', 'c.creator_role', 'x.username as owner');
      if (!c || (experiment && c.experiment !== experiment)) throw notFound(`campaign ${campaignId}`);
      authorize(user, 'operate', { experiment: c.experiment, owner: c.owner, creatorRole: c.creator_role });
      const leading = await db('stages as s')
        .where('s.campaign_id', campaignId)
        .whereNotExists(db('dependencies as d').whereRaw('d.downstream_stage_id = s.stage_id'))
        .orderBy('s.stage_id')
        .pluck('s.stage_id');
      if (!leading.length)
        throw invalid(`campaign ${c.name} has no leading stage (every stage depends on another)`);
      const out: LaunchOutcome[] = [];
      for (const stageId of leading)
        out.push(
          await launches.launch({
            stageId,
            launcherId: user.experimenterId,
            launcherName: user.username,
            kind: 'campaign',
          }),
        );
      return out;
    },
    /** Stops a launch still running: the local run, and the remote process group by its pid. */
    async abort(user: UserContext, submissionId: number, experiment?: string) {
      const s = await submissionTarget(submissionId, experiment);
      authorize(user, 'operate', { experiment: s.experiment, owner: s.owner, creatorRole: s.creator_role });
      if (s.launch_finished_at)
        throw invalid(`the launch of submission ${submissionId} has already finished`);
      const stoppedHere = runner.abort(submissionId);
      let remoteKilled: boolean | null = null;
      if (s.remote_pid) {
        const ls = await db('login_setups').where({ login_setup_id: s.login_setup_id }).first();
        // The account the launch ran as; only the process with the recorded start time is killed.
        const target = { ...parseLaunchHost(ls.launch_host), account: s.launch_account ?? ls.launch_account };
        const r = await shell.run(target, killScript(s.remote_pid, s.remote_pid_start)).catch(() => null);
        remoteKilled = r ? r.exitCode === 0 : null;
      }
      return { stoppedHere, remotePid: s.remote_pid as number | null, remoteKilled };
    },
    /** Approval stages: approve (→ Completed, so dependents follow) or reject (→ Removed). */
    async decideApproval(user: UserContext, submissionId: number, approve: boolean, experiment?: string) {
      const s = await submissionTarget(submissionId, experiment);
      authorize(user, 'operate', { experiment: s.experiment, owner: s.owner, creatorRole: s.creator_role });
      if (s.status !== 'Awaiting Approval')
        throw invalid(`submission ${submissionId} is ${s.status}, not Awaiting Approval`);
      return changeStatus(db, submissionId, {
        requested: approve ? 'Completed' : 'Removed',
        actor: 'person',
        experimenterId: user.experimenterId,
        username: user.username,
        reason: approve ? 'approved' : 'rejected',
      });
    },
  };
}

export type LaunchActions = ReturnType<typeof launchActions>;
