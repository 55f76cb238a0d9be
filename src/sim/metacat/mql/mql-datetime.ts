import { MqlSyntaxError } from './mql-ast.js';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** MetaCat's `datetime(…)`: an ISO 8601 subset, UTC unless a zone is written; epoch seconds. */
export function parseMqlDatetime(text: string, pos: number): number {
  const m = ISO.exec(text.trim());
  if (!m) throw new MqlSyntaxError(`Invalid datetime '${text}'`, pos);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', zone] = m;
  let ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, Number(`0.${frac}`) * 1000);
  if (zone && zone !== 'Z') {
    const z = /([+-])(\d{2}):?(\d{2})/.exec(zone)!;
    ms -= (z[1] === '-' ? -1 : 1) * (+z[2] * 60 + +z[3]) * 60_000;
  }
  return ms / 1000;
}
