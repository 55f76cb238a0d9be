// Time to completion from recent throughput: files done per hour over the last N hours.

export interface ThroughputInput {
  /** Files done by submissions that became Located inside the window. */
  doneRecent: number;
  /** Counted files not done yet. */
  remaining: number;
  /** Submissions not finished yet (New … Completed): their files may still appear or be located. */
  unsettled: number;
  submissions: number;
  /** Counted input files, and submissions Located: with nothing counted, done means all Located. */
  submitted: number;
  located: number;
  firstCreated: Date | null;
  /** Start of the window (now − N hours) and its end. */
  since: Date;
  now: Date;
}

export interface Throughput {
  /** Hours the rate is measured over: the window, or less when the work started inside it. */
  window_hours: number;
  /** null = nothing was located in the window. */
  files_per_hour: number | null;
  /** done: nothing left; estimated: eta_hours is set; unknown: no throughput, or nothing started. */
  eta: 'done' | 'estimated' | 'unknown';
  eta_hours: number | null;
  eta_text: string;
}

const MIN_WINDOW_MS = 60_000;

/** "12 min", "3.5 h", "4.2 days". */
export function formatHours(h: number): string {
  if (h < 1) return `${Math.max(1, Math.round(h * 60))} min`;
  if (h < 48) return `${Math.round(h * 10) / 10} h`;
  return `${Math.round((h / 24) * 10) / 10} days`;
}

export function throughput(i: ThroughputInput): Throughput {
  const start = Math.max(
    i.since.getTime(),
    i.firstCreated ? new Date(i.firstCreated).getTime() : i.since.getTime(),
  );
  const windowMs = Math.max(MIN_WINDOW_MS, i.now.getTime() - start);
  const window_hours = Math.round((windowMs / 3_600_000) * 1000) / 1000;
  const rate = i.doneRecent > 0 ? i.doneRecent / (windowMs / 3_600_000) : null;
  const files_per_hour = rate === null ? null : Math.round(rate * 10) / 10;
  const out = (eta: Throughput['eta'], hours: number | null, text: string): Throughput => ({
    window_hours,
    files_per_hour,
    eta,
    eta_hours: hours,
    eta_text: text,
  });
  if (i.submissions === 0) return out('unknown', null, 'not started');
  const settled = i.unsettled === 0 && (i.submitted > 0 || i.located === i.submissions);
  if (i.remaining === 0 && settled) return out('done', 0, 'done');
  if (rate === null) return out('unknown', null, 'unknown');
  if (i.remaining === 0) return out('unknown', null, 'unknown');
  const hours = i.remaining / rate;
  return out('estimated', Math.round(hours * 100) / 100, `≈ ${formatHours(hours)}`);
}
