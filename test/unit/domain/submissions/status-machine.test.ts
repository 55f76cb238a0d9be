import { describe, expect, it } from 'vitest';
import {
  ACTIVE_STATUSES,
  FINAL_STATUSES,
  SUBMISSION_STATUSES,
  decideTransition,
  isFinalStatus,
  parseSubmissionStatus,
  type StatusActor,
  type SubmissionStatus,
} from '../../../../src/domain/submissions/status-machine.js';
import { AppError } from '../../../../src/lib/errors.js';

// Expected outcome of every (current, requested, actor) triple, without recovery or pct.
// Cell: three characters for poller / system / person: the actor's letter = accepted (p, s, h),
// '.' = refused; '===' = unchanged (no history row). Columns follow COLUMNS.
const COLUMNS = 'New AwApp LFail Idle Run Held Compl Locat Fail Canc Remov';
const TABLE = `
(none)    .sh .sh ... ... ... ... ... ... ... ... ...
New       === .sh psh psh psh psh psh ... psh psh psh
AwApp     ... === ... ... ... ... ..h ... ... ... ..h
LFail     ... ... === psh psh psh psh ... psh psh psh
Idle      ... ... ... === psh psh psh ... psh psh psh
Run       ... ... ... psh === psh psh ... psh psh psh
Held      ... ... ... psh psh === psh ... psh psh psh
Compl     ... ... ... ... ... ... === .sh ..h psh psh
Locat     ... ... ... ... ... ... ... === ... ... ...
Fail      ... ... ... ... ... ... ..h ... === ..h ..h
Canc      ... ... ... ... ... ... ..h ... ..h === ..h
Remov     ... ... ... ... ... ... ..h ... ..h ..h ===
`;

const SHORT: Record<string, SubmissionStatus | null> = {
  '(none)': null,
  New: 'New',
  AwApp: 'Awaiting Approval',
  LFail: 'LaunchFailed',
  Idle: 'Idle',
  Run: 'Running',
  Held: 'Held',
  Compl: 'Completed',
  Locat: 'Located',
  Fail: 'Failed',
  Canc: 'Cancelled',
  Remov: 'Removed',
};
const ACTORS: StatusActor[] = ['poller', 'system', 'person'];

function expectedCases() {
  const columns = COLUMNS.split(' ').map((c) => SHORT[c] as SubmissionStatus);
  const cases: Array<{
    current: SubmissionStatus | null;
    requested: SubmissionStatus;
    actor: StatusActor;
    cell: string;
  }> = [];
  for (const line of TABLE.trim().split('\n')) {
    const [row, ...cells] = line.trim().split(/\s+/);
    expect(cells).toHaveLength(columns.length);
    cells.forEach((cell, i) => {
      ACTORS.forEach((actor, a) =>
        cases.push({ current: SHORT[row], requested: columns[i], actor, cell: cell[a] }),
      );
    });
  }
  return cases;
}

describe('status machine: full matrix', () => {
  const cases = expectedCases();

  it('covers every (current incl. none, requested, actor) triple', () => {
    expect(cases).toHaveLength((SUBMISSION_STATUSES.length + 1) * SUBMISSION_STATUSES.length * ACTORS.length);
  });

  it.each(cases)('$current → $requested by $actor', ({ current, requested, actor, cell }) => {
    const d = decideTransition({ current, requested, actor, isRecovery: false });
    if (cell === '=') expect(d).toMatchObject({ accept: false, code: 'unchanged' });
    else if (cell === '.') expect(d).toMatchObject({ accept: false, code: 'not_allowed' });
    else expect(d).toEqual({ accept: true, next: requested });
    if (!d.accept) expect(d.reason).not.toBe('');
  });
});

describe('status machine: status lists', () => {
  it('lists final and active statuses by name', () => {
    expect(FINAL_STATUSES).toEqual(['Located', 'Failed', 'Cancelled', 'Removed']);
    expect(ACTIVE_STATUSES).toEqual(['New', 'Idle', 'Running', 'Held']);
    expect(isFinalStatus('LaunchFailed')).toBe(false);
    expect(isFinalStatus('Completed')).toBe(false);
  });

  it('parses user input or answers a 400 naming the field', () => {
    expect(parseSubmissionStatus('Held')).toBe('Held');
    expect(() => parseSubmissionStatus('Approved')).toThrow(AppError);
    try {
      parseSubmissionStatus('Unknown', 'status');
    } catch (e) {
      expect((e as AppError).status).toBe(400);
      expect((e as AppError).details[0].field).toBe('status');
    }
  });
});

describe('status machine: rewrites', () => {
  it('Running with pct ≥ completion pct is Completed', () => {
    const base = {
      current: 'Running' as const,
      requested: 'Running',
      actor: 'poller' as const,
      isRecovery: false,
    };
    expect(decideTransition({ ...base, current: 'Idle', pctComplete: 95, completionPct: 95 })).toEqual({
      accept: true,
      next: 'Completed',
      rewrittenFrom: 'Running',
    });
    expect(decideTransition({ ...base, pctComplete: 96.5, completionPct: 95 })).toMatchObject({
      next: 'Completed',
    });
    expect(decideTransition({ ...base, pctComplete: 94.9, completionPct: 95 })).toMatchObject({
      code: 'unchanged',
    });
    expect(decideTransition({ ...base, pctComplete: null, completionPct: 95 })).toMatchObject({
      code: 'unchanged',
    });
    expect(decideTransition({ ...base, pctComplete: 100 })).toMatchObject({ code: 'unchanged' });
  });

  it('only Running is rewritten by pct (Held stays Held)', () => {
    const d = decideTransition({
      current: 'Running',
      requested: 'Held',
      actor: 'poller',
      isRecovery: false,
      pctComplete: 99,
      completionPct: 90,
    });
    expect(d).toEqual({ accept: true, next: 'Held' });
  });

  it('pct rewrite to Completed still obeys the final rule', () => {
    const d = decideTransition({
      current: 'Failed',
      requested: 'Running',
      actor: 'poller',
      isRecovery: false,
      pctComplete: 100,
      completionPct: 90,
    });
    expect(d).toMatchObject({ accept: false, code: 'not_allowed' });
  });

  it('a recovery reported Failed is Completed (poller and system), a person is honoured', () => {
    const req = { current: 'Running' as const, requested: 'Failed', isRecovery: true };
    expect(decideTransition({ ...req, actor: 'poller' })).toEqual({
      accept: true,
      next: 'Completed',
      rewrittenFrom: 'Failed',
    });
    expect(decideTransition({ ...req, actor: 'system' })).toMatchObject({ next: 'Completed' });
    expect(decideTransition({ ...req, actor: 'person' })).toEqual({ accept: true, next: 'Failed' });
    expect(decideTransition({ ...req, current: 'Completed', actor: 'poller' })).toMatchObject({
      code: 'unchanged',
    });
  });

  it('status names outside the list are refused with a reason, never thrown', () => {
    for (const name of ['Unknown', 'Unexpanded', 'Approved', 'running', '']) {
      for (const actor of ACTORS) {
        const d = decideTransition({ current: 'Running', requested: name, actor, isRecovery: false });
        expect(d).toMatchObject({ accept: false, code: 'unknown_status' });
        if (!d.accept) expect(d.reason).toContain(`"${name}"`);
      }
    }
  });
});

// poms-inventory §12 status_update_cases; "poms" = the poller, "a human" = a person.
describe('status machine: inventory status_update_cases', () => {
  const t = (current: SubmissionStatus, requested: string, actor: StatusActor = 'poller', extra = {}) =>
    decideTransition({ current, requested, actor, isRecovery: false, ...extra });

  it('{New, Idle => Idle}', () => expect(t('New', 'Idle')).toEqual({ accept: true, next: 'Idle' }));
  it('{Running, Running => no new row}', () =>
    expect(t('Running', 'Running')).toMatchObject({ code: 'unchanged' }));
  it('{Completed, Running => ignored}', () => {
    for (const a of ACTORS) expect(t('Completed', 'Running', a).accept).toBe(false);
  });
  it('{Completed, Failed => ignored} (poller, system)', () => {
    expect(t('Completed', 'Failed', 'poller').accept).toBe(false);
    expect(t('Completed', 'Failed', 'system').accept).toBe(false);
  });
  it('{Completed, Located => Located}', () =>
    expect(t('Completed', 'Located', 'system')).toMatchObject({ next: 'Located' }));
  it('{Completed, Removed => Removed}', () =>
    expect(t('Completed', 'Removed')).toMatchObject({ next: 'Removed' }));
  it('{Located, Running by poms => ignored}', () => expect(t('Located', 'Running').accept).toBe(false));
  it('{Located, Running by a human => Running}: deliberately refused, Located is terminal', () => {
    expect(t('Located', 'Running', 'person')).toMatchObject({ accept: false, code: 'not_allowed' });
  });
  it('{recovery submission, Failed => Completed}', () => {
    expect(t('Running', 'Failed', 'poller', { isRecovery: true })).toMatchObject({ next: 'Completed' });
  });
  it('{any, "Unknown" => ignored}', () => {
    for (const s of SUBMISSION_STATUSES) expect(t(s, 'Unknown')).toMatchObject({ code: 'unknown_status' });
  });
  it('{Running with pct_complete >= completion_pct => Completed}', () => {
    expect(t('Running', 'Running', 'poller', { pctComplete: 97, completionPct: 95 })).toMatchObject({
      next: 'Completed',
    });
  });
  it('LaunchFailed is not final: a slow launch may still report', () => {
    expect(t('LaunchFailed', 'Idle')).toMatchObject({ next: 'Idle' });
    expect(t('LaunchFailed', 'Running')).toMatchObject({ next: 'Running' });
  });
});
