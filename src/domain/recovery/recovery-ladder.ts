// Walking a job type's recovery ladder after a submission becomes Located: each configured entry is
// evaluated once, in order (the original evaluated the first entry twice). The first entry whose
// recovery set has files is launched; entries with no files are skipped; an exhausted ladder means
// "launch the dependent stages now".
//
// Position contract: `recoveryPosition`, stored on the ORIGINAL submission, is the index of the next
// ladder entry to evaluate (= entries already used, launched or skipped); null = never started (0).
// After a launch of entry i the caller stores i + 1, so when that recovery is Located the walk
// continues at i + 1.

import { invalid } from '../../lib/errors.js';
import type { RecoveryType } from './recovery-types.js';

/** One `[option, value]` pair appended to the launch command (same form as job type parameters). */
export type ParamOverride = readonly [option: string, value: string];

export interface RecoveryStep {
  type: RecoveryType;
  paramOverrides: readonly ParamOverride[];
}

export interface RecoverySkip {
  index: number;
  type: RecoveryType;
}

export type RecoveryPlan =
  | {
      kind: 'launch';
      index: number;
      step: RecoveryStep;
      /** Files in the recovery set; null = unknown (counting failed), launched anyway so no input is lost. */
      count: number | null;
      /** recoveryPosition to store on the original submission with the launch. */
      position: number;
      skipped: RecoverySkip[];
    }
  | { kind: 'exhausted'; position: number; skipped: RecoverySkip[] };

function startIndex(position: number | null): number {
  const p = position ?? 0;
  if (!Number.isInteger(p) || p < 0) {
    throw invalid('recovery position must be a non-negative integer', [
      { field: 'recovery_position', message: `got ${p}` },
    ]);
  }
  return p;
}

/** The next entry to evaluate and the position to store if it is launched; null when exhausted. */
export function nextRecoveryStep(
  ladder: readonly RecoveryStep[],
  position: number | null,
): { index: number; step: RecoveryStep; positionAfterLaunch: number } | null {
  const index = startIndex(position);
  if (index >= ladder.length) return null;
  return { index, step: ladder[index], positionAfterLaunch: index + 1 };
}

/**
 * Which submission a recovery set is computed from: `latest` = the submission that just became
 * Located (the original, or the recovery that just finished, whose project holds what is still
 * missing); `added_files` always compares the original's input definition with the original's
 * snapshot, because files are added to the original dataset.
 */
export const recoveryBasis = (type: RecoveryType): 'original' | 'latest' =>
  type === 'added_files' ? 'original' : 'latest';

/** A count SAM could not give (null, negative such as its -1 "query limit", not a number) is unknown. */
const knownCount = (n: number | null | undefined): number | null =>
  typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;

/** Pure driver over counts already known for this walk (null = counting failed). */
export function planRecovery(
  ladder: readonly RecoveryStep[],
  position: number | null,
  countsByType: Partial<Record<RecoveryType, number | null>>,
): RecoveryPlan {
  const skipped: RecoverySkip[] = [];
  for (
    let next = nextRecoveryStep(ladder, position);
    next;
    next = nextRecoveryStep(ladder, next.positionAfterLaunch)
  ) {
    const { index, step } = next;
    if (!(step.type in countsByType)) {
      throw invalid(`no file count given for recovery type ${step.type}`, [
        { field: 'counts', message: step.type },
      ]);
    }
    const count = knownCount(countsByType[step.type]);
    if (count === null || count > 0) {
      return { kind: 'launch', index, step, count, position: next.positionAfterLaunch, skipped };
    }
    skipped.push({ index, type: step.type });
  }
  return { kind: 'exhausted', position: Math.max(startIndex(position), ladder.length), skipped };
}

/**
 * Async walker: counts lazily and stops at the first entry with files. A count that throws launches
 * that entry anyway (count null), as skipping it could lose input files; `onCountError` sees why.
 */
export async function walkRecoveryLadder(
  ladder: readonly RecoveryStep[],
  position: number | null,
  count: (type: RecoveryType, index: number) => Promise<number>,
  onCountError?: (type: RecoveryType, error: unknown) => void,
): Promise<RecoveryPlan> {
  const skipped: RecoverySkip[] = [];
  for (
    let next = nextRecoveryStep(ladder, position);
    next;
    next = nextRecoveryStep(ladder, next.positionAfterLaunch)
  ) {
    const { index, step } = next;
    let n: number | null;
    try {
      n = knownCount(await count(step.type, index));
    } catch (error) {
      onCountError?.(step.type, error);
      n = null;
    }
    if (n === null || n > 0) return { kind: 'launch', index, step, count: n, position: index + 1, skipped };
    skipped.push({ index, type: step.type });
  }
  return { kind: 'exhausted', position: Math.max(startIndex(position), ladder.length), skipped };
}
