import { shellQuote } from '../shell-quote.js';

// The one place where values meet shell. A remote script (launch, and what site profiles add) is
// trusted shell text — POMS's own lines, the site profile written by administrators, the login setup
// written by those allowed to edit it — plus values (dataset, version, names, credentials paths…),
// which enter the text only as `export NAME='value'` lines written by exportLines: a name checked
// against [A-Za-z_][A-Za-z0-9_]*, a value single-quoted by shellQuote (bytes kept as they are, `'`
// written as '\'', NUL refused; 0x27 is never part of a multibyte character in UTF-8, GBK, Big5 or
// Shift-JIS, so the quoting holds in any locale the launch host may use). Shell text refers to
// values as "${NAME}" (setup-template.ts renders `%(key)s` that way); it never contains them.

/** A part of the script: trusted shell lines, or variables to export at that point. */
export type ScriptSection =
  | { title: string; lines: readonly string[] }
  | { title: string; env: ReadonlyArray<readonly [string, string]> };

export interface RemoteScriptSpec {
  /** POMS's own first lines (markers), run before anything else. */
  start?: readonly string[];
  /** In order; empty sections are left out. */
  sections: readonly ScriptSection[];
  /** POMS's own last lines. */
  end?: readonly string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `export NAME='value'` per variable; throws RangeError on a bad name (callers check names first). */
export function exportLines(env: ReadonlyArray<readonly [string, string]>): string[] {
  return env.map(([name, value]) => {
    if (!NAME.test(name)) throw new RangeError(`bad environment variable name: ${JSON.stringify(name)}`);
    return `export ${name}=${shellQuote(value)}`;
  });
}

/**
 * The script as one `{ … }` group: bash reads all of it before anything runs, so a command that reads
 * stdin cannot swallow the rest of the script (stdin is then the null device, stderr joins stdout).
 */
export function buildRemoteScript(spec: RemoteScriptSpec): string {
  const body = spec.sections.flatMap((s) => {
    const lines = 'env' in s ? exportLines(s.env) : s.lines.filter((l) => l !== '');
    return lines.length ? [`# ${s.title}`, ...lines] : [];
  });
  return ['{', 'exec 2>&1 </dev/null', ...(spec.start ?? []), ...body, ...(spec.end ?? []), '}', ''].join(
    '\n',
  );
}
