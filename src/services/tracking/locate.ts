import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { decideLocated, type LocatedDecision } from '../../domain/submissions/located-rule.js';
import { changeStatus } from '../submissions/submission-status-service.js';
import { loadSubmissionContext } from './submission-context.js';
import type { TrackingDeps } from './tracking-deps.js';

/**
 * Decides Located for one Completed submission by its completion type, counting in the experiment's
 * data service the input files whose outputs are located. The service failing leaves it Completed
 * (it is tried again next pass). A submission with a project gets its file numbers from the
 * file-count cache (wrapup's recount-settling, the reports), never from this check, which counts
 * only the patterns the downstream stages need; one without a project, which has no file report,
 * stores the check's count of the files it passes on.
 */
export async function locateSubmission(deps: TrackingDeps, sub: SubmissionRow): Promise<LocatedDecision> {
  const now = (deps.now ?? (() => new Date()))();
  const ctx = await loadSubmissionContext(deps.db, sub);
  const needed = ctx.stage.completionType === 'located' && !sub.force_located;
  const data = await deps.data(sub.experiment);
  const { filesConsumed, located, fromProject } = await data.locateCounts(ctx, needed);
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
  const counts = !fromProject && located !== null ? { files_located: located } : {};
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
