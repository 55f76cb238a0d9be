import { describe, expect, it } from 'vitest';
import {
  ddFileAccounting,
  ddRecoveryOf,
  handleTotals,
  isLocated,
  locatedInputs,
  recoverySelection,
  type HandleView,
} from '../../../../src/domain/files/dd-rules.js';
import { RECOVERY_TYPES } from '../../../../src/domain/recovery/recovery-types.js';

const h = (name: string, state: HandleView['state']): HandleView => ({ namespace: 'dune', name, state });
const handles = [h('a', 'done'), h('b', 'done'), h('c', 'failed'), h('d', 'reserved'), h('e', 'initial')];

describe('Data Dispatcher rules', () => {
  it('counts located inputs as the done handles less the outputs without a replica, once the project ended', () => {
    expect(locatedInputs({ projectEnded: true, done: 18, expected: 18, replicated: 18 })).toBe(18);
    expect(locatedInputs({ projectEnded: true, done: 18, expected: 18, replicated: 15 })).toBe(15);
    expect(locatedInputs({ projectEnded: true, done: 2, expected: 9, replicated: 0 })).toBe(0);
    expect(locatedInputs({ projectEnded: false, done: 18, expected: 18, replicated: 18 })).toBe(0);
  });

  it('never counts more located inputs than Located itself would allow', () => {
    const x = { projectEnded: true, done: 5, expected: 5, replicated: 4 };
    expect(isLocated(x)).toBe(false);
    expect(locatedInputs(x)).toBeLessThan(x.done);
  });

  it('maps every POMS recovery type to a DD state selection, provenance, or the input query', () => {
    const mapped = Object.fromEntries(RECOVERY_TYPES.map((t) => [t, ddRecoveryOf(t)]));
    expect(mapped).toEqual({
      consumed_status: 'state_not_done',
      process_status: 'state_failed',
      added_files: 'added_files',
      delivered_not_consumed: 'state_not_done',
      pending_files: 'reprocess_orphans',
    });
    expect(recoverySelection('state_not_done', handles)).toEqual(['dune:c', 'dune:d', 'dune:e']);
    expect(recoverySelection('state_failed', handles)).toEqual(['dune:c']);
  });

  it('reports the handles as file numbers whose identities hold', () => {
    expect(handleTotals(handles)).toEqual({
      submitted: 5,
      consumed: 2,
      failed: 1,
      stillDelivered: 1,
      unknown: 1,
    });
    const a = ddFileAccounting(handles, { projectEnded: false, done: 2, expected: 2, replicated: 1 });
    expect(a.submitted).toBe(a.delivered + a.unknown);
    expect(a.delivered).toBe(a.consumed + a.failed + a.skipped + a.cancelled + a.stillDelivered);
    expect(a).toMatchObject({ outputsDeclared: 2, outputsLocated: 1, pending: 5, incomplete: false });
    const ended = ddFileAccounting(handles.slice(0, 3), {
      projectEnded: true,
      done: 2,
      expected: 2,
      replicated: 2,
    });
    expect(ended.pending).toBe(1);
  });
});
