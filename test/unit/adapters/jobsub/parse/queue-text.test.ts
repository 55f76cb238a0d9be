import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatQueueRow,
  formatQueueText,
  parseQueueText,
  parseSubmitTime,
  QUEUE_HEADER,
  type QueueRow,
} from '../../../../../src/adapters/jobsub/parse/index.js';

const now = new Date('2025-04-02T12:00:00Z');
const row = (over: Partial<QueueRow> = {}): QueueRow => ({
  jobId: '5001.0@sim-schedd01.example',
  owner: 'samdevpro',
  submitted: new Date('2025-04-01T10:22:00Z'),
  runtimeSec: 3725,
  status: 'R',
  prio: 0,
  sizeMb: 12.3,
  command: 'sim_launch.sh',
  ...over,
});

describe('jobsub_q text', () => {
  it('header is verbatim', () => {
    expect(QUEUE_HEADER).toBe(
      'JOBSUBJOBID                             OWNER       \tSUBMITTED     RUNTIME   ST PRIO   SIZE  COMMAND',
    );
  });

  it('formats a row with the exact field widths', () => {
    expect(formatQueueRow(row({ args: 'a b c' }))).toBe(
      '5001.0@sim-schedd01.example             samdevpro \t04/01 10:22 0+01:02:05  R    0   12.3 sim_launch.sh a b c',
    );
    expect(
      formatQueueRow(row({ dagNode: 'WORKER_1', owner: '', prio: -10, sizeMb: 1234.56, runtimeSec: 90061 })),
    ).toBe(
      '5001.0@sim-schedd01.example              |-WORKER_1\t04/01 10:22 1+01:01:01  R  -10 1234.6 sim_launch.sh',
    );
    expect(formatQueueRow(row({ args: '0123456789012345678901234' })).endsWith(' 01234567890123456789')).toBe(
      true,
    );
  });

  it('applies the schedd time zone', () => {
    expect(formatQueueRow(row(), { utcOffsetMinutes: -300 })).toContain('\t04/01 05:22 ');
  });

  it('prints header, rows by submit time, and jobsub_totals trailer', () => {
    const rows = [
      row({ jobId: '5002.0@s', submitted: new Date('2025-04-01T11:00:00Z'), status: 'I' }),
      row({ jobId: '5001.1@s', status: 'H' }),
      row({ jobId: '5001.0@s', status: 'C' }),
      row({ jobId: '5003.0@s', submitted: new Date('2025-03-30T08:00:00Z'), status: 'E' }),
    ];
    const lines = formatQueueText(rows).split('\n');
    expect(lines[0]).toBe(QUEUE_HEADER);
    expect(lines.slice(1, 5).map((l) => l.slice(0, 8))).toEqual([
      '5003.0@s',
      '5001.0@s',
      '5001.1@s',
      '5002.0@s',
    ]);
    expect(lines.slice(5)).toEqual([
      '4 total; 1 completed, 0 removed, 1 idle, 0 running, 1 held, 0 suspended',
      '',
    ]);
  });

  it('an empty queue is header and zero totals', () => {
    expect(formatQueueText([])).toBe(
      `${QUEUE_HEADER}\n0 total; 0 completed, 0 removed, 0 idle, 0 running, 0 held, 0 suspended\n`,
    );
  });

  it('parses rows, DAG nodes and the totals line, skipping noise', () => {
    const text = [
      QUEUE_HEADER,
      'Warning: something from condor',
      formatQueueRow(row({ args: 'x' })),
      formatQueueRow(row({ jobId: '5001.1@s', owner: '', dagNode: 'SAM_START', status: 'C', prio: -5 })),
      '7 total; 1 completed, 2 removed, 1 idle, 1 running, 1 held, 1 suspended',
    ].join('\n');
    const { rows, totals } = parseQueueText(text, now);
    expect(rows).toEqual([
      { ...row(), command: 'sim_launch.sh x' },
      { ...row({ jobId: '5001.1@s', owner: '', status: 'C', prio: -5 }), dagNode: 'SAM_START' },
    ]);
    expect(totals).toEqual({
      total: 7,
      completed: 1,
      removed: 2,
      idle: 1,
      running: 1,
      held: 1,
      suspended: 1,
    });
  });

  it('counts totals from the rows when the trailer is missing', () => {
    const { totals } = parseQueueText(formatQueueRow(row()), now);
    expect(totals).toEqual({
      total: 1,
      completed: 0,
      removed: 0,
      idle: 0,
      running: 1,
      held: 0,
      suspended: 0,
    });
  });

  it('infers the latest year that is not in the future (one day of skew allowed)', () => {
    const jan = new Date('2025-01-05T00:00:00Z');
    expect(parseSubmitTime('12/31 23:00', jan)?.toISOString()).toBe('2024-12-31T23:00:00.000Z');
    expect(parseSubmitTime('01/04 10:00', jan)?.toISOString()).toBe('2025-01-04T10:00:00.000Z');
    expect(parseSubmitTime('01/05 12:00', jan)?.toISOString()).toBe('2025-01-05T12:00:00.000Z');
    expect(parseSubmitTime('01/07 00:00', jan)?.toISOString()).toBe('2024-01-07T00:00:00.000Z');
    expect(parseSubmitTime('02/29 10:00', jan)?.toISOString()).toBe('2024-02-29T10:00:00.000Z');
    expect(parseSubmitTime('02/30 10:00', jan)).toBeNull();
    expect(parseSubmitTime('01/04 10:00', jan, 60)?.toISOString()).toBe('2025-01-04T09:00:00.000Z');
  });

  it('format → parse round-trips', () => {
    // Ids stay under 40 characters: a longer one runs into the owner column, in jobsub_q as here.
    const arbRow = fc.record({
      jobId: fc
        .tuple(fc.nat(99_999_999), fc.nat(9999), fc.stringMatching(/^[a-z][a-z0-9.-]{0,20}$/))
        .map(([c, p, s]) => `${c}.${p}@${s}`),
      owner: fc.stringMatching(/^[a-z][a-z0-9_]{0,14}$/),
      submitted: fc.integer({ min: 0, max: 360 * 24 * 60 }).map((m) => new Date(now.getTime() - m * 60_000)),
      runtimeSec: fc.nat(100 * 86_400),
      status: fc.constantFrom('U', 'I', 'R', 'X', 'C', 'H', 'E', 'S' as const),
      prio: fc.integer({ min: -999, max: 999 }),
      sizeMb: fc.nat(99_999_999).map((n) => n / 10),
      command: fc.stringMatching(/^\S(?:[ -~]{0,40}\S)?$/),
    });
    fc.assert(
      fc.property(fc.array(arbRow, { maxLength: 8 }), fc.integer({ min: -720, max: 720 }), (rows, offset) => {
        const parsed = parseQueueText(formatQueueText(rows, undefined, { utcOffsetMinutes: offset }), now, {
          utcOffsetMinutes: offset,
        });
        const norm = (rs: QueueRow[]) =>
          rs
            .map((r) => ({ ...r, submitted: Math.floor(r.submitted.getTime() / 60_000) }))
            .sort((a, b) => a.submitted - b.submitted || (a.jobId < b.jobId ? -1 : 1));
        expect(norm(parsed.rows)).toEqual(norm(rows));
        expect(parsed.totals.total).toBe(rows.length);
      }),
    );
  });
});
