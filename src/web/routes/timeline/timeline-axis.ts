// Time axis of the time bars: tick positions (percent of the width) at round UTC times.

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const STEPS = [
  SEC,
  5 * SEC,
  10 * SEC,
  30 * SEC,
  MIN,
  5 * MIN,
  15 * MIN,
  30 * MIN,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  90 * DAY,
  365 * DAY,
];

export interface Tick {
  pct: number;
  label: string;
  at: Date;
}

function label(t: Date, step: number, span: number): string {
  const iso = t.toISOString();
  if (step >= DAY) return span > 300 * DAY ? iso.slice(0, 10) : iso.slice(5, 10);
  if (span > DAY) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  return step < MIN ? iso.slice(11, 19) : iso.slice(11, 16);
}

/** At most `most` ticks at a round step (1 s … 1 year) inside [tmin, tmax]. */
export function axisTicks(tmin: Date, tmax: Date, most = 6): Tick[] {
  const a = tmin.getTime();
  const span = tmax.getTime() - a;
  const step = STEPS.find((s) => span / s <= most) ?? Math.ceil(span / most);
  const ticks: Tick[] = [];
  for (let t = Math.ceil(a / step) * step; t <= a + span; t += step) {
    ticks.push({
      pct: Math.round(((t - a) / span) * 10000) / 100,
      label: label(new Date(t), step, span),
      at: new Date(t),
    });
  }
  return ticks;
}
