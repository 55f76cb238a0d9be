import type { Knex } from 'knex';
import type { Sam } from '../../../adapters/sam/sam.js';
import { dependencyDefinitionName } from '../../../domain/files/definition-names.js';
import {
  locatedCheckDims,
  locatedCheckPatterns,
  noProjectLocatedDims,
} from '../../../domain/files/located-dims.js';
import { splitOutputPatterns } from '../../../domain/files/output-patterns.js';
import { samTotals } from '../../../domain/files/sam-totals.js';
import { jobCountFromCommand } from '../../../domain/submissions/job-count.js';
import { passThroughDefinitions } from '../../launch/pass-through-definitions.js';
import type { SubmissionContext } from '../../tracking/submission-context.js';
import type { LocateCounts } from '../data-handling.js';

const passThroughLaunch = (ctx: SubmissionContext) => ({
  submissionId: ctx.sub.submission_id,
  test: ctx.sub.test,
  created: ctx.sub.created_at,
  dataset: ctx.sub.dataset,
  creatorUsername: ctx.creatorUsername,
  stage: ctx.stage,
});

/**
 * Located's counts from SAM: the project's consumed files and the input files whose outputs are
 * located (located-check dims); without a project, a pass-through stage's declared definition or
 * the job count and the `poms_depends_<sid>_1` definition the jobs declare.
 */
export async function samLocateCounts(
  db: Knex,
  sam: Sam,
  ctx: SubmissionContext,
  needSam: boolean,
): Promise<LocateCounts> {
  const sub = ctx.sub;
  let filesConsumed: number | null = null;
  let located: number | null = null;
  let submitted: number | null = null;
  if (sub.project && needSam) {
    // Only the decision wants them: the file numbers of a project are the file-count cache's.
    const summary = await sam.projectSummary(sub.experiment, sub.project);
    filesConsumed = summary ? samTotals(summary).consumed : null;
    submitted = summary?.files_in_snapshot ?? null;
  }
  const pass = needSam && !sub.project ? await passThroughDefinitions(db, passThroughLaunch(ctx)) : [];
  if (needSam) {
    if (sub.project) {
      const deps_ = await db('dependencies')
        .where({ upstream_stage_id: sub.stage_id })
        .whereNot({ downstream_stage_id: sub.stage_id })
        .pluck('file_pattern');
      const patterns = locatedCheckPatterns(deps_, splitOutputPatterns(ctx.jobType.outputFilePatterns));
      located = await sam.countFiles(
        sub.experiment,
        locatedCheckDims(
          {
            attribution: {
              submissionId: sub.submission_id,
              completedAt: sub.completed_at,
              param: sam.attributionParam,
            },
            project: sub.project,
            softwareVersion: ctx.stage.softwareVersion,
            created: sub.created_at,
            outputAncestorDepth: ctx.stage.outputAncestorDepth,
          },
          patterns,
        ),
      );
    } else if (pass.length > 0) {
      // Approval / datatransfer without a project: its "outputs" are the files it passes on.
      for (const d of pass) {
        if (!(await sam.describeDefinition(sub.experiment, d.definition)))
          await sam.createDefinition(sub.experiment, d.definition, d.dims, { onConflict: 'replace' });
      }
      filesConsumed = await sam.countFiles(sub.experiment, pass[0].dims);
      located = await sam.countFiles(sub.experiment, noProjectLocatedDims(pass[0].definition));
    } else {
      filesConsumed = jobCountFromCommand(sub.command_executed);
      const name = dependencyDefinitionName(
        sub.submission_id,
        1,
        ctx.stage.creatorRole === 'analysis' ? ctx.creatorUsername : null,
      );
      located = await sam.countFiles(sub.experiment, noProjectLocatedDims(name)).catch(() => null);
    }
  }
  return { filesConsumed, located, submitted, fromProject: !!sub.project };
}
