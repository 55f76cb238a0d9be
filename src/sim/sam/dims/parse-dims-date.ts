import type { DimsDate } from './dims-ast.js';

const DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses the date literals POMS sends: 'YYYY-MM-DDTHH:MM:SS+HHMM' (strftime %z, possibly empty),
 * 'YYYY-MM-DD HH:MM:SS' and 'YYYY-MM-DD'. No offset means UTC. Returns null when not a valid date.
 */
export function parseDimsDate(text: string): DimsDate | null {
  const m = DATE.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  const parts = [y, mo, d, h, mi, s].map(Number);
  const local = Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]);
  const back = new Date(local);
  if (back.getUTCMonth() !== parts[1] - 1 || back.getUTCDate() !== parts[2] || parts[3] > 23) return null;
  if (parts[4] > 59 || parts[5] > 59) return null;
  const ms = Math.floor(Number(`0.${frac}`) * 1000);
  return { epochMs: local + ms - offsetMinutes(zone) * 60_000, dateOnly: m[4] === undefined };
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits[0] === '-' ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}
