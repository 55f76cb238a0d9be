import { parseRuntime, parseSubmitTime } from './condor-time.js';
import type { JobStatusLetter, QueueRow, QueueTextOptions, QueueTotals } from './queue-types.js';
import { queueTotals } from './format-queue-text.js';

export const QUEUE_ROW =
  /^(\S+@\S+)\s+(\S+|\|-\S+)\s+(\d\d\/\d\d \d\d:\d\d)\s+(\d+\+\d\d:\d\d:\d\d)\s+([UIRXCHES])\s+(-?\d+)\s+([\d.]+)\s+(.*)$/;
export const QUEUE_TOTALS =
  /^(\d+) total; (\d+) completed, (\d+) removed, (\d+) idle, (\d+) running, (\d+) held, (\d+) suspended/;

/**
 * Parses jobsub_q default output. Lines that are neither rows nor the totals (header, noise) are
 * skipped. `now` picks the year of submit times. Without a totals line the totals are counted
 * from the rows.
 */
export function parseQueueText(
  text: string,
  now: Date,
  opts: QueueTextOptions = {},
): { rows: QueueRow[]; totals: QueueTotals } {
  const rows: QueueRow[] = [];
  let totals: QueueTotals | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const t = QUEUE_TOTALS.exec(line);
    if (t) totals = totalsFrom(t.slice(1).map(Number));
    const row = t ? null : parseQueueRow(line, now, opts);
    if (row) rows.push(row);
  }
  return { rows, totals: totals ?? queueTotals(rows) };
}

export function parseQueueRow(line: string, now: Date, opts: QueueTextOptions = {}): QueueRow | null {
  const m = QUEUE_ROW.exec(line);
  if (!m) return null;
  const submitted = parseSubmitTime(m[3], now, opts.utcOffsetMinutes);
  const runtimeSec = parseRuntime(m[4]);
  if (!submitted || runtimeSec === null) return null;
  const dag = m[2].startsWith('|-');
  return {
    jobId: m[1],
    owner: dag ? '' : m[2],
    ...(dag ? { dagNode: m[2].slice(2) } : {}),
    submitted,
    runtimeSec,
    status: m[5] as JobStatusLetter,
    prio: Number(m[6]),
    sizeMb: Number(m[7]),
    command: m[8].trimEnd(),
  };
}

function totalsFrom([total, completed, removed, idle, running, held, suspended]: number[]): QueueTotals {
  return { total, completed, removed, idle, running, held, suspended };
}
