import type { Knex } from 'knex';
import type { Sam } from '../../adapters/sam/sam.js';
import { submissionRows, type SubmissionListRow } from '../../db/read-models/submission-rows-read-model.js';
import { isPassThroughStage } from '../../domain/dependencies/dependency-plan.js';
import { existingOutputsDims, passThroughDependencyDims } from '../../domain/files/dependency-dims.js';
import { samContextOf, UNION_LIMIT } from '../reports/file-dims.js';
import { FIRST_FILES, reportable } from './problem-text.js';

/** What a dependency's pattern selects now of its upstream stage's outputs. */
export interface DependencySelection {
  /** Files selected; null when not counted (see basis). */
  files: number | null;
  firstFiles: string[];
  /** What was counted, or why nothing was. */
  basis: string;
}

export interface UpstreamStage {
  /** The saved stage; null when the upstream exists only in unsaved text. */
  stageId: number | null;
  /** Its latest submissions with a SAM (or Data Dispatcher) project (latestWithProjects), newest first. */
  latest: SubmissionListRow[];
  type: string;
  /** For pass-through stages: the existing definition the next launch would pass on; null otherwise. */
  passedDataset: string | null;
}

/**
 * Counts without declaring anything in SAM. A regular upstream's outputs are those attributed to
 * its latest submissions (at most UNION_LIMIT); a pass-through upstream passes its dataset on.
 */
export async function dependencySelection(
  deps: { db: Knex; sam?: Sam },
  experiment: string,
  upstream: UpstreamStage,
  pattern: string,
): Promise<DependencySelection> {
  const none = (basis: string): DependencySelection => ({ files: null, firstFiles: [], basis });
  if (!deps.sam) return none('not counted: the experiment has no SAM configured');
  const sam = deps.sam;
  try {
    let dims: string;
    let basis: string;
    if (isPassThroughStage(upstream.type)) {
      if (!upstream.passedDataset) return none('the dataset it passes on is made at its launch');
      dims = passThroughDependencyDims(upstream.passedDataset, pattern);
      basis = `files of ${upstream.passedDataset}`;
    } else {
      if (upstream.stageId === null) return none('the upstream stage is not saved yet: no outputs');
      const contexts = upstream.latest.flatMap((r) => samContextOf(r, sam.attributionParam) ?? []);
      if (contexts.length === 0) return none('the upstream stage has no outputs yet');
      dims = existingOutputsDims(contexts, pattern);
      basis = `outputs of its ${contexts.length} latest submission(s) with a SAM project`;
    }
    const files = await sam.countFiles(experiment, dims);
    const first = files ? await sam.listFiles(experiment, `${dims} with limit ${FIRST_FILES}`) : [];
    return { files, firstFiles: first.slice(0, FIRST_FILES), basis };
  } catch (e) {
    return none(reportable(e));
  }
}

/**
 * The latest UNION_LIMIT submissions with a SAM project (`dd_project_id`: a Data Dispatcher
 * project) of each stage, newest first, in one statement for every upstream of a chain (an index
 * probe per stage, whatever its history).
 */
export async function latestWithProjects(
  db: Knex,
  stageIds: number[],
  column: 'project' | 'dd_project_id' = 'project',
): Promise<Map<number, SubmissionListRow[]>> {
  const ids = [...new Set(stageIds)];
  const out = new Map<number, SubmissionListRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const rows: SubmissionListRow[] = await submissionRows(db)
    .whereRaw(
      `u.submission_id in (select x.submission_id from (values ${ids.map(() => '(?::int)').join(', ')}) as t(stage_id)
         cross join lateral (select s.submission_id from submissions s
           where s.stage_id = t.stage_id and s.${column} is not null
           order by s.submission_id desc limit ?) x)`,
      [...ids, UNION_LIMIT],
    )
    .orderBy('u.submission_id', 'desc');
  for (const r of rows) out.get(r.stage_id)?.push(r);
  return out;
}
