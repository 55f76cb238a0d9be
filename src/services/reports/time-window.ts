// The time window of list and report pages, as the original's handle_dates: tmin, tmax (UTC,
// `YYYY-MM-DD[ HH:MM[:SS]]` or ISO) and tdays. Both ends given ⇒ tdays is their difference;
// tmin + tdays ⇒ tmax = tmin + tdays; no tmax ⇒ now; no tdays ⇒ 7 (the original: 1); no tmin ⇒
// tmax − tdays. The window is [from, to).

import { invalid } from '../../lib/errors.js';

export interface TimeWindowInput {
  tmin?: string;
  tmax?: string;
  tdays?: string | number;
}

export interface TimeWindow {
  from: Date;
  to: Date;
  days: number;
  /** "7.0 days ending 2026-01-02 10:00:00 UTC" */
  label: string;
  /** Query values of the windows just before and after this one (same length). */
  prev: { tmax: string; tdays: string };
  next: { tmax: string; tdays: string };
  /** This window as query values, to carry into links (pagination, sorting). */
  query: { tmax: string; tdays: string };
}

export const DEFAULT_DAYS = 7;
/** Longest window: a hundred years covers any campaign. */
export const MAX_DAYS = 36_500;
const DAY_MS = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|\+00:?00| UTC)?$/i;

/** A UTC date from the accepted forms; anything else is a 400 naming the field. */
export function parseWindowDate(text: string, field: string): Date {
  const m = DATE.exec(text.trim());
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0))) : null;
  // Date.UTC rolls 2025-02-31 over to March: refuse dates that do not read back the same.
  if (!d || Number.isNaN(d.getTime()) || d.getUTCDate() !== +m![3] || d.getUTCMonth() !== +m![2] - 1)
    throw invalid(`${field} must be a UTC date like 2025-04-01 or 2025-04-01 10:22:03`, [
      { field, message: `got "${text.slice(0, 40)}"` },
    ]);
  return d;
}

/** `YYYY-MM-DD HH:MM:SS`, the form the links carry. */
export const windowDate = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);

function parseDays(v: string | number): number {
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isFinite(n) || n <= 0 || n > MAX_DAYS)
    throw invalid(`tdays must be a number of days above 0 and at most ${MAX_DAYS}`, [
      { field: 'tdays', message: `got "${String(v).slice(0, 20)}"` },
    ]);
  return n;
}

export function timeWindow(input: TimeWindowInput, now: Date): TimeWindow {
  const given = (s: string | undefined) => (s !== undefined && s.trim() !== '' ? s : undefined);
  const tmin = given(input.tmin) && parseWindowDate(input.tmin!, 'tmin');
  const tmaxIn = given(input.tmax) && parseWindowDate(input.tmax!, 'tmax');
  const tdaysIn =
    input.tdays !== undefined && String(input.tdays).trim() !== '' ? parseDays(input.tdays) : undefined;
  let from: Date;
  let to: Date;
  if (tmin && tmaxIn) [from, to] = [tmin, tmaxIn];
  else if (tmin && tdaysIn !== undefined) [from, to] = [tmin, new Date(tmin.getTime() + tdaysIn * DAY_MS)];
  else if (tmin) [from, to] = [tmin, now];
  else {
    to = tmaxIn || now;
    from = new Date(to.getTime() - (tdaysIn ?? DEFAULT_DAYS) * DAY_MS);
  }
  if (from.getTime() >= to.getTime())
    throw invalid('the window must start before it ends', [{ field: 'tmin', message: 'not before tmax' }]);
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  if (days > MAX_DAYS) parseDays(days);
  const tdays = String(Math.round(days * 1e6) / 1e6);
  return {
    from,
    to,
    days,
    label: `${days.toFixed(1)} days ending ${windowDate(to)} UTC`,
    prev: { tmax: windowDate(from), tdays },
    next: { tmax: windowDate(new Date(to.getTime() + days * DAY_MS)), tdays },
    query: { tmax: windowDate(to), tdays },
  };
}
