// When a Completed submission becomes Located (its outputs are in SAM: safe to chain).
// The caller applies this only to submissions whose latest status is Completed.

import { invalid } from '../../lib/errors.js';

export type CompletionType = 'complete' | 'located';

/** How long wrapup waits for outputs before locating anyway (the original's 2 days). */
export const DEFAULT_LOCATED_MAX_WAIT_MS = 2 * 24 * 3600 * 1000;

export interface LocatedInput {
  completionType: CompletionType;
  /** Stage snapshot completion_pct, 0 < pct ≤ 100. */
  completionPct: number;
  /**
   * Input files the project consumed (SAM tot_consumed); without a SAM project, the job count
   * (`-N`) of the launch command. null = not known (SAM unavailable or nothing to parse).
   */
  filesConsumed: number | null;
  /** Input files with located outputs (located-check dims), or files in the no-project definition. */
  locatedInputCount: number | null;
  isRecovery: boolean;
  /** Time of the Completed history row. */
  completedAt: Date;
  now: Date;
  maxWaitMs?: number;
  /** A person asked for Located ("Kick to Located"). */
  forced: boolean;
}

export type LocatedReason = 'complete' | 'threshold' | 'max_wait' | 'forced' | 'waiting';

export interface LocatedDecision {
  located: boolean;
  reason: LocatedReason;
  /** Smallest count that passes; null when filesConsumed is unknown or not needed. */
  threshold: number | null;
  count: number | null;
}

/**
 * threshold = ceil(completionPct × filesConsumed / 100): the count must reach the exact real product,
 * so with integer counts that is its ceiling (a tiny epsilon absorbs float noise such as 99.9 × 1000).
 */
export function locatedThreshold(completionPct: number, filesConsumed: number): number {
  if (!(completionPct > 0 && completionPct <= 100)) {
    throw invalid('completion_pct must be in (0, 100]', [
      { field: 'completion_pct', message: `got ${completionPct}` },
    ]);
  }
  if (!(Number.isInteger(filesConsumed) && filesConsumed >= 0)) {
    throw invalid('files consumed must be a non-negative integer', [
      { field: 'files_consumed', message: `got ${filesConsumed}` },
    ]);
  }
  return Math.max(0, Math.ceil((completionPct * filesConsumed) / 100 - 1e-9));
}

/** SAM answers -1 for counts it refused ("query limit"): like any non-count, that is unknown. */
const known = (n: number | null): number | null => (Number.isInteger(n) && (n as number) >= 0 ? n : null);

/**
 * First match wins: completion type `complete` → Located now, without SAM; count ≥ threshold, where a
 * threshold of 0 (nothing consumed) passes only for a recovery (a recovery may legitimately have
 * nothing left to produce; an original that consumed nothing has not really run); forced by a person;
 * waited at least maxWaitMs since Completed; otherwise keep waiting.
 */
export function decideLocated(input: LocatedInput): LocatedDecision {
  if (input.completionType === 'complete') {
    return { located: true, reason: 'complete', threshold: null, count: input.locatedInputCount };
  }
  const count = known(input.locatedInputCount);
  const consumed = known(input.filesConsumed);
  const threshold = consumed === null ? null : locatedThreshold(input.completionPct, consumed);
  const result = (located: boolean, reason: LocatedReason): LocatedDecision => ({
    located,
    reason,
    threshold,
    count,
  });
  if (threshold !== null && count !== null && count >= threshold && (threshold > 0 || input.isRecovery)) {
    return result(true, 'threshold');
  }
  if (input.forced) return result(true, 'forced');
  const maxWait = input.maxWaitMs ?? DEFAULT_LOCATED_MAX_WAIT_MS;
  if (input.now.getTime() - input.completedAt.getTime() >= maxWait) return result(true, 'max_wait');
  return result(false, 'waiting');
}
