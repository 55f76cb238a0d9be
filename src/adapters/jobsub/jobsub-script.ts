import {
  buildRemoteScript,
  CommandValues,
  renderSetup,
  SETUP_VARIABLES,
  type CommandWord,
  type HostSession,
} from '../../lib/remote-script/index.js';
import { shellQuote } from '../../lib/shell-quote.js';
import type { JobSelector } from './jobsub.js';
import { groupArgs } from './parse/index.js';

/** Jobsub command lines whose values are in `values` (exported just before them). */
export interface JobsubCommands {
  values: CommandValues;
  lines: string[];
  /** POMS's own lines run when the script exits, however it exits. */
  cleanup?: string[];
}

/** Command lines for `words` lists, each followed by `suffix` (e.g. ` ;`). */
export function jobsubCommands(commands: readonly CommandWord[][], suffix = ''): JobsubCommands {
  const values = new CommandValues();
  return { values, lines: commands.map((w) => `${values.line(w)}${suffix}`) };
}

/**
 * A script running POMS's jobsub commands on a launch host in the session a launch of the same
 * stage gets, in the same order: the values the login setup refers to (only POMS_GROUP has one
 * here), the credential variables and files, the site's before_setup, the login setup, the site's
 * after_setup, then the commands with their values exported. Built by the one script builder: no
 * value is in the shell text. Like POMS, the commands run even when the setup fails (its messages
 * are in the output); credential files are removed on exit.
 */
export function jobsubScript(session: HostSession, commands: JobsubCommands, group = ''): string {
  const setupValues = Object.values(SETUP_VARIABLES).filter((n, i, all) => all.indexOf(n) === i);
  const cleanup = [...(session.credentials?.cleanup ?? []), ...(commands.cleanup ?? [])];
  return buildRemoteScript({
    sections: [
      { title: 'values', env: setupValues.map((n) => [n, n === 'POMS_GROUP' ? group : ''] as const) },
      { title: 'credentials', env: session.credentials?.env ?? [] },
      {
        title: 'cleanup on exit',
        lines: cleanup.length ? [`trap ${shellQuote(cleanup.join('; '))} EXIT`] : [],
      },
      { title: 'credential files', lines: session.credentials?.lines ?? [] },
      { title: 'site profile', lines: session.site?.beforeSetup ?? [] },
      {
        title: 'login setup',
        lines: [renderSetup(session.setup, SETUP_VARIABLES, { where: 'login setup', field: 'launch_setup' })],
      },
      { title: 'site profile (after setup)', lines: session.site?.afterSetup ?? [] },
      { title: 'jobsub values', env: commands.values.env },
      { title: 'jobsub', lines: commands.lines },
    ],
  });
}

/** `jobsub_q` for a selector, every value a variable of the command line. */
export function queueWords(s: JobSelector, long = false): CommandWord[] {
  return [
    'jobsub_q',
    ...groupArgs(s.group, s.role),
    ...(s.user ? ['--user', { value: s.user }] : []),
    ...(s.jobIds?.length ? [{ prefix: '--jobid=', value: s.jobIds.join(',') }] : []),
    ...(s.constraint ? ['--constraint', { value: s.constraint }] : []),
    ...(s.schedd ? ['-name', { value: s.schedd }] : []),
    ...(long ? ['--long'] : []),
  ];
}

/** Marker line before each log file's base64 text, and after the last. */
export const LOG_FILE_MARKER = '=== poms-log-file ';
export const LOG_END_MARKER = '=== poms-log-end ===';

/**
 * Fetches a job's logs into a temporary directory on the launch host and prints every file as a
 * marker line with its relative path, then its content in base64 (logs may hold any byte). The
 * directory is removed on exit; a failing jobsub_fetchlog ends the script with its status.
 */
export function fetchLogsCommands(jobId: string, group: string, role?: string): JobsubCommands {
  const { values, lines } = jobsubCommands([
    ['jobsub_fetchlog', ...groupArgs(group, role), '-J', { value: jobId }],
  ]);
  return {
    values,
    cleanup: ['rm -rf "$poms_logs"'],
    lines: [
      'poms_logs=$(mktemp -d) || exit 1',
      `${lines[0]} --destdir "$poms_logs" || exit $?`,
      'cd "$poms_logs" || exit 1',
      'find . -type f | LC_ALL=C sort | while IFS= read -r f; do',
      `  printf '%s%s ===\\n' ${shellQuote(LOG_FILE_MARKER)} "\${f#./}"`,
      '  base64 < "$f"',
      'done',
      `echo ${shellQuote(LOG_END_MARKER)}`,
    ],
  };
}
