import type { DimsMatch } from './dims-ast.js';

const cache = new Map<string, RegExp>();

/** SQL LIKE: `%` any run, `_` one character, backslash makes the next character literal. */
export function likeToRegExp(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (re) return re;
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) src += escape(pattern[++i]);
    else if (ch === '%') src += '.*';
    else if (ch === '_') src += '.';
    else src += escape(ch);
  }
  re = new RegExp(`^${src}$`, 's');
  cache.set(pattern, re);
  return re;
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

type Matcher = (value: string) => boolean;
const matchers = new WeakMap<DimsMatch[], Matcher>();

/** True when `value` matches any of the list (a missing value matches nothing). */
export function matchesAny(values: DimsMatch[], value: string | undefined): boolean {
  if (value === undefined) return false;
  let m = matchers.get(values);
  if (!m) matchers.set(values, (m = matcherOf(values)));
  return m(value);
}

/**
 * One test for a whole list (queries test it on every candidate file): exact values by a set,
 * `prefix%` by startsWith, any other pattern by its regular expression.
 */
function matcherOf(values: DimsMatch[]): Matcher {
  const exact = new Set(values.filter((m) => !m.like).map((m) => m.value));
  const prefixes: string[] = [];
  const patterns: RegExp[] = [];
  for (const m of values.filter((v) => v.like)) {
    const body = m.value.slice(0, -1);
    if (m.value.endsWith('%') && !/[%_\\]/.test(body)) prefixes.push(body);
    else patterns.push(likeToRegExp(m.value));
  }
  return (v) => exact.has(v) || prefixes.some((p) => v.startsWith(p)) || patterns.some((re) => re.test(v));
}
