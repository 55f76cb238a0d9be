// Time fields of jobsub_q's default format: QDate as `MM/DD HH:MM` (schedd local time, no year)
// and run time as condor's `%T`, `D+HH:MM:SS`.

const MINUTE_MS = 60_000;
/** A submit time this far past `now` is clock skew, not last year. */
const SKEW_MS = 86_400_000;

const pad2 = (n: number) => String(n).padStart(2, '0');

export function formatSubmitTime(d: Date, utcOffsetMinutes = 0): string {
  const l = new Date(d.getTime() + utcOffsetMinutes * MINUTE_MS);
  return `${pad2(l.getUTCMonth() + 1)}/${pad2(l.getUTCDate())} ${pad2(l.getUTCHours())}:${pad2(l.getUTCMinutes())}`;
}

/**
 * `MM/DD HH:MM` → Date, in the latest year for which it is not in the future (allowing one day of
 * clock skew), as jobsub_lite does. Null when no such date exists in the last 8 years.
 */
export function parseSubmitTime(text: string, now: Date, utcOffsetMinutes = 0): Date | null {
  const m = /^(\d\d)\/(\d\d) (\d\d):(\d\d)$/.exec(text);
  if (!m) return null;
  const [mo, d, h, mi] = m.slice(1).map(Number);
  if (h > 23 || mi > 59) return null;
  for (let y = new Date(now.getTime() + SKEW_MS).getUTCFullYear(); y > now.getUTCFullYear() - 8; y--) {
    const local = Date.UTC(y, mo - 1, d, h, mi);
    if (new Date(local).getUTCMonth() !== mo - 1) continue;
    const t = local - utcOffsetMinutes * MINUTE_MS;
    if (t <= now.getTime() + SKEW_MS) return new Date(t);
  }
  return null;
}

export function formatRuntime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  return `${days}+${pad2(Math.floor(s / 3600) % 24)}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
}

export function parseRuntime(text: string): number | null {
  const m = /^(\d+)\+(\d\d):(\d\d):(\d\d)$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 86_400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4]);
}
