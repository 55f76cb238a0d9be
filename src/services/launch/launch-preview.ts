import type { Knex } from 'knex';
import { buildPreview } from '../../domain/launch/index.js';
import { AppError } from '../../lib/errors.js';
import type { StageLaunchConfig } from './launch-config.js';
import { ddProjectPreview, type DdLaunchPort } from './dd-launch-project.js';
import { previewCredentials, type CredentialsFor } from './launch-credentials.js';
import type { SplitSamFor } from './launch-ports.js';
import { loadLaunchConfig } from './load-launch-config.js';
import { stageLaunchAuthority, stageLaunchPlan, type PlanSettings } from './stage-launch-plan.js';
import { takeDataset } from './take-dataset.js';

export interface PreviewDeps extends PlanSettings {
  db: Knex;
  splitSamFor: SplitSamFor;
  /** MetaCat for the split types of experiments whose data service is `metacat`. */
  splitMetacatFor?: SplitSamFor;
  credentialsFor?: CredentialsFor;
  /** A MetaCat experiment's Data Dispatcher project, as the launch would make it. */
  dd?: DdLaunchPort;
  newId: () => string;
  now: () => Date;
}

/**
 * The exact command and dataset the next launch would use; writes nothing anywhere. `config`:
 * the stage's launch configuration when the caller has just loaded it.
 */
export async function previewLaunch(
  deps: PreviewDeps,
  stageId: number,
  opts: { test?: boolean; datasetOverride?: string | null; launcher: string; config?: StageLaunchConfig },
) {
  const cfg = opts.config ?? (await loadLaunchConfig(deps.db, stageId));
  const taken = await takeDataset(
    deps,
    cfg,
    { test: opts.test, datasetOverride: opts.datasetOverride },
    true,
  );
  if (taken.result?.kind === 'exhausted') return { exhausted: true as const, reason: taken.result.reason };
  // A preview shows the credentials a launch would get, or says what a launch would refuse.
  const { credentials, problem } = await previewCredentials(deps.credentialsFor, {
    experiment: cfg.experiment,
    creatorRole: cfg.stage.creatorRole,
    username: opts.launcher,
    now: deps.now(),
  });
  const p = stageLaunchPlan(deps, cfg, { test: opts.test }, 0, taken.dataset!, opts.launcher, credentials);
  // The project the launch would create and the variables its jobs would get, after POMS's own.
  const dd = await ddProjectPreview(deps.dd, cfg, 0, taken.dataset!);
  let account = cfg.loginSetup.account;
  let refused: string | null = null;
  try {
    account = stageLaunchAuthority(deps, cfg, opts.launcher).account;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    refused = e.message;
  }
  return {
    exhausted: false as const,
    dataset: p.dataset,
    definitions: taken.result?.kind === 'dataset' ? taken.result.definitions : [],
    command: p.command,
    host: cfg.loginSetup.host,
    account,
    /** Why a launch of this stage would be refused (account, host or login setup rules), if it would. */
    refused,
    script: buildPreview({ ...p, env: [...p.env, ...(dd?.env ?? [])] }),
    /** MetaCat experiments: the Data Dispatcher project the launch would create (null otherwise). */
    dataDispatcher: dd && { query: dd.query, files: dd.files, env: dd.env },
    held: cfg.experimentHeld || !!cfg.stage.heldBy,
    ...(problem ? { credentialProblem: problem } : {}),
  };
}
