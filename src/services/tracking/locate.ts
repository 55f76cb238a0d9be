import type { SubmissionRow } from '../../db/stores/submission-store.js';
import {
  locatedCheckDims,
  locatedCheckPatterns,
  noProjectLocatedDims,
} from '../../domain/files/located-dims.js';
import { splitOutputPatterns } from '../../domain/files/output-patterns.js';
import { dependencyDefinitionName } from '../../domain/files/definition-names.js';
import { samTotals } from '../../domain/files/sam-totals.js';
import { jobCountFromCommand } from '../../domain/submissions/job-count.js';
import { decideLocated, type LocatedDecision } from '../../domain/submissions/located-rule.js';
import { changeStatus } from '../submissions/submission-status-service.js';
import { passThroughDefinitions } from '../launch/pass-through-definitions.js';
import { loadSubmissionContext, type SubmissionContext } from './submission-context.js';
import type { TrackingDeps } from './tracking-deps.js';

const passThroughLaunch = (ctx: SubmissionContext) => ({
  submissionId: ctx.sub.submission_id,
  test: ctx.sub.test,
  created: ctx.sub.created_at,
  dataset: ctx.sub.dataset,
  creatorUsername: ctx.creatorUsername,
  stage: ctx.stage,
});

/**
 * Decides Located for one Completed submission by its completion type, counting in SAM the input
 * files whose outputs are located; stores the counts it used. SAM failing leaves it Completed
 * (it is tried again next pass).
 */
export async function locateSubmission(deps: TrackingDeps, sub: SubmissionRow): Promise<LocatedDecision> {
  const now = (deps.now ?? (() => new Date()))();
  const ctx = await loadSubmissionContext(deps.db, sub);
  let filesConsumed: number | null = null;
  let located: number | null = null;
  let submitted: number | null = null;
  const needSam = ctx.stage.completionType === 'located' && !sub.force_located;
  if (sub.project) {
    // Needed for the decision when SAM decides; otherwise only the file reports want the numbers
    // (best effort).
    const asked = deps.sam.projectSummary(sub.experiment, sub.project);
    const summary = needSam ? await asked : await asked.catch(() => null);
    filesConsumed = summary ? samTotals(summary).consumed : null;
    submitted = summary?.files_in_snapshot ?? null;
  }
  const pass = needSam && !sub.project ? await passThroughDefinitions(deps.db, passThroughLaunch(ctx)) : [];
  if (needSam) {
    if (sub.project) {
      const deps_ = await deps
        .db('dependencies')
        .where({ upstream_stage_id: sub.stage_id })
        .whereNot({ downstream_stage_id: sub.stage_id })
        .pluck('file_pattern');
      const patterns = locatedCheckPatterns(deps_, splitOutputPatterns(ctx.jobType.outputFilePatterns));
      located = await deps.sam.countFiles(
        sub.experiment,
        locatedCheckDims(
          {
            attribution: {
              submissionId: sub.submission_id,
              completedAt: sub.completed_at,
              param: deps.sam.attributionParam,
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
        if (!(await deps.sam.describeDefinition(sub.experiment, d.definition)))
          await deps.sam.createDefinition(sub.experiment, d.definition, d.dims, { onConflict: 'replace' });
      }
      filesConsumed = await deps.sam.countFiles(sub.experiment, pass[0].dims);
      located = await deps.sam.countFiles(sub.experiment, noProjectLocatedDims(pass[0].definition));
    } else {
      filesConsumed = jobCountFromCommand(sub.command_executed);
      const name = dependencyDefinitionName(
        sub.submission_id,
        1,
        ctx.stage.creatorRole === 'analysis' ? ctx.creatorUsername : null,
      );
      located = await deps.sam.countFiles(sub.experiment, noProjectLocatedDims(name)).catch(() => null);
    }
  }
  const decision = decideLocated({
    completionType: ctx.stage.completionType,
    completionPct: ctx.stage.completionPct,
    filesConsumed,
    locatedInputCount: located,
    isRecovery: sub.parent_submission_id !== null,
    completedAt: sub.completed_at ?? sub.status_at,
    now,
    maxWaitMs: deps.locatedMaxWaitMs,
    forced: sub.force_located,
  });
  const counts = {
    ...(filesConsumed !== null && sub.project ? { files_consumed: filesConsumed } : {}),
    ...(located !== null ? { files_located: located } : {}),
    ...(submitted !== null ? { files_submitted: submitted } : {}),
  };
  if (decision.located)
    await changeStatus(deps.db, sub.submission_id, {
      requested: 'Located',
      actor: 'system',
      reason: decision.reason,
      extra: { ...counts, located_reason: decision.reason },
    });
  else if (Object.keys(counts).length)
    await deps.db('submissions').where({ submission_id: sub.submission_id }).update(counts);
  return decision;
}
