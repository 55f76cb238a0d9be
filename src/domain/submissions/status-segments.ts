import type { SubmissionStatus } from './status-machine.js';

export interface StatusSegment {
  status: SubmissionStatus;
  start: Date;
  end: Date;
}

/**
 * A submission's bar cut into the statuses it went through: each history entry (oldest first) lasts
 * until the next one, the last until `end` (its outcome, or now). Entries before `start` begin at
 * it; a status repeated in a row extends one segment; empty segments are dropped.
 */
export function statusSegments(
  history: ReadonlyArray<{ status: SubmissionStatus; at: Date | string }>,
  start: Date | string,
  end: Date | string,
): StatusSegment[] {
  const s0 = new Date(start).getTime();
  const e0 = Math.max(s0, new Date(end).getTime());
  const out: StatusSegment[] = [];
  history.forEach((h, i) => {
    const from = Math.min(e0, Math.max(s0, new Date(h.at).getTime()));
    const next = history[i + 1];
    const to = next ? Math.min(e0, Math.max(from, new Date(next.at).getTime())) : e0;
    const last = out[out.length - 1];
    if (last && last.status === h.status) last.end = new Date(to);
    else if (to > from || (!next && out.length === 0))
      out.push({ status: h.status, start: new Date(from), end: new Date(to) });
  });
  return out;
}
