/** A classad attribute value: string, integer/real, boolean, `undefined` (null) or an expression. */
export type ClassAdValue = string | number | boolean | null | { expr: string };
export type ClassAd = Record<string, ClassAdValue>;

/** How `condor_q -long` writes a value: strings quoted with `\` escapes. */
export function formatClassAdValue(v: ClassAdValue): string {
  if (v === null) return 'undefined';
  if (typeof v === 'string') return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  if (typeof v === 'object') return v.expr;
  return String(v);
}

const STRING = /^"((?:[^"\\]|\\.)*)"$/s;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export function parseClassAdValue(text: string): ClassAdValue {
  const s = STRING.exec(text);
  if (s) return s[1].replace(/\\(.)/gs, '$1');
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (lower === 'undefined') return null;
  if (NUMBER.test(text)) return Number(text);
  return { expr: text };
}
