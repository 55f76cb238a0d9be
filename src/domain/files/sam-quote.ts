// Quoting user values into SAM dimension strings, file-pattern selectors and lineage nesting.

import { invalid } from '../../lib/errors.js';

/**
 * A user value (project, version, definition name, LIKE pattern) as one SAM dims token.
 * SAM's dims parser takes 'single' or "double" quoted values and strips the outer quotes without
 * unescaping anything, so no escape sequence inside single quotes yields a literal quote. Rule:
 * single quotes; a value containing `'` (and no `"`) goes in double quotes instead. Refused (400):
 * empty values, both quote kinds, a backslash (it would escape the closing quote), control
 * characters, and non-ASCII (SAM rejects it).
 */
export function samQuote(value: string, field: string): string {
  const problem = quoteProblem(value);
  if (problem)
    throw invalid(`Cannot use "${value}" in a SAM query: ${problem}`, [{ field, message: problem }]);
  return value.includes("'") ? `"${value}"` : `'${value}'`;
}

function quoteProblem(value: string): string | null {
  if (value.length === 0) return 'empty value';
  if (value.includes("'") && value.includes('"')) return 'contains both kinds of quote';
  if (value.includes('\\')) return 'contains a backslash';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) return 'contains a control character';
    if (code > 0x7f) return 'contains a non-ASCII character';
  }
  return null;
}

/** `'a','b'` for a comma list of values. */
export const samQuoteList = (values: readonly string[], field: string): string =>
  values.map((v) => samQuote(v, field)).join(',');

/**
 * A dependency or output file pattern as a dims clause. A pattern containing a space is a RAW dims
 * fragment written by the user (e.g. `data_tier reco`): used verbatim, in parentheses so it cannot
 * change the precedence of the surrounding clauses. Otherwise it is a SQL LIKE pattern on the file
 * name. A blank pattern means every file (`%`).
 */
export function fileSelector(pattern: string, field = 'file_pattern'): string {
  const p = pattern.trim();
  if (p === '') return `file_name like '%'`;
  if (/\s/.test(p)) return `(${p})`;
  return `file_name like ${samQuote(p, field)}`;
}

/** `isparentof:( … )` / `ischildof:( … )` nested `depth` times (stage output_ancestor_depth). */
export function lineage(kind: 'isparentof' | 'ischildof', depth: number, inner: string): string {
  if (!Number.isInteger(depth) || depth < 1 || depth > 20) {
    throw invalid('output ancestor depth must be an integer from 1 to 20', [
      { field: 'output_ancestor_depth', message: `got ${depth}` },
    ]);
  }
  let dims = inner;
  for (let i = 0; i < depth; i++) dims = `${kind}:( ${dims} )`;
  return dims;
}
