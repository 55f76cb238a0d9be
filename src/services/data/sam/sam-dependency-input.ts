import type { Knex } from 'knex';
import type { Sam } from '../../../adapters/sam/sam.js';
import { submissionRows } from '../../../db/read-models/submission-rows-read-model.js';
import { decideDefinitionUpdate, isPassThroughStage } from '../../../domain/dependencies/dependency-plan.js';
import { existingOutputsDims } from '../../../domain/files/dependency-dims.js';
import { samContextOf } from '../../reports/file-dims.js';
import type { SubmissionContext } from '../../tracking/submission-context.js';
import type { DefinedInput, DependentLaunch } from '../data-handling.js';

/**
 * The `poms_depends_<sid>_<i>` definition of a dependent launch: created, or replaced only when
 * it would grow; no dims = the jobs declare it themselves. Nothing to launch when there are no
 * files and no definition yet. Below a regular stage it selects the files attributed to the
 * original submission or one of its recoveries (docs/numbers.md), never those of another launch
 * of the stage on the same inputs (an overlapping re-run has its own dependents).
 */
export async function samDependencyInput(
  db: Knex,
  sam: Sam,
  original: SubmissionContext,
  p: DependentLaunch,
  filePattern: string,
): Promise<DefinedInput | { skip: string }> {
  const experiment = original.sub.experiment;
  const dims =
    p.dims && !isPassThroughStage(original.stage.type)
      ? await familyDims(db, sam, original, filePattern)
      : p.dims;
  if (dims) {
    const count = await sam.countFiles(experiment, dims);
    const existing = await sam.describeDefinition(experiment, p.definition);
    const existingCount = existing
      ? await sam.countFiles(experiment, `defname: ${p.definition}`).catch(() => 0)
      : null;
    const action = decideDefinitionUpdate(existingCount, count);
    if (action !== 'keep')
      await sam.createDefinition(experiment, p.definition, dims, { onConflict: 'replace' });
    if (count === 0 && existingCount === null)
      return { skip: `stage ${p.stageId}: no files for ${p.definition}, not launched` };
  }
  return { definition: p.definition, query: dims };
}

/** Outputs of the original submission and of its recoveries matching the dependency's pattern. */
async function familyDims(
  db: Knex,
  sam: Sam,
  original: SubmissionContext,
  filePattern: string,
): Promise<string | null> {
  const id = original.sub.submission_id;
  const rows = await submissionRows(db)
    .where((q) => q.where('u.submission_id', id).orWhere('u.parent_submission_id', id))
    .whereNotNull('u.project')
    .orderBy('u.submission_id');
  const family = rows.flatMap((r) => samContextOf(r, sam.attributionParam) ?? []);
  return family.length ? existingOutputsDims(family, filePattern) : null;
}
