import { buildRemoteScript, renderSetup, SETUP_VARIABLES } from '../../lib/remote-script/index.js';
import { shellQuote, shellQuoteWords } from '../../lib/shell-quote.js';
import type { JobSelector } from './jobsub.js';
import { groupWords } from './parse/index.js';

/**
 * A script running the login setup then `commands`, built by the one script builder. The setup's
 * `%(key)s` refer to the variables of a launch; only POMS_GROUP has a value here (the others are
 * empty). Like POMS, the commands run even when the setup fails (its messages are in the output).
 */
export function jobsubScript(setup: string, commands: readonly string[], group = ''): string {
  const values = Object.values(SETUP_VARIABLES).filter((n, i, all) => all.indexOf(n) === i);
  return buildRemoteScript({
    sections: [
      { title: 'values', env: values.map((n) => [n, n === 'POMS_GROUP' ? group : ''] as const) },
      {
        title: 'login setup',
        lines: [renderSetup(setup, SETUP_VARIABLES, { where: 'login setup', field: 'launch_setup' })],
      },
      { title: 'jobsub', lines: commands },
    ],
  });
}

/** `jobsub_q` for a selector, every value quoted. */
export function queueCommand(s: JobSelector, long = false): string {
  return shellQuoteWords([
    'jobsub_q',
    ...groupWords(s.group, s.role),
    ...(s.user ? ['--user', s.user] : []),
    ...(s.jobIds?.length ? [`--jobid=${s.jobIds.join(',')}`] : []),
    ...(s.constraint ? ['--constraint', s.constraint] : []),
    ...(s.schedd ? ['-name', s.schedd] : []),
    ...(long ? ['--long'] : []),
  ]);
}

/** Marker line before each log file's base64 text, and after the last. */
export const LOG_FILE_MARKER = '=== poms-log-file ';
export const LOG_END_MARKER = '=== poms-log-end ===';

/**
 * Fetches a job's logs into a temporary directory on the launch host and prints every file as a
 * marker line with its relative path, then its content in base64 (logs may hold any byte). The
 * directory is removed on exit; a failing jobsub_fetchlog ends the script with its status.
 */
export function fetchLogsCommands(jobId: string, group: string, role?: string): string[] {
  const fetch = shellQuoteWords(['jobsub_fetchlog', ...groupWords(group, role), '-J', jobId]);
  return [
    'poms_logs=$(mktemp -d) || exit 1',
    `trap 'rm -rf "$poms_logs"' EXIT`,
    `${fetch} --destdir "$poms_logs" || exit $?`,
    'cd "$poms_logs" || exit 1',
    'find . -type f | LC_ALL=C sort | while IFS= read -r f; do',
    `  printf '%s%s ===\\n' ${shellQuote(LOG_FILE_MARKER)} "\${f#./}"`,
    '  base64 < "$f"',
    'done',
    `echo ${shellQuote(LOG_END_MARKER)}`,
  ];
}
