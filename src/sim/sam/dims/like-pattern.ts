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

/** True when `value` matches any of the list (a missing value matches nothing). */
export function matchesAny(values: DimsMatch[], value: string | undefined): boolean {
  if (value === undefined) return false;
  return values.some((m) => (m.like ? likeToRegExp(m.value).test(value) : m.value === value));
}
