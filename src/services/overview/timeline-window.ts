// The time window of the time bars: defaults from the campaign's activity, and the windows the zoom
// and pan links lead to. Times are Dates; a window is never shorter than MIN_SPAN_MS.

export interface TimeWindow {
  tmin: Date;
  tmax: Date;
}

export const MIN_SPAN_MS = 60_000;
const DAY_MS = 24 * 3_600_000;

export interface Activity {
  first: Date | null;
  last: Date | null;
  /** Submissions whose bar still runs to now. */
  open: number;
}

/** The default window is at most this long: the page shows recent activity; zoom out for more. */
export const MAX_DEFAULT_SPAN_MS = 7 * DAY_MS;

/**
 * The activity with a 3 % margin (at least MIN_SPAN_MS), to now while anything is still going; a
 * day when empty. Activity longer than MAX_DEFAULT_SPAN_MS shows its last week only, so a busy
 * campaign's page reads what it draws, not its whole history.
 */
export function defaultWindow(a: Activity, now: Date): TimeWindow {
  if (!a.first) return { tmin: new Date(now.getTime() - DAY_MS), tmax: now };
  const end = a.open > 0 || !a.last ? now.getTime() : new Date(a.last).getTime();
  const first = Math.max(new Date(a.first).getTime(), end - MAX_DEFAULT_SPAN_MS / 1.06);
  const span = Math.max(MIN_SPAN_MS, (end - first) * 1.06);
  const centre = (first + end) / 2;
  return { tmin: new Date(centre - span / 2), tmax: new Date(centre + span / 2) };
}

/** The window asked for, completed from the default; an impossible one (tmax ≤ tmin) is the default. */
export function resolveWindow(asked: { tmin?: Date; tmax?: Date }, fallback: TimeWindow): TimeWindow {
  const span = fallback.tmax.getTime() - fallback.tmin.getTime();
  let tmin = asked.tmin?.getTime();
  let tmax = asked.tmax?.getTime();
  if (tmin === undefined && tmax === undefined) return fallback;
  tmin ??= tmax! - span;
  tmax ??= Math.max(fallback.tmax.getTime(), tmin + MIN_SPAN_MS);
  if (tmax <= tmin) return fallback;
  if (tmax - tmin < MIN_SPAN_MS) tmax = tmin + MIN_SPAN_MS;
  return { tmin: new Date(tmin), tmax: new Date(tmax) };
}

const shift = (w: TimeWindow, startMs: number, spanMs: number): TimeWindow => {
  const span = Math.max(MIN_SPAN_MS, spanMs);
  return { tmin: new Date(startMs), tmax: new Date(startMs + span) };
};

/** Zoom in (half the span) or out (double) around the centre; pan by half the span. */
export function navigation(w: TimeWindow) {
  const a = w.tmin.getTime();
  const span = w.tmax.getTime() - a;
  const centre = a + span / 2;
  return {
    zoom_in: shift(w, centre - span / 4, span / 2),
    zoom_out: shift(w, centre - span, span * 2),
    earlier: shift(w, a - span / 2, span),
    later: shift(w, a + span / 2, span),
  };
}
