import { AppError } from '../../lib/errors.js';
import type { StageLaunchConfig } from './launch-config.js';

/**
 * Makes the Data Dispatcher project a launch of a MetaCat experiment runs on (from its dataset:
 * a named query or a MetaCat dataset) and the environment its jobs get (POMS_DATA_DISPATCHER_*).
 */
export type DdLaunchProject = (
  submissionId: number,
  dataset: string,
) => Promise<{ projectId: number; env: Record<string, string> }>;

/**
 * The launch's DD project, for a MetaCat experiment's stage that runs jobs on a dataset; null for
 * SAM experiments, approvals (no jobs) and launches without a dataset (generators).
 */
export async function ddProjectOf(
  make: DdLaunchProject | undefined,
  cfg: StageLaunchConfig,
  submissionId: number,
  dataset: string,
): Promise<{ projectId: number; env: Array<[string, string]> } | null> {
  if (cfg.dataService !== 'metacat' || cfg.stage.type === 'approval' || !dataset.trim()) return null;
  if (!make)
    throw new AppError('unavailable', `${cfg.experiment} uses MetaCat, and no Data Dispatcher is configured`);
  const p = await make(submissionId, dataset);
  return { projectId: p.projectId, env: Object.entries(p.env) };
}
