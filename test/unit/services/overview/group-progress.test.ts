import { describe, expect, it } from 'vitest';
import { accountingOf, filesOf } from '../../../../src/services/overview/group-progress.js';

const row = (done: number, uncounted: number) => ({
  group_id: 1,
  files_submitted: 40,
  files_consumed: 40,
  files_done: done,
  uncounted,
  submissions: 2,
  running: 0,
  held: 0,
  failed: 0,
  completed: 0,
  located: 2,
  done_recent: 0,
  first_created: null,
  last_change: null,
});

describe('overview progress', () => {
  it('says 100 % only when every submission is counted', () => {
    expect(filesOf(accountingOf(row(40, 0)), 0).pct).toBe(100);
    const withUncounted = filesOf(accountingOf(row(40, 1)), 1);
    expect(withUncounted.pct).toBe(99.9);
    expect(withUncounted.uncounted).toBe(1);
    expect(filesOf(accountingOf(row(20, 1)), 1).pct).toBe(50);
  });
});
