// What to launch when a submission is Located and no recovery was launched: the next split of the
// same stage (self-dependency) and each downstream stage on a `poms_depends_<sid>_<i>` definition.

import { invalid } from '../../lib/errors.js';
import { dependencyDefinitionName } from '../files/definition-names.js';
import { dependencyDims, passThroughDependencyDims } from '../files/dependency-dims.js';

export type StageType = 'test' | 'generator' | 'approval' | 'regular' | 'datatransfer';

export interface PlanSubmission {
  id: number;
  /** Launched as a test launch; downstream launches inherit it. */
  isTest: boolean;
  /** SAM project of its jobs; null when none was reported. */
  project: string | null;
  created: Date;
  /** Dataset it was launched on. */
  dataset: string | null;
  /** Username of its creator: downstream launches are made as this user. */
  creatorUsername: string;
  /** Set on recovery submissions: the original submission. */
  recoveryParentId: number | null;
}

export interface PlanStage {
  id: number;
  type: StageType;
  /** Stage snapshot software_version (SAM `version` of its outputs). */
  softwareVersion: string;
  outputAncestorDepth: number;
  /** `analysis` stages get user-named definitions their jobs may declare. */
  creatorRole: 'analysis' | 'production';
}

/** A campaign_dependencies row whose upstream is the stage. */
export interface DependencyRow {
  downstreamStageId: number;
  filePattern: string;
}

export type DependencyLaunch =
  | { kind: 'next_split'; stageId: number; test: boolean; launcher: string }
  | {
      kind: 'dependent';
      stageId: number;
      /** 1-based among non-self dependencies. */
      index: number;
      /** SAM definition the downstream stage is launched on (dataset override). */
      definition: string;
      /** Dims to (re)define it with; null = use the name without defining (the jobs declare it). */
      dims: string | null;
      test: boolean;
      launcher: string;
    };

export interface DependencyPlanInput {
  located: PlanSubmission;
  /** Required when `located` is a recovery: dependents are computed from the original submission. */
  recoveryParent?: PlanSubmission | null;
  stage: PlanStage;
  dependencies: readonly DependencyRow[];
}

/** Launches in downstream stage id order (stable for equal ids). */
export function planDependencies(input: DependencyPlanInput): DependencyLaunch[] {
  const base = originalOf(input.located, input.recoveryParent ?? null);
  const { stage } = input;
  const launcher = base.creatorUsername;
  const test = base.isTest;
  const rows = [...input.dependencies].sort((a, b) => a.downstreamStageId - b.downstreamStageId);
  const launches: DependencyLaunch[] = [];
  let index = 0;
  for (const row of rows) {
    if (row.downstreamStageId === stage.id) {
      launches.push({ kind: 'next_split', stageId: stage.id, test, launcher });
      continue;
    }
    index += 1;
    const user = stage.creatorRole === 'analysis' ? base.creatorUsername : null;
    const definition = dependencyDefinitionName(base.id, index, user);
    launches.push({
      kind: 'dependent',
      stageId: row.downstreamStageId,
      index,
      definition,
      dims: dimsFor(base, stage, row),
      test,
      launcher,
    });
  }
  return launches;
}

/**
 * Approval/datatransfer stages pass their dataset on (no jobs, no project). Generator stages, and
 * submissions without a SAM project, have no input snapshot to take children of: their jobs must
 * declare the definition themselves.
 */
function dimsFor(base: PlanSubmission, stage: PlanStage, row: DependencyRow): string | null {
  if (stage.type === 'approval' || stage.type === 'datatransfer') {
    return base.dataset ? passThroughDependencyDims(base.dataset, row.filePattern) : null;
  }
  if (stage.type === 'generator' || !base.project) return null;
  const ctx = {
    project: base.project,
    softwareVersion: stage.softwareVersion,
    created: base.created,
    outputAncestorDepth: stage.outputAncestorDepth,
  };
  return dependencyDims(ctx, row.filePattern);
}

function originalOf(located: PlanSubmission, parent: PlanSubmission | null): PlanSubmission {
  if (located.recoveryParentId === null) return located;
  if (!parent || parent.id !== located.recoveryParentId) {
    throw invalid(
      `submission ${located.id} is a recovery: its parent ${located.recoveryParentId} is needed`,
      [{ field: 'recoveryParent', message: parent ? `got ${parent.id}` : 'missing' }],
    );
  }
  return parent;
}

/**
 * A dependency definition only grows: create it when missing, replace it only when the new dims
 * count more files than the existing definition (existingCount null = no definition yet).
 */
export function decideDefinitionUpdate(
  existingCount: number | null,
  newCount: number,
): 'create' | 'replace' | 'keep' {
  if (existingCount === null) return 'create';
  return newCount > existingCount ? 'replace' : 'keep';
}

/** Approval and datatransfer stages pass their dataset on rather than producing files. */
export const isPassThroughStage = (type: string): boolean => type === 'approval' || type === 'datatransfer';

/**
 * The `poms_depends_<sid>_<i>` definitions a pass-through stage declares when it is launched (the
 * original's declare_approval_transfer_datasets): one per non-self dependency, the launched dataset
 * restricted to the dependency's file pattern. Without dependents it still declares `_1` on every
 * file: the Located check of a submission without a SAM project counts that definition.
 */
export function passThroughDeclarations(
  input: DependencyPlanInput,
): Array<{ definition: string; dims: string }> {
  if (!isPassThroughStage(input.stage.type) || !input.located.dataset) return [];
  const declared = planDependencies(input).flatMap((p) =>
    p.kind === 'dependent' && p.dims ? [{ definition: p.definition, dims: p.dims }] : [],
  );
  if (declared.length > 0) return declared;
  const base = originalOf(input.located, input.recoveryParent ?? null);
  const user = input.stage.creatorRole === 'analysis' ? base.creatorUsername : null;
  return [
    {
      definition: dependencyDefinitionName(base.id, 1, user),
      dims: passThroughDependencyDims(input.located.dataset, '%'),
    },
  ];
}
