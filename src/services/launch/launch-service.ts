import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { buildLaunchScript, type SiteProfile } from '../../domain/launch/index.js';
import { submissionStore } from '../../db/stores/submission-store.js';
import { recordAudit } from '../../db/stores/audit-store.js';
import { AppError, invalid } from '../../lib/errors.js';
import { recordQueuedLaunch, recordRecoveryLaunch, recordRefusedLaunch } from '../notify/launch-events.js';
import type { StageLaunchConfig } from './launch-config.js';
import { ddProjectOf, type DdLaunchPort } from './dd-launch-project.js';
import { credentialsOf, type CredentialsFor } from './launch-credentials.js';
import type { SplitSamFor } from './launch-ports.js';
import { previewLaunch } from './launch-preview.js';
import type { LaunchOutcome, LaunchRequest } from './launch-request.js';
import type { LaunchRunner } from './launch-runner.js';
import { loadLaunchConfig } from './load-launch-config.js';
import type { LaunchCredentials } from '../../domain/credentials/index.js';
import { passThroughDefinitions, type PassThroughLaunch } from './pass-through-definitions.js';
import { snapshotConfig } from './snapshots.js';
import { stageLaunchAuthority, stageLaunchPlan, type PlanSettings } from './stage-launch-plan.js';
import { takeDataset } from './take-dataset.js';

export interface LaunchServiceDeps {
  db: Knex;
  runner: LaunchRunner;
  splitSamFor: SplitSamFor;
  /** MetaCat for the split types of experiments whose data service is `metacat`. */
  splitMetacatFor?: SplitSamFor;
  /** Base URL the launch host's wrapper calls back (POMS_URL); optional. */
  callbackUrl?: string;
  /** "" on the production instance, "int" on integration, "1" elsewhere (POMS_TEST). */
  pomsTest?: string;
  /**
   * The submission's own callback token, exported as POMS_SUBMISSION_TOKEN to the launch (never
   * to a preview) so that the wrapper's update_submission is accepted.
   */
  submissionToken?: (submissionId: number) => string;
  /** The Data Dispatcher project of a MetaCat experiment's launch; without it they cannot launch. */
  dd?: DdLaunchPort;
  /** Extra variables exported before the launch command (e.g. the simulator's URL). */
  extraEnv?: ReadonlyArray<readonly [string, string]>;
  /** The site's shell lines around the login setup ([site] before_setup / after_setup). */
  siteProfile?: SiteProfile;
  /** Checks and plans a launch's credentials (null: none needed); throws a 409 naming what to renew. */
  credentialsFor?: CredentialsFor;
  /** `[jobsub] analysis_launch_hosts`: where analysis stages may launch. */
  analysisLaunchHosts?: readonly string[];
  newId?: () => string;
  now?: () => Date;
}

/** A rule refused an automatic launch (a person's refusal is answered to the person instead). */
const isRefusal = (e: unknown, req: LaunchRequest) =>
  e instanceof AppError && e.status < 500 && req.kind !== 'manual' && req.kind !== 'campaign';
const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505';

/**
 * Launching a stage. In one transaction: lock the stage, queue the launch if the stage or
 * experiment is held, take the next split (advancing the cursor), snapshot the configuration,
 * create the submission (New) with its history and command. Then the script runs on the launch
 * host in the background. An idempotency key makes a retried request return the first result.
 */
export function launchService(deps: LaunchServiceDeps) {
  const { db } = deps;
  const newId = deps.newId ?? (() => crypto.randomUUID().replaceAll('-', ''));
  const now = deps.now ?? (() => new Date());

  async function existing(key: string | null | undefined): Promise<LaunchOutcome | null> {
    if (!key) return null;
    const sub = await submissionStore(db).byIdempotencyKey(key);
    if (sub)
      return sub.status === 'Awaiting Approval'
        ? {
            kind: 'awaiting_approval',
            submissionId: sub.submission_id,
            dataset: sub.dataset ?? '',
            duplicate: true,
          }
        : {
            kind: 'launched',
            submissionId: sub.submission_id,
            dataset: sub.dataset ?? '',
            command: sub.command_executed ?? '',
            duplicate: true,
          };
    const held = await db('held_launches').where({ idempotency_key: key }).first('held_launch_id');
    return held ? { kind: 'held', heldLaunchId: held.held_launch_id, duplicate: true } : null;
  }

  const settings: PlanSettings = deps;
  const authority = (cfg: StageLaunchConfig, launcher: string | null) =>
    stageLaunchAuthority(settings, cfg, launcher);

  /** The launch's checked credentials; none for a launch that is queued or awaits approval. */
  async function launchCredentials(req: LaunchRequest): Promise<LaunchCredentials | undefined> {
    if (!deps.credentialsFor) return undefined;
    const cfg = await loadLaunchConfig(db, req.stageId);
    const held = !req.ignoreHold && (cfg.experimentHeld || !!cfg.stage.heldBy);
    if (held || cfg.stage.type === 'approval') return undefined;
    authority(cfg, req.launcherId ? req.launcherName : null); // refuses before credentials are read
    return credentialsOf(deps.credentialsFor, {
      experiment: cfg.experiment,
      creatorRole: cfg.stage.creatorRole,
      username: req.launcherName,
      now: now(),
    });
  }

  async function launch(req: LaunchRequest): Promise<LaunchOutcome> {
    const again = await existing(req.idempotencyKey);
    if (again) return again;
    const credentials = await launchCredentials(req).catch(async (e: unknown) => {
      if (isRefusal(e, req)) await recordRefusedLaunch(db, req, (e as Error).message, now());
      throw e;
    });
    let exhausted: { reason: string; clearCron: boolean } | null = null;
    let outcome: LaunchOutcome;
    let job: {
      submissionId: number;
      target: { host: string; port?: number; account: string };
      script: string;
    } | null = null;
    let passThrough: { experiment: string; launch: PassThroughLaunch } | null = null;
    // A DD project made inside the transaction: cancelled if the transaction does not commit.
    let ddMade: number | null = null;
    try {
      outcome = await db.transaction(async (trx) => {
        const cfg = await loadLaunchConfig(trx, req.stageId, true);
        const as = authority(cfg, req.launcherId ? req.launcherName : null);
        if (!req.ignoreHold && (cfg.experimentHeld || cfg.stage.heldBy)) {
          const [held] = await trx('held_launches')
            .insert({
              stage_id: cfg.stage.id,
              launcher: req.launcherId,
              launch_kind: req.kind,
              test: !!req.test,
              dataset_override: req.datasetOverride ?? null,
              param_overrides: JSON.stringify(req.paramOverrides ?? []),
              parent_submission_id: req.parentSubmissionId ?? null,
              depends_on_submission_id: req.dependsOnSubmissionId ?? null,
              details: JSON.stringify({ recoveryType: req.recoveryType ?? null, params: req.params ?? {} }),
              idempotency_key: req.idempotencyKey ?? null,
            })
            .returning('held_launch_id');
          await recordQueuedLaunch(trx, cfg, req, held.held_launch_id);
          return { kind: 'held', heldLaunchId: held.held_launch_id, duplicate: false } as const;
        }
        const test = !!req.test || cfg.campaign.type === 'test';
        const taken = await takeDataset(
          { splitSamFor: deps.splitSamFor, splitMetacatFor: deps.splitMetacatFor, newId, now },
          cfg,
          req,
          false,
        );
        if (taken.result?.kind === 'exhausted') {
          exhausted = {
            reason: taken.result.reason,
            clearCron: cfg.stage.defaultClearCronjob && !!cfg.stage.cronSchedule,
          };
          throw invalid(`No more splits for stage ${cfg.stage.name}: ${taken.result.reason}`);
        }
        const dataset = taken.dataset!;
        if (taken.cursorColumn && taken.result?.kind === 'dataset')
          await trx('stages')
            .where({ stage_id: cfg.stage.id })
            .update({ [taken.cursorColumn]: taken.result.cursor });
        const snaps = await snapshotConfig(trx, cfg);
        const approval = cfg.stage.type === 'approval';
        const sub = await submissionStore(trx).create(
          {
            stage_id: cfg.stage.id,
            campaign_id: cfg.campaign.id,
            experiment: cfg.experiment,
            creator: req.launcherId,
            test,
            launch_kind: req.kind,
            dataset,
            parent_submission_id: req.parentSubmissionId ?? null,
            depends_on_submission_id: req.dependsOnSubmissionId ?? null,
            recovery_type: req.recoveryType ?? null,
            idempotency_key: req.idempotencyKey ?? null,
            params: {
              ...req.params,
              dataset,
              test,
              definitions: taken.result?.kind === 'dataset' ? taken.result.definitions : [],
              launch_overrides: req.paramOverrides ?? [],
            },
            ...snaps,
          },
          approval ? 'Awaiting Approval' : 'New',
          {
            kind: req.kind === 'manual' || req.kind === 'campaign' ? 'person' : 'system',
            experimenterId: req.launcherId,
          },
        );
        const p = stageLaunchPlan(
          settings,
          cfg,
          { ...req, test: !!req.test },
          sub.submission_id,
          dataset,
          req.launcherName,
          credentials,
        );
        // Made inside the transaction (it needs the submission id; a DD refusal leaves no
        // submission) and recorded in it; a launch that then fails cancels it below.
        const dd = await ddProjectOf(deps.dd, cfg, sub.submission_id, dataset);
        ddMade = dd?.projectId ?? null;
        await submissionStore(trx).update(sub.submission_id, {
          command_executed: p.command,
          dataset: p.dataset,
          launch_account: as.account,
          ...(dd ? { dd_project_id: dd.projectId } : {}),
        });
        if (req.kind === 'recovery') await recordRecoveryLaunch(trx, cfg, req, sub.submission_id);
        await recordAudit(trx, {
          experimenterId: req.launcherId,
          actor: req.launcherName,
          experiment: cfg.experiment,
          action: `launch.${req.kind}`,
          objectKind: 'submission',
          objectId: sub.submission_id,
          details: { stage: cfg.stage.name, dataset: p.dataset, test },
        });
        passThrough = {
          experiment: cfg.experiment,
          launch: {
            submissionId: sub.submission_id,
            test,
            created: sub.created_at,
            dataset: p.dataset,
            creatorUsername: req.launcherName,
            stage: cfg.stage,
          },
        };
        if (approval)
          return {
            kind: 'awaiting_approval',
            submissionId: sub.submission_id,
            dataset: p.dataset,
            duplicate: false,
          } as const;
        job = {
          submissionId: sub.submission_id,
          target: { host: cfg.loginSetup.host, port: cfg.loginSetup.port, account: as.account },
          script: buildLaunchScript({
            ...p,
            env: [
              ...p.env,
              ...(dd?.env ?? []),
              ...(deps.submissionToken
                ? [['POMS_SUBMISSION_TOKEN', deps.submissionToken(sub.submission_id)] as [string, string]]
                : []),
            ],
          }),
        };
        return {
          kind: 'launched',
          submissionId: sub.submission_id,
          dataset: p.dataset,
          command: p.command,
          duplicate: false,
        } as const;
      });
    } catch (e) {
      if (ddMade !== null) await cancelUnrecorded(ddMade);
      if (isUniqueViolation(e) && req.idempotencyKey) {
        const first = await existing(req.idempotencyKey);
        if (first) return first;
      }
      if (exhausted && (exhausted as { clearCron: boolean }).clearCron)
        await db('stages').where({ stage_id: req.stageId }).update({ cron_schedule: null });
      if (!exhausted && isRefusal(e, req)) await recordRefusedLaunch(db, req, (e as Error).message, now());
      throw e;
    }
    if (passThrough) await declarePassThrough(passThrough);
    if (job) deps.runner.start(job);
    return outcome;
  }

  /**
   * Cancels (through Data Dispatcher's own API) the project of a launch whose transaction did not
   * commit: nothing records it and no job will take its files. Best effort: the launch's own error
   * is what the caller gets; a project DD could not cancel ends at its idle timeout.
   */
  async function cancelUnrecorded(projectId: number) {
    try {
      await deps.dd?.cancel(projectId);
    } catch {
      // DD unreachable: its idle timeout abandons the project.
    }
  }

  /**
   * Approval and datatransfer launches declare their downstream `poms_depends_<sid>_<i>` definitions
   * at once, so approving one chains like any Located submission. After the commit and best effort:
   * wrapup declares whatever is still missing before it counts.
   */
  async function declarePassThrough(p: { experiment: string; launch: PassThroughLaunch }) {
    const sam = deps.splitSamFor(p.experiment);
    try {
      for (const d of await passThroughDefinitions(db, p.launch))
        await sam.createDefinition(d.definition, d.dims);
    } catch {
      // SAM unavailable: wrapup retries.
    }
  }

  /** The exact command and dataset the next launch would use; writes nothing anywhere. */
  const preview = (stageId: number, opts: Parameters<typeof previewLaunch>[2]) =>
    previewLaunch({ ...deps, newId, now }, stageId, opts);

  return { launch, preview, now };
}

export type LaunchService = ReturnType<typeof launchService>;
