import { describe, expect, it } from 'vitest';
import {
  nextRecoveryStep,
  planRecovery,
  recoveryBasis,
  walkRecoveryLadder,
  type RecoveryStep,
} from '../../../../src/domain/recovery/recovery-ladder.js';
import type { RecoveryType } from '../../../../src/domain/recovery/recovery-types.js';
import { AppError } from '../../../../src/lib/errors.js';

const ladder: RecoveryStep[] = [
  { type: 'consumed_status', paramOverrides: [['--memory=', '4GB']] },
  { type: 'added_files', paramOverrides: [] },
  { type: 'pending_files', paramOverrides: [['-N ', '2']] },
];

describe('nextRecoveryStep', () => {
  it('starts at the first entry when never started, and stores index + 1 after a launch', () => {
    expect(nextRecoveryStep(ladder, null)).toEqual({ index: 0, step: ladder[0], positionAfterLaunch: 1 });
    expect(nextRecoveryStep(ladder, 0)).toEqual({ index: 0, step: ladder[0], positionAfterLaunch: 1 });
    expect(nextRecoveryStep(ladder, 2)).toEqual({ index: 2, step: ladder[2], positionAfterLaunch: 3 });
  });

  it('is exhausted past the end or on an empty ladder', () => {
    expect(nextRecoveryStep(ladder, 3)).toBeNull();
    expect(nextRecoveryStep(ladder, 9)).toBeNull();
    expect(nextRecoveryStep([], null)).toBeNull();
  });

  it('refuses a negative or fractional position', () => {
    expect(() => nextRecoveryStep(ladder, -1)).toThrow(AppError);
    expect(() => nextRecoveryStep(ladder, 1.5)).toThrow(AppError);
  });
});

describe('planRecovery: each configured type once, in order', () => {
  it('walks a whole chain: every type launched exactly once, then dependents', () => {
    const counts = { consumed_status: 4, added_files: 2, pending_files: 1 };
    const launched: RecoveryType[] = [];
    let position: number | null = null;
    for (;;) {
      const plan = planRecovery(ladder, position, counts);
      position = plan.position;
      if (plan.kind === 'exhausted') break;
      launched.push(plan.step.type);
    }
    expect(launched).toEqual(['consumed_status', 'added_files', 'pending_files']);
    expect(position).toBe(3);
  });

  it('launches the first entry with files, with its own param overrides', () => {
    expect(planRecovery(ladder, null, { consumed_status: 4, added_files: 0, pending_files: 0 })).toEqual({
      kind: 'launch',
      index: 0,
      step: ladder[0],
      count: 4,
      position: 1,
      skipped: [],
    });
  });

  it('skips types with zero files', () => {
    const plan = planRecovery(ladder, null, { consumed_status: 0, added_files: 0, pending_files: 7 });
    expect(plan).toMatchObject({ kind: 'launch', index: 2, count: 7, position: 3 });
    expect(plan.skipped).toEqual([
      { index: 0, type: 'consumed_status' },
      { index: 1, type: 'added_files' },
    ]);
  });

  it('exhausted when nothing has files: the caller launches dependents', () => {
    expect(planRecovery(ladder, 1, { added_files: 0, pending_files: 0 })).toEqual({
      kind: 'exhausted',
      position: 3,
      skipped: [
        { index: 1, type: 'added_files' },
        { index: 2, type: 'pending_files' },
      ],
    });
    expect(planRecovery([], null, {})).toEqual({ kind: 'exhausted', position: 0, skipped: [] });
    expect(planRecovery(ladder, 5, {})).toMatchObject({ kind: 'exhausted', position: 5 });
  });

  it('a failed count (null) launches anyway', () => {
    expect(planRecovery(ladder, null, { consumed_status: null })).toMatchObject({
      kind: 'launch',
      count: null,
    });
  });

  it('a missing count is a programming error, not a silent launch', () => {
    expect(() => planRecovery(ladder, null, { added_files: 3 })).toThrow(AppError);
  });
});

describe('walkRecoveryLadder', () => {
  it('counts lazily and stops at the first type with files', async () => {
    const asked: Array<[RecoveryType, number]> = [];
    const plan = await walkRecoveryLadder(ladder, null, async (type, index) => {
      asked.push([type, index]);
      return type === 'added_files' ? 3 : 0;
    });
    expect(asked).toEqual([
      ['consumed_status', 0],
      ['added_files', 1],
    ]);
    expect(plan).toMatchObject({ kind: 'launch', index: 1, count: 3, position: 2 });
  });

  it('continues from the stored position and ends exhausted', async () => {
    const plan = await walkRecoveryLadder(ladder, 2, async () => 0);
    expect(plan).toEqual({ kind: 'exhausted', position: 3, skipped: [{ index: 2, type: 'pending_files' }] });
  });

  it('launches when counting throws, and reports the error', async () => {
    const errors: unknown[] = [];
    const plan = await walkRecoveryLadder(
      ladder,
      null,
      async () => {
        throw new Error('SAM down');
      },
      (_type, e) => errors.push(e),
    );
    expect(plan).toMatchObject({ kind: 'launch', index: 0, count: null, position: 1 });
    expect(errors).toHaveLength(1);
  });
});

describe('recoveryBasis', () => {
  it('added_files compares the original; the others the submission just Located', () => {
    expect(recoveryBasis('added_files')).toBe('original');
    expect(recoveryBasis('consumed_status')).toBe('latest');
    expect(recoveryBasis('pending_files')).toBe('latest');
  });
});
