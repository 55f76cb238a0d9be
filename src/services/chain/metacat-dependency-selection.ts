import type { SubmissionListRow } from '../../db/read-models/submission-rows-read-model.js';
import { isPassThroughStage } from '../../domain/dependencies/dependency-plan.js';
import { mqlSplitDialect } from '../../domain/files/mql/split-mql.js';
import type { MetacatDataHandling } from '../data/metacat-data-handling.js';
import { metacatSubmissionOfRow } from '../data/metacat/metacat-submission.js';
import type { SplitSamFor } from '../launch/launch-ports.js';
import type { DependencySelection, UpstreamStage } from './dependency-selection.js';
import { FIRST_FILES, reportable } from './problem-text.js';

/**
 * What a dependency selects now of a MetaCat experiment's upstream stage: the attributed outputs
 * of its latest submissions with a Data Dispatcher project (each with its ancestor depth) matching
 * the pattern — the `children(...)` MQL a dependent launch's named query holds — counted in
 * MetaCat without creating the named query (reads MetaCat and DD only).
 */
export async function metacatDependencySelection(
  deps: { metacat?: MetacatDataHandling; splitMetacatFor?: SplitSamFor },
  experiment: string,
  upstream: UpstreamStage,
  pattern: string,
): Promise<DependencySelection> {
  const none = (basis: string): DependencySelection => ({ files: null, firstFiles: [], basis });
  if (!deps.metacat || !deps.splitMetacatFor) return none('not counted: no MetaCat is configured');
  if (isPassThroughStage(upstream.type))
    return none('not counted: on MetaCat the dataset it passes on is named at its launch');
  if (upstream.stageId === null) return none('the upstream stage is not saved yet: no outputs');
  const subs = upstream.latest.flatMap((r: SubmissionListRow) => metacatSubmissionOfRow(r) ?? []);
  if (subs.length === 0) return none('the upstream stage has no outputs yet');
  try {
    const query = await deps.metacat.dependencyQuery(subs, pattern);
    const mc = deps.splitMetacatFor(experiment);
    const files = await mc.countFiles(query);
    const first = files ? await mc.listFiles(mqlSplitDialect(experiment).limit(query, FIRST_FILES)) : [];
    return {
      files,
      firstFiles: first.slice(0, FIRST_FILES),
      basis: `outputs of its ${subs.length} latest submission(s) with a Data Dispatcher project`,
    };
  } catch (e) {
    return none(reportable(e));
  }
}
