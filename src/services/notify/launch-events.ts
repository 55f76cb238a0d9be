import type { Knex } from 'knex';
import { recordEvent } from '../../db/stores/notify-outbox-store.js';
import type { StageLaunchConfig } from '../launch/launch-config.js';
import type { LaunchRequest } from '../launch/launch-request.js';

const stageName = (cfg: StageLaunchConfig) => `stage ${cfg.stage.name} (campaign ${cfg.campaign.name})`;

/** In the transaction that queues the launch. */
export function recordQueuedLaunch(
  trx: Knex.Transaction,
  cfg: StageLaunchConfig,
  req: LaunchRequest,
  heldLaunchId: number,
) {
  const why = cfg.experimentHeld ? `experiment ${cfg.experiment} is held` : 'the stage is held';
  return recordEvent(trx, {
    kind: 'launch.held',
    experiment: cfg.experiment,
    campaignId: cfg.campaign.id,
    stageId: cfg.stage.id,
    summary: `A ${req.kind} launch of ${stageName(cfg)} was queued (#${heldLaunchId}): ${why}`,
    details: { held_launch_id: heldLaunchId, launch_kind: req.kind, launcher: req.launcherName },
  });
}

/** In the transaction that creates the recovery submission. */
export function recordRecoveryLaunch(
  trx: Knex.Transaction,
  cfg: StageLaunchConfig,
  req: LaunchRequest,
  submissionId: number,
) {
  return recordEvent(trx, {
    kind: 'recovery.launched',
    experiment: cfg.experiment,
    campaignId: cfg.campaign.id,
    stageId: cfg.stage.id,
    submissionId,
    summary:
      `Recovery ${submissionId} (${req.recoveryType ?? 'recovery'}) of submission ` +
      `${req.parentSubmissionId ?? '?'} launched in ${stageName(cfg)}`,
    details: {
      parent_submission_id: req.parentSubmissionId ?? null,
      recovery_type: req.recoveryType ?? null,
    },
  });
}

/**
 * An automatic launch (schedule, recovery, dependency, queue release) that a rule refused: nothing
 * changed, so the event is the only record. One per stage and reason per hour, so a schedule that
 * keeps being refused does not flood anyone.
 */
export async function recordRefusedLaunch(db: Knex, req: LaunchRequest, reason: string, at: Date) {
  const stage = await db('stages as s')
    .leftJoin('campaigns as c', 'c.campaign_id', 's.campaign_id')
    .where('s.stage_id', req.stageId)
    .first('s.stage_id', 's.name', 's.experiment', 'c.campaign_id', 'c.name as campaign');
  if (!stage) return false;
  const hour = at.toISOString().slice(0, 13);
  return recordEvent(
    db,
    {
      kind: 'launch.refused',
      experiment: stage.experiment,
      campaignId: stage.campaign_id,
      stageId: stage.stage_id,
      summary: `A ${req.kind} launch of stage ${stage.name}${stage.campaign ? ` (campaign ${stage.campaign})` : ''} was refused: ${reason}`,
      details: { launch_kind: req.kind, reason },
      dedupeKey: `refused:${stage.stage_id}:${req.kind}:${reason.slice(0, 200)}:${hour}`,
    },
    at,
  );
}
