import { formatRuntime, formatSubmitTime } from './condor-time.js';
import type { QueueRow, QueueTextOptions, QueueTotals } from './queue-types.js';

/** jobsub_q's header line, verbatim (its owner column is wider than the rows'). */
export const QUEUE_HEADER =
  'JOBSUBJOBID                             OWNER       \tSUBMITTED     RUNTIME   ST PRIO   SIZE  COMMAND';

/**
 * One row as jobsub_q's condor -format list prints it:
 * `%-40s` id, `%-10s\t` owner, `%-11s ` submitted, `%T ` runtime, ` %s ` status, ` %3d ` prio,
 * `%6.1f ` size, `%s` command, ` %-.20s` args.
 */
export function formatQueueRow(row: QueueRow, opts: QueueTextOptions = {}): string {
  const owner = row.dagNode === undefined ? row.owner : ` |-${row.dagNode}`;
  const args = row.args ? ` ${row.args.slice(0, 20)}` : '';
  return (
    `${row.jobId.padEnd(40)}${owner.padEnd(10)}\t` +
    `${formatSubmitTime(row.submitted, opts.utcOffsetMinutes).padEnd(11)} ` +
    `${formatRuntime(row.runtimeSec)} ` +
    ` ${row.status} ` +
    ` ${String(Math.trunc(row.prio)).padStart(3)} ` +
    `${row.sizeMb.toFixed(1).padStart(6)} ` +
    `${row.command}${args}`
  );
}

/** jobsub_totals' trailer line. */
export function formatQueueTotals(t: QueueTotals): string {
  return (
    `${t.total} total; ${t.completed} completed, ${t.removed} removed, ${t.idle} idle, ` +
    `${t.running} running, ${t.held} held, ${t.suspended} suspended`
  );
}

/** Counts as jobsub_totals does: every row, and per status letter (U and E only in the total). */
export function queueTotals(rows: QueueRow[]): QueueTotals {
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return {
    total: rows.length,
    completed: count('C'),
    removed: count('X'),
    idle: count('I'),
    running: count('R'),
    held: count('H'),
    suspended: count('S'),
  };
}

/**
 * Full jobsub_q default output: header, rows ordered by submit time as `sort -k 3,4` intends
 * (ties by the whole line), totals. Every line ends with a newline.
 */
export function formatQueueText(
  rows: QueueRow[],
  totals: QueueTotals = queueTotals(rows),
  opts: QueueTextOptions = {},
): string {
  const lines = rows
    .map((r) => ({
      key: formatSubmitTime(r.submitted, opts.utcOffsetMinutes),
      line: formatQueueRow(r, opts),
    }))
    .sort((a, b) => cmp(a.key, b.key) || cmp(a.line, b.line))
    .map((r) => r.line);
  return [QUEUE_HEADER, ...lines, formatQueueTotals(totals)].map((l) => `${l}\n`).join('');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
