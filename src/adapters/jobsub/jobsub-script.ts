import { shellQuote, shellQuoteWords } from '../../lib/shell-quote.js';
import type { JobSelector } from './jobsub.js';
import { groupWords } from './parse/index.js';

/**
 * A script running the login setup then `commands`, as one `{ … }` group: bash reads all of it before
 * running any, so nothing can swallow the rest from stdin, and stdin is then the null device.
 * Like POMS, the commands run even when the setup fails (its messages are in the output).
 */
export function jobsubScript(setup: string, commands: readonly string[]): string {
  return ['{', 'exec </dev/null 2>&1', ...(setup.trim() ? [setup] : []), ...commands, '}', ''].join('\n');
}

/** `jobsub_q` for a selector, every value quoted. */
export function queueCommand(s: JobSelector, long = false): string {
  return shellQuoteWords([
    'jobsub_q',
    ...groupWords(s.group, s.role),
    ...(s.user ? ['--user', s.user] : []),
    ...(s.jobIds?.length ? [`--jobid=${s.jobIds.join(',')}`] : []),
    ...(s.constraint ? ['--constraint', s.constraint] : []),
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
