import type { Knex } from 'knex';
import { updateJobCounts, type JobCountsPatch } from '../../db/stores/job-counts-store.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { eventKindOfStatus } from '../../domain/notify/event-kinds.js';
import {
  decideTransition,
  isFinalStatus,
  type SubmissionStatus,
} from '../../domain/submissions/status-machine.js';
import { notFound } from '../../lib/errors.js';
import { recordSubmissionEvent } from '../notify/submission-events.js';
import type { StatusOutcome } from './submission-status-service.js';

/** One requested change of many (the poller's reading of one submission). */
export interface BatchedChange {
  submissionId: number;
  requested: string;
  pctComplete?: number | null;
  reason?: string;
  /** Job-count columns written with the change, or alone when it is refused. */
  extra?: Partial<SubmissionRow>;
}

type Locked = Pick<
  SubmissionRow,
  | 'submission_id'
  | 'status'
  | 'parent_submission_id'
  | 'stage_snapshot_id'
  | 'experiment'
  | 'stage_id'
  | 'campaign_id'
>;

const CHUNK = 1000;

/**
 * Many status changes by the poller or POMS itself in the caller's transaction, decided exactly as
 * changeStatusIn decides one (the same status-machine rule on the locked row, the snapshot's
 * completion_pct) and written set-wise: the rows locked in one statement, the history rows in one
 * insert, the statuses and columns in one update per 2,000, an outbox event per change that has
 * one (Failed, LaunchFailed: rare). People's changes stay one by one (they are audited).
 */
export async function changeStatusesIn(
  trx: Knex.Transaction,
  actor: 'poller' | 'system',
  changes: BatchedChange[],
): Promise<StatusOutcome[]> {
  if (!changes.length) return [];
  const ids = changes.map((c) => c.submissionId);
  const locked: Locked[] = [];
  for (let i = 0; i < ids.length; i += CHUNK)
    locked.push(
      ...(await trx('submissions')
        .whereIn('submission_id', ids.slice(i, i + CHUNK))
        .orderBy('submission_id')
        .forUpdate()
        .select(
          'submission_id',
          'status',
          'parent_submission_id',
          'stage_snapshot_id',
          'experiment',
          'stage_id',
          'campaign_id',
        )),
    );
  const rows = new Map(locked.map((r) => [Number(r.submission_id), r]));
  const pcts = await completionPcts(trx, locked);
  const now = new Date();
  const outcomes: StatusOutcome[] = [];
  const history: Array<Record<string, unknown>> = [];
  const patches: JobCountsPatch[] = [];
  const events: Array<{ row: Locked; before: SubmissionStatus; next: SubmissionStatus; reason?: string }> =
    [];
  const seen = new Set<number>();
  for (const c of changes) {
    const row = rows.get(c.submissionId);
    if (!row) throw notFound(`submission ${c.submissionId}`);
    if (seen.has(c.submissionId)) throw new Error(`submission ${c.submissionId} changed twice in one batch`);
    seen.add(c.submissionId);
    const decision = decideTransition({
      current: row.status,
      requested: c.requested,
      actor,
      isRecovery: row.parent_submission_id !== null,
      pctComplete: c.pctComplete ?? null,
      completionPct: row.stage_snapshot_id ? (pcts.get(Number(row.stage_snapshot_id)) ?? null) : null,
    });
    if (!decision.accept) {
      if (c.extra && Object.keys(c.extra).length)
        patches.push({ ...c.extra, submission_id: c.submissionId } as JobCountsPatch);
      outcomes.push({ decision, before: row.status, after: row.status });
      continue;
    }
    const next = decision.next;
    history.push({
      submission_id: c.submissionId,
      status: next,
      created_at: now,
      actor_kind: actor,
      experimenter_id: null,
      reason: c.reason ?? (decision.rewrittenFrom ? `reported ${c.requested}` : null),
    });
    patches.push({
      ...c.extra,
      ...(isFinalStatus(next) ? { updated_at: now } : {}),
      ...(next === 'Completed' ? { completed_at: now } : {}),
      status: next,
      status_at: now,
      submission_id: c.submissionId,
    } as JobCountsPatch);
    if (eventKindOfStatus(next)) events.push({ row, before: row.status, next, reason: c.reason });
    outcomes.push({ decision, before: row.status, after: next });
  }
  for (let i = 0; i < history.length; i += CHUNK)
    await trx('submission_history').insert(history.slice(i, i + CHUNK));
  await updateJobCounts(trx, patches);
  for (const e of events)
    await recordSubmissionEvent(trx, e.row, eventKindOfStatus(e.next)!, e.next, {
      details: { from: e.before, reason: e.reason ?? null },
      at: now,
    });
  return outcomes;
}

/** completion_pct of each snapshot the rows launched with (the live stage may have changed). */
async function completionPcts(trx: Knex.Transaction, rows: Locked[]): Promise<Map<number, number>> {
  const ids = [...new Set(rows.map((r) => r.stage_snapshot_id).filter((x): x is number => x !== null))];
  const out = new Map<number, number>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const snaps: Array<{ snapshot_id: number; pct: unknown }> = await trx('stage_snapshots')
      .whereIn('snapshot_id', ids.slice(i, i + CHUNK))
      .select('snapshot_id', trx.raw(`content->'completion_pct' as pct`));
    for (const s of snaps) if (typeof s.pct === 'number') out.set(Number(s.snapshot_id), s.pct);
  }
  return out;
}
