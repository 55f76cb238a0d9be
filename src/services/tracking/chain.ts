import crypto from 'node:crypto';
import { submissionStore, type SubmissionRow } from '../../db/stores/submission-store.js';
import {
  planDependencies,
  decideDefinitionUpdate,
  type PlanSubmission,
  type StageType,
} from '../../domain/dependencies/dependency-plan.js';
import { recoveryDefinitionName } from '../../domain/files/definition-names.js';
import { splitOutputPatterns } from '../../domain/files/output-patterns.js';
import { inputDefinitionOf, recoveryDims } from '../../domain/files/recovery-dims.js';
import {
  recoveryBasis,
  walkRecoveryLadder,
  type RecoveryStep,
} from '../../domain/recovery/recovery-ladder.js';
import { normalizeRecoveryType } from '../../domain/recovery/recovery-types.js';
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
  const sam = deps.sam;
  const dimsFor = async (type: RecoveryStep['type']) => {
    const basis = recoveryBasis(type) === 'original' ? orig : located;
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
  };
  const dimsByType = new Map<string, string | null>();
  const plan = await walkRecoveryLadder(ladder, orig.recovery_position, async (type) => {
    const dims = await dimsFor(type);
    dimsByType.set(type, dims);
    return dims ? sam.countFiles(orig.experiment, dims) : 0;
  });
  const savePosition = () =>
    deps
      .db('submissions')
      .where({ submission_id: orig.submission_id })
      .update({ recovery_position: plan.position });
  const dims = plan.kind === 'launch' ? dimsByType.get(plan.step.type) : null;
  if (plan.kind === 'exhausted' || !dims) {
    await savePosition();
    return null;
  }
  const name = recoveryDefinitionName(
    (deps.newId ?? (() => crypto.randomUUID().replaceAll('-', '')))(),
    orig.submission_id,
    plan.index,
  );
  await sam.createDefinition(orig.experiment, name, dims, {
    onConflict: 'replace',
    description: `POMS recovery of submission ${orig.submission_id}`,
  });
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
    params: { recovery: { definition: name, dims, count: plan.count, type: plan.step.type } },
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
  const exp = original.sub.experiment;
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
    if (p.dims) {
      const count = await deps.sam.countFiles(exp, p.dims);
      const existing = await deps.sam.describeDefinition(exp, p.definition);
      const existingCount = existing
        ? await deps.sam.countFiles(exp, `defname: ${p.definition}`).catch(() => 0)
        : null;
      const action = decideDefinitionUpdate(existingCount, count);
      if (action !== 'keep')
        await deps.sam.createDefinition(exp, p.definition, p.dims, { onConflict: 'replace' });
      if (count === 0 && existingCount === null) {
        done.push(`stage ${p.stageId}: no files for ${p.definition}, not launched`);
        continue;
      }
    }
    const out = await deps.launches.launch({
      ...base,
      stageId: p.stageId,
      datasetOverride: p.definition,
      dependsOnSubmissionId: original.sub.submission_id,
      idempotencyKey: `dependency:${original.sub.submission_id}:${p.stageId}:${p.index}`,
      params: { dependency: { definition: p.definition, dims: p.dims } },
    });
    done.push(`stage ${p.stageId} on ${p.definition}: ${describe(out)}`);
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
