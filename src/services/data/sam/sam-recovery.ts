import type { Sam } from '../../../adapters/sam/sam.js';
import type { SubmissionRow } from '../../../db/stores/submission-store.js';
import { recoveryDefinitionName } from '../../../domain/files/definition-names.js';
import { splitOutputPatterns } from '../../../domain/files/output-patterns.js';
import { inputDefinitionOf, recoveryDims } from '../../../domain/files/recovery-dims.js';
import { recoveryBasis } from '../../../domain/recovery/recovery-ladder.js';
import type { RecoveryType } from '../../../domain/recovery/recovery-types.js';
import type { SubmissionContext } from '../../tracking/submission-context.js';
import type { ManualRecovery, RecoverySets } from '../data-handling.js';

/** The recovery dims of `type` over `basis`'s project; null = nothing to recover. */
async function samRecoveryDims(
  sam: Sam,
  type: RecoveryType,
  basis: SubmissionRow,
  original: SubmissionContext,
): Promise<string | null> {
  if (!basis.project) return null;
  const summary =
    type === 'added_files' && !basis.dataset
      ? await sam.projectSummary(basis.experiment, basis.project)
      : null;
  return recoveryDims(type, {
    project: basis.project,
    softwareVersion: original.stage.softwareVersion,
    created: basis.created_at,
    outputAncestorDepth: original.stage.outputAncestorDepth,
    dataset: inputDefinitionOf(basis.dataset, summary),
    outputPatterns: splitOutputPatterns(original.jobType.outputFilePatterns),
    samRecoveryDimensions:
      type === 'process_status'
        ? await sam
            .recoveryDimensions(basis.experiment, basis.project, { useProcess: true })
            .catch(() => null)
        : undefined,
  });
}

/** Each rung's dims counted in SAM; the chosen one defined as `poms_recover_<uuid>_<sid>_<index>`. */
export function samRecoverySets(
  sam: Sam,
  newId: () => string,
  located: SubmissionRow,
  original: SubmissionContext,
): RecoverySets {
  const orig = original.sub;
  const dimsByType = new Map<RecoveryType, string | null>();
  return {
    async count(type) {
      const basis = recoveryBasis(type) === 'original' ? orig : located;
      const dims = await samRecoveryDims(sam, type, basis, original);
      dimsByType.set(type, dims);
      return dims ? sam.countFiles(orig.experiment, dims) : 0;
    },
    async define(type, index) {
      const dims = dimsByType.get(type);
      if (!dims) return null;
      const name = recoveryDefinitionName(newId(), orig.submission_id, index);
      await sam.createDefinition(orig.experiment, name, dims, {
        onConflict: 'replace',
        description: `POMS recovery of submission ${orig.submission_id}`,
      });
      return { definition: name, query: dims };
    },
  };
}

/** A person's recovery: the files SAM lists for the type's dims, defined under a fresh name. */
export async function samManualRecovery(
  sam: Sam,
  newId: () => string,
  ctx: SubmissionContext,
  type: RecoveryType,
): Promise<ManualRecovery> {
  const sub = ctx.sub;
  const dims = await samRecoveryDims(sam, type, sub, ctx);
  const files = dims ? await sam.listFiles(sub.experiment, dims) : [];
  return {
    query: dims,
    files,
    async define() {
      const name = recoveryDefinitionName(
        newId(),
        sub.parent_submission_id ?? sub.submission_id,
        sub.recovery_position ?? 0,
      );
      await sam.createDefinition(sub.experiment, name, dims!, { onConflict: 'replace' });
      return name;
    },
  };
}
