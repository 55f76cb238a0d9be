import type { Knex } from 'knex';
import { recordAudit } from '../../db/stores/audit-store.js';
import { submissionStore, type SubmissionRow } from '../../db/stores/submission-store.js';
import {
  decideTransition,
  isFinalStatus,
  type StatusActor,
  type SubmissionStatus,
  type TransitionDecision,
} from '../../domain/submissions/status-machine.js';
import { notFound } from '../../lib/errors.js';
import { eventKindOfStatus } from '../../domain/notify/event-kinds.js';
import { recordSubmissionEvent } from '../notify/submission-events.js';

export interface StatusChange {
  requested: string;
  actor: StatusActor;
  /** The person making the change (audited), or null for the loops. */
  experimenterId?: number | null;
  username?: string;
  reason?: string;
  pctComplete?: number | null;
  /** Other columns to update with the change (job counts, project, …). */
  extra?: Partial<SubmissionRow>;
}

export interface StatusOutcome {
  decision: TransitionDecision;
  before: SubmissionStatus;
  after: SubmissionStatus;
}

/**
 * The only way a submission's status changes: the status machine decides, then one transaction
 * locks the row, appends history and updates the denormalised status (and `updated_at` on a final
 * status — the end of the dependency time window). A person's change is audited.
 */
export async function changeStatus(
  db: Knex,
  submissionId: number,
  change: StatusChange,
): Promise<StatusOutcome> {
  return db.transaction((trx) => changeStatusIn(trx, submissionId, change));
}

export async function changeStatusIn(
  trx: Knex.Transaction,
  submissionId: number,
  change: StatusChange,
): Promise<StatusOutcome> {
  const store = submissionStore(trx);
  const row = await store.lock(submissionId);
  if (!row) throw notFound(`submission ${submissionId}`);
  const completionPct = await stageCompletionPct(trx, row);
  const decision = decideTransition({
    current: row.status,
    requested: change.requested,
    actor: change.actor,
    isRecovery: row.parent_submission_id !== null,
    pctComplete: change.pctComplete ?? null,
    completionPct,
  });
  if (!decision.accept) {
    if (change.extra && Object.keys(change.extra).length) await store.update(submissionId, change.extra);
    return { decision, before: row.status, after: row.status };
  }
  const now = new Date();
  const extra: Partial<SubmissionRow> = { ...change.extra };
  if (isFinalStatus(decision.next)) extra.updated_at = now;
  if (decision.next === 'Completed') extra.completed_at = now;
  await store.appendStatus(
    submissionId,
    decision.next,
    {
      kind: change.actor,
      experimenterId: change.experimenterId ?? null,
      reason: change.reason ?? (decision.rewrittenFrom ? `reported ${change.requested}` : null),
    },
    extra,
  );
  if (change.actor === 'person')
    await recordAudit(trx, {
      experimenterId: change.experimenterId ?? null,
      actor: change.username ?? 'unknown',
      experiment: row.experiment,
      action: 'submission.status',
      objectKind: 'submission',
      objectId: submissionId,
      details: { from: row.status, to: decision.next, reason: change.reason ?? null },
    });
  // The outbox row commits (or not) with the status change: a notification is never lost or invented.
  const kind = eventKindOfStatus(decision.next);
  if (kind)
    await recordSubmissionEvent(trx, row, kind, decision.next, {
      details: { from: row.status, reason: change.reason ?? null },
      at: now,
    });
  return { decision, before: row.status, after: decision.next };
}

/** completion_pct from the snapshot the submission launched with (the live stage may have changed). */
async function stageCompletionPct(trx: Knex.Transaction, row: SubmissionRow): Promise<number | null> {
  if (!row.stage_snapshot_id) return null;
  const snap = await trx('stage_snapshots').where({ snapshot_id: row.stage_snapshot_id }).first('content');
  const pct = (snap?.content as { completion_pct?: number } | undefined)?.completion_pct;
  return typeof pct === 'number' ? pct : null;
}
