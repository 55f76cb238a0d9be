import { submissionStore, type SubmissionRow } from '../../db/stores/submission-store.js';
import {
  planDependencies,
  type PlanSubmission,
  type StageType,
} from '../../domain/dependencies/dependency-plan.js';
import { walkRecoveryLadder, type RecoveryStep } from '../../domain/recovery/recovery-ladder.js';
import { normalizeRecoveryType } from '../../domain/recovery/recovery-types.js';
import type { DataHandling } from '../data/data-handling.js';
import type { LaunchOutcome } from '../launch/launch-request.js';
import { loadSubmissionContext, type SubmissionContext } from './submission-context.js';
import type { TrackingDeps } from './tracking-deps.js';

const planSub = (s: SubmissionRow, creator: string): PlanSubmission => ({
  id: s.submission_id,
  isTest: s.test,
  project: s.project,
  created: s.created_at,
  dataset: s.dataset,
  creatorUsername: creator,
  recoveryParentId: s.parent_submission_id,
});

async function launcherId(deps: TrackingDeps, username: string): Promise<number> {
  return (await deps.db('experimenters').where({ username }).first('experimenter_id'))?.experimenter_id ?? 0;
}

/** The catalogue text a chained launch records: SAM dims as `dims`, MetaCat's as `mql`. */
const queryParam = (data: DataHandling, query: string | null) =>
  data.service === 'sam' ? { dims: query } : { mql: query };

const describe = (o: LaunchOutcome) =>
  o.kind === 'held' ? `queued #${o.heldLaunchId}` : `#${o.submissionId}`;

/** The next recovery of the original submission, if its ladder finds files; null when exhausted. */
async function launchRecovery(
  deps: TrackingDeps,
  located: SubmissionRow,
  original: SubmissionContext,
): Promise<string | null> {
  const ladder: RecoveryStep[] = original.jobType.recoveries.flatMap((r) => {
    const type = normalizeRecoveryType(r.type);
    return type ? [{ type, paramOverrides: r.paramOverrides }] : [];
  });
  const orig = original.sub;
  const data = await deps.data(orig.experiment);
  const sets = data.recoverySets(located, original);
  const plan = await walkRecoveryLadder(ladder, orig.recovery_position, (type) => sets.count(type));
  const savePosition = () =>
    deps
      .db('submissions')
      .where({ submission_id: orig.submission_id })
      .update({ recovery_position: plan.position });
  const input = plan.kind === 'launch' ? await sets.define(plan.step.type, plan.index) : null;
  if (plan.kind === 'exhausted' || !input) {
    await savePosition();
    return null;
  }
  const name = input.definition;
  const out = await deps.launches.launch({
    stageId: orig.stage_id,
    launcherId: await launcherId(deps, original.creatorUsername),
    launcherName: original.creatorUsername,
    kind: 'recovery',
    test: orig.test,
    datasetOverride: name,
    paramOverrides: plan.step.paramOverrides.map(([a, b]) => [a, b] as [string, string]),
    parentSubmissionId: orig.submission_id,
    recoveryType: plan.step.type,
    idempotencyKey: `recovery:${orig.submission_id}:${plan.index}`,
    params: {
      recovery: {
        definition: name,
        ...queryParam(data, input.query),
        count: plan.count,
        type: plan.step.type,
      },
    },
  });
  // Only once launched: a pass that fails before this retries the same rung (same idempotency key).
  await savePosition();
  return `recovery ${plan.step.type} on ${plan.count ?? '?'} file(s): ${describe(out)}`;
}

/** Launches the downstream stages (or the stage's next split) on the original submission's outputs. */
async function launchDependents(
  deps: TrackingDeps,
  located: SubmissionContext,
  original: SubmissionContext,
): Promise<string> {
  const rows: Array<{ downstream_stage_id: number; file_pattern: string }> = await deps
    .db('dependencies')
    .where({ upstream_stage_id: original.sub.stage_id })
    .orderBy(['downstream_stage_id', 'ordinal']);
  const isRecovery = located.sub.parent_submission_id !== null;
  const plans = planDependencies({
    located: planSub(located.sub, located.creatorUsername),
    recoveryParent: isRecovery ? planSub(original.sub, original.creatorUsername) : null,
    stage: {
      id: original.stage.id,
      type: original.stage.type as StageType,
      softwareVersion: original.stage.softwareVersion,
      outputAncestorDepth: original.stage.outputAncestorDepth,
      creatorRole: original.stage.creatorRole === 'analysis' ? 'analysis' : 'production',
    },
    dependencies: rows.map((r) => ({
      downstreamStageId: r.downstream_stage_id,
      filePattern: r.file_pattern,
    })),
  });
  const done: string[] = [];
  const data = await deps.data(original.sub.experiment);
  const nonSelf = rows.filter((r) => r.downstream_stage_id !== original.stage.id);
  const patternOf = (stageId: number, index: number) =>
    nonSelf[index - 1]?.downstream_stage_id === stageId ? nonSelf[index - 1].file_pattern : '%';
  for (const p of plans) {
    const base = {
      launcherId: await launcherId(deps, p.launcher),
      launcherName: p.launcher,
      kind: 'dependency' as const,
      test: p.test,
    };
    if (p.kind === 'next_split') {
      const out = await deps.launches
        .launch({
          ...base,
          stageId: p.stageId,
          dependsOnSubmissionId: original.sub.submission_id,
          idempotencyKey: `next_split:${original.sub.submission_id}`,
        })
        .catch((e: Error) => e);
      done.push(out instanceof Error ? `next split: ${out.message}` : `next split ${describe(out)}`);
      continue;
    }
    const input = await data.dependencyInput(p, patternOf(p.stageId, p.index), original);
    if ('skip' in input) {
      done.push(input.skip);
      continue;
    }
    const out = await deps.launches.launch({
      ...base,
      stageId: p.stageId,
      datasetOverride: input.definition,
      dependsOnSubmissionId: original.sub.submission_id,
      idempotencyKey: `dependency:${original.sub.submission_id}:${p.stageId}:${p.index}`,
      params: { dependency: { definition: input.definition, ...queryParam(data, input.query) } },
    });
    done.push(`stage ${p.stageId} on ${input.definition}: ${describe(out)}`);
  }
  return done.length ? done.join('; ') : 'no dependents';
}

/**
 * What follows a Located submission: the next recovery of the original submission if its ladder
 * finds files, otherwise the dependent stages on the original's outputs. Launches carry
 * idempotency keys, so a pass interrupted half way never launches anything twice.
 */
export async function chainSubmission(deps: TrackingDeps, sub: SubmissionRow): Promise<string> {
  const located = await loadSubmissionContext(deps.db, sub);
  const origRow = sub.parent_submission_id
    ? await submissionStore(deps.db).get(sub.parent_submission_id)
    : sub;
  const original = origRow === sub ? located : await loadSubmissionContext(deps.db, origRow!);
  // The experiment's switch: without automatic recoveries the dependents follow at once.
  const auto = (await deps.db('experiments').where({ experiment: sub.experiment }).first('auto_recovery'))
    ?.auto_recovery;
  const recovery = auto === false ? null : await launchRecovery(deps, sub, original);
  const result = recovery ?? (await launchDependents(deps, located, original));
  await deps
    .db('submissions')
    .where({ submission_id: sub.submission_id })
    .update({ chained_at: new Date(), chain_result: result.slice(0, 2000) });
  return result;
}
