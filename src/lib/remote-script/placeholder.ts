/** Which variable each `%(key)s` refers to, e.g. { dataset: 'POMS_DATASET' }. */
export type SetupRefs = Readonly<Record<string, string>>;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** What stands at a `%` of a setup text, and the index just after it. */
export type Percent =
  { literal: '%'; next: number } | { placeholder: string; name: string; next: number } | { problem: string };

/**
 * Reads the `%` at `t[i]`: `%%` is a literal `%`, `%(key)s` names the variable `refs[key]`; anything
 * else (a stray `%`, an unclosed `%(`, another conversion, an unknown key) is a problem to report.
 */
export function readPercent(t: string, i: number, refs: SetupRefs): Percent {
  if (t[i + 1] === '%') return { literal: '%', next: i + 2 };
  if (t[i + 1] !== '(')
    return { problem: `stray '%' ('${t.slice(i, i + 2)}'): write %% for a literal %, %(key)s for a value` };
  const close = t.indexOf(')', i + 2);
  if (close < 0) return { problem: `unclosed '%('` };
  const key = t.slice(i + 2, close);
  if (t[close + 1] !== 's') return { problem: `only %(${key})s is supported after %(${key})` };
  if (!Object.hasOwn(refs, key)) {
    const known = Object.keys(refs).sort().join(', ');
    return { problem: `unknown key '${key}' in %(${key})s (known keys: ${known})` };
  }
  const name = refs[key];
  if (!NAME.test(name)) throw new RangeError(`bad variable name for %(${key})s: ${name}`);
  return { placeholder: `%(${key})s`, name, next: close + 2 };
}
