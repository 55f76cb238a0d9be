import type { Sam } from '../../../adapters/sam/sam.js';
import { decideDefinitionUpdate } from '../../../domain/dependencies/dependency-plan.js';
import type { DefinedInput, DependentLaunch } from '../data-handling.js';

/**
 * The `poms_depends_<sid>_<i>` definition of the plan's dims: created, or replaced only when it
 * would grow; no dims = the jobs declare it themselves. Nothing to launch when there are no files
 * and no definition yet.
 */
export async function samDependencyInput(
  sam: Sam,
  experiment: string,
  p: DependentLaunch,
): Promise<DefinedInput | { skip: string }> {
  if (p.dims) {
    const count = await sam.countFiles(experiment, p.dims);
    const existing = await sam.describeDefinition(experiment, p.definition);
    const existingCount = existing
      ? await sam.countFiles(experiment, `defname: ${p.definition}`).catch(() => 0)
      : null;
    const action = decideDefinitionUpdate(existingCount, count);
    if (action !== 'keep')
      await sam.createDefinition(experiment, p.definition, p.dims, { onConflict: 'replace' });
    if (count === 0 && existingCount === null)
      return { skip: `stage ${p.stageId}: no files for ${p.definition}, not launched` };
  }
  return { definition: p.definition, query: p.dims };
}
