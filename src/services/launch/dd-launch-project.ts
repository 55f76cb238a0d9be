import { AppError } from '../../lib/errors.js';
import type { StageLaunchConfig } from './launch-config.js';

/**
 * The Data Dispatcher project a launch of a MetaCat experiment runs on (made from its dataset: a
 * named query or a MetaCat dataset) and the environment its jobs get (domain/files/dd-launch-env).
 */
export interface DdLaunchPort {
  create(submissionId: number, dataset: string): Promise<{ projectId: number; env: Array<[string, string]> }>;
  /** What `create` would make, creating nothing; the env has the project id still to come. */
  preview(
    submissionId: number,
    dataset: string,
  ): Promise<{ query: string; files: number; env: Array<[string, string]> }>;
  /** Ends a project whose launch failed before it was recorded, so no live project is left unused. */
  cancel(projectId: number): Promise<void>;
}

/** A MetaCat experiment's stage that runs jobs on a dataset (not approvals, not generators). */
const runsOnProject = (cfg: StageLaunchConfig, dataset: string) =>
  cfg.dataService === 'metacat' && cfg.stage.type !== 'approval' && !!dataset.trim();

function portOf(port: DdLaunchPort | undefined, cfg: StageLaunchConfig): DdLaunchPort {
  if (!port)
    throw new AppError('unavailable', `${cfg.experiment} uses MetaCat, and no Data Dispatcher is configured`);
  return port;
}

/** The launch's DD project; null for SAM experiments, approvals and launches without a dataset. */
export async function ddProjectOf(
  port: DdLaunchPort | undefined,
  cfg: StageLaunchConfig,
  submissionId: number,
  dataset: string,
): Promise<{ projectId: number; env: Array<[string, string]> } | null> {
  return runsOnProject(cfg, dataset) ? portOf(port, cfg).create(submissionId, dataset) : null;
}

/** What a preview shows of it (the same rules; nothing is created). */
export async function ddProjectPreview(
  port: DdLaunchPort | undefined,
  cfg: StageLaunchConfig,
  submissionId: number,
  dataset: string,
): Promise<{ query: string; files: number; env: Array<[string, string]> } | null> {
  return runsOnProject(cfg, dataset) ? portOf(port, cfg).preview(submissionId, dataset) : null;
}
