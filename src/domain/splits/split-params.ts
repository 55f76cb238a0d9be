import type { SplitArgs } from './split-spec.js';

// Parameter readers shared by the split types. Each pushes readable messages onto `problems`
// (for the UI picker and for launch errors) and returns a usable placeholder value on failure.

const WHOLE = /^\d+$/;

/** A non-negative whole number written in decimal, or null. */
export function wholeNumber(text: string): number | null {
  if (!WHOLE.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

/** For types that take no parameters: `draining`, `draining()`. */
export function noParams(syntax: string, args: SplitArgs, problems: string[]): void {
  const given = [...args.positional, ...args.named.map(([k, v]) => `${k}=${v}`)];
  if (given.length > 0) problems.push(`${syntax} takes no parameters, got '${given.join(',')}'`);
}

/** The single count of mod(n), nfiles(n)…: written `type(3)` or `type(n=3)`; a whole number ≥ 1. */
export function countParam(type: string, args: SplitArgs, problems: string[]): number {
  const syntax = `${type}(n)`;
  const unknown = args.named.filter(([k]) => k !== 'n');
  if (unknown.length > 0) {
    problems.push(`${syntax}: unknown parameter '${unknown[0][0]}' (the only parameter is n)`);
    return 1;
  }
  const values = [...args.positional, ...args.named.map(([, v]) => v)];
  if (values.length === 0) {
    problems.push(`${syntax}: n is required, e.g. ${type}(3)`);
    return 1;
  }
  if (values.length > 1) {
    problems.push(`${syntax} takes one parameter n, got ${values.length}: '${values.join(',')}'`);
    return 1;
  }
  const n = wholeNumber(values[0]);
  if (n === null || n < 1) {
    problems.push(`${syntax}: n must be a whole number ≥ 1, got '${values[0]}'`);
    return 1;
  }
  return n;
}

/** `key=value` parameters restricted to `allowed`, each at most once. */
export function keyedParams(
  type: string,
  args: SplitArgs,
  allowed: readonly string[],
  problems: string[],
): Map<string, string> {
  const list = allowed.map((k) => `${k}=`).join(', ');
  if (args.positional.length > 0) {
    problems.push(`${type}: parameters are written key=value (${list}), got '${args.positional.join(',')}'`);
  }
  const out = new Map<string, string>();
  for (const [k, v] of args.named) {
    if (!allowed.includes(k)) problems.push(`${type}: unknown parameter '${k}' (known: ${list})`);
    else if (out.has(k)) problems.push(`${type}: parameter '${k}' is given twice`);
    else out.set(k, v);
  }
  return out;
}

const DURATION = /^(\d+(?:\.\d*)?|\.\d+)([wdhms]?)$/;
const UNIT: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1, '': 1 };

/** Seconds from `90`, `1.5d`, `6h`, `2w` (suffixes w/d/h/m/s as in the original), or null. */
export function seconds(text: string): number | null {
  const m = DURATION.exec(text);
  return m ? Number(m[1]) * UNIT[m[2]] : null;
}
