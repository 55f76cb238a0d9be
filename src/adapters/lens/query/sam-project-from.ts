import type { LensEntry } from './lens-entry.js';

/** `[launch_commands] projre` of POMS, in order; the first match's group 1 names the project. */
export const PROJECT_PATTERNS: readonly RegExp[] = [
  /-e SAM_PROJECT=([^ ]*)/,
  /-e SAM_PROJECT_NAME=([^ ]*)/,
  /--sam_project[ =]([^ ]*)/,
  /--project_name[ =]([^ ]*)/,
  /--project-name[ =]([^ ]*)/,
  /--project[ =]([^ ]*)/,
];

const ARG_PATTERNS: readonly RegExp[] = [
  /--sam_project(?:=|\s+)(\S+)/,
  /--project_name(?:=|\s+)(\S+)/,
  /--project-name(?:=|\s+)(\S+)/,
];

/** One layer of matching quotes removed: our own commands quote every value. */
function unquote(s: string): string {
  return /^(['"]).*\1$/s.test(s) ? s.slice(1, -1) : s;
}

function firstMatch(text: string, patterns: readonly RegExp[]): string | null {
  for (const re of patterns) {
    const value = unquote(re.exec(text)?.[1] ?? '');
    if (value) return value;
  }
  return null;
}

/** SAM project from the command line POMS registered (projre); empty captures are skipped. */
export function projectFromCommand(commandLine: string): string | null {
  return firstMatch(commandLine, PROJECT_PATTERNS);
}

/** SAM project of a Lens entry: `--sam_project`/`--project_name`/`--project-name` in args, else env. */
export function samProjectFrom(entry: Pick<LensEntry, 'env'> & { args?: string | null }): string | null {
  const fromArgs = entry.args ? firstMatch(entry.args, ARG_PATTERNS) : null;
  return fromArgs || entry.env.SAM_PROJECT_NAME || entry.env.SAM_PROJECT || null;
}
