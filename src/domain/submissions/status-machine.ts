// The submission status machine: every status change (poller report, launch, wrapup, a person's
// button) asks `decideTransition` first and writes a history row only when it accepts.
// Decisions never compare numeric status ids (the original's `max(status_id)` shortcut sorted
// Cancelled below Running); every allowed edge is named below.

import { invalid } from '../../lib/errors.js';

export const SUBMISSION_STATUSES = [
  'New',
  'Awaiting Approval',
  'LaunchFailed',
  'Idle',
  'Running',
  'Held',
  'Completed',
  'Located',
  'Failed',
  'Cancelled',
  'Removed',
] as const;

export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** Outcomes: the poller and POMS itself never move a submission out of these. */
export const FINAL_STATUSES: readonly SubmissionStatus[] = ['Located', 'Failed', 'Cancelled', 'Removed'];

/** Jobs may be queued or running on the grid: the poller follows these; kill/hold/release act on them. */
export const ACTIVE_STATUSES: readonly SubmissionStatus[] = ['New', 'Idle', 'Running', 'Held'];

/** Launched but not finished: any of these may move to another one of them or to an outcome. */
export const PRE_COMPLETION_STATUSES: readonly SubmissionStatus[] = [
  'New',
  'LaunchFailed',
  'Idle',
  'Running',
  'Held',
];

export const isSubmissionStatus = (value: unknown): value is SubmissionStatus =>
  typeof value === 'string' && (SUBMISSION_STATUSES as readonly string[]).includes(value);
export const isFinalStatus = (s: SubmissionStatus): boolean => FINAL_STATUSES.includes(s);
export const isActiveStatus = (s: SubmissionStatus): boolean => ACTIVE_STATUSES.includes(s);

/** For user input (API, CLI): an unknown name is a 400 naming the field. */
export function parseSubmissionStatus(value: string, field = 'status'): SubmissionStatus {
  if (isSubmissionStatus(value)) return value;
  throw invalid(`Unknown submission status "${value}"`, [
    { field, message: `must be one of: ${SUBMISSION_STATUSES.join(', ')}` },
  ]);
}

/** poller = Lens/condor agent; system = POMS itself (launch, wrapup, launch-failure sweep); person = a user. */
export type StatusActor = 'poller' | 'system' | 'person';

export interface TransitionRequest {
  /** Latest status from history; null while the submission has none yet (inside the launch). */
  current: SubmissionStatus | null;
  /** Untrusted name as reported; names outside SUBMISSION_STATUSES are refused, not thrown. */
  requested: string;
  actor: StatusActor;
  /** The submission is a recovery (has a recovery parent). */
  isRecovery: boolean;
  /** Percent of jobs finished as reported with the status, 0..100. */
  pctComplete?: number | null;
  /** The stage snapshot's completion_pct, 0 < pct ≤ 100. */
  completionPct?: number | null;
}

export type TransitionDecision =
  | { accept: true; next: SubmissionStatus; rewrittenFrom?: SubmissionStatus }
  | { accept: false; code: 'unknown_status' | 'unchanged' | 'not_allowed'; reason: string };

const GRID: readonly SubmissionStatus[] = ['Idle', 'Running', 'Held'];
const OUTCOMES: readonly SubmissionStatus[] = ['Completed', 'Failed', 'Cancelled', 'Removed'];

const refuse = (reason: string): TransitionDecision => ({ accept: false, code: 'not_allowed', reason });

/**
 * Policy for people (decided for production users):
 * - A person may do everything the grid and POMS may, plus approve (Awaiting Approval → Completed)
 *   and reject (→ Removed), which only a person may do.
 * - Nobody moves backwards: once Completed or final, a submission never returns to New, LaunchFailed,
 *   Idle, Running or Held. Completed may have been Located and chained already; re-running work is
 *   a new submission ("Re-Launch"), which keeps history and the chain honest.
 * - A person may re-classify an outcome: Completed → Failed, and Failed/Cancelled/Removed to any of
 *   Completed, Failed, Cancelled, Removed (e.g. accept a Failed submission as Completed so wrapup
 *   locates it and chains). Located is only ever reached from Completed.
 * - Located is terminal for everyone: recoveries and dependents were launched from it, and a second
 *   Located would launch them again. (The original let a person move Located back to Running.)
 */
function edgeRefusal(
  current: SubmissionStatus | null,
  next: SubmissionStatus,
  actor: StatusActor,
): string | null {
  const person = actor === 'person';
  if (current === null) {
    if (next !== 'New' && next !== 'Awaiting Approval')
      return 'a submission starts as New or Awaiting Approval';
    return actor === 'poller' ? 'only a launch creates the first status' : null;
  }
  if (current === 'Located') return 'Located is terminal; launch a new submission instead';
  if (next === 'Located') {
    if (current !== 'Completed') return 'Located only follows Completed';
    return actor === 'poller' ? 'only POMS or a person decides Located' : null;
  }
  if (isFinalStatus(current)) {
    if (!person) return `${current} is final; only a person may change it`;
    return OUTCOMES.includes(next) ? null : `${current} is final; re-launch instead of re-opening it`;
  }
  if (current === 'Completed') {
    if (next === 'Cancelled' || next === 'Removed') return null;
    if (next === 'Failed') return person ? null : 'Completed is not rolled back to Failed';
    return 'no rollback from Completed';
  }
  if (current === 'Awaiting Approval') {
    if (next !== 'Completed' && next !== 'Removed')
      return 'Awaiting Approval is left only by approve or reject';
    return person ? null : 'only a person approves or rejects';
  }
  // current is New, LaunchFailed, Idle, Running or Held
  if (next === 'New') return 'New is only the first status';
  if (next === 'Awaiting Approval') {
    if (current !== 'New') return 'Awaiting Approval only follows New';
    return actor === 'poller' ? 'only a launch asks for approval' : null;
  }
  if (next === 'LaunchFailed') return current === 'New' ? null : 'LaunchFailed only follows New';
  if (GRID.includes(next) || OUTCOMES.includes(next)) return null;
  return `${current} cannot become ${next}`;
}

/** Decide one requested status change; pure, never throws. */
export function decideTransition(req: TransitionRequest): TransitionDecision {
  const { current, requested, actor } = req;
  if (!isSubmissionStatus(requested)) {
    return { accept: false, code: 'unknown_status', reason: `unknown status "${requested}" ignored` };
  }
  if (current !== null && !isSubmissionStatus(current)) {
    return { accept: false, code: 'unknown_status', reason: `unknown current status "${String(current)}"` };
  }
  let next: SubmissionStatus = requested;
  // Running with enough jobs finished counts as Completed (completion_pct use (a)).
  const pct = req.pctComplete;
  const threshold = req.completionPct;
  if (next === 'Running' && isNum(pct) && isNum(threshold) && pct >= threshold) next = 'Completed';
  // A recovery is done even when its jobs fail again, so the recovery chain continues. An explicit
  // Failed from a person is honoured.
  if (next === 'Failed' && req.isRecovery && actor !== 'person') next = 'Completed';
  if (next === current) return { accept: false, code: 'unchanged', reason: `already ${current}` };
  const refusal = edgeRefusal(current, next, actor);
  if (refusal !== null) return refuse(`${current ?? '(none)'} → ${next} by ${actor}: ${refusal}`);
  return next === requested ? { accept: true, next } : { accept: true, next, rewrittenFrom: requested };
}

const isNum = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);
