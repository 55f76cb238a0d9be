import { normaliseCause } from './normalise-cause.js';

// How one failure becomes a cause text: a failed job by its exit code and the last error line of
// its log, a held job by its hold reason, a failed file by the error line naming it in the log.

// Deliberately without word boundaries: `ArtException`, `ProductNotFound` are error lines too.
const ERROR_LINE =
  /error|fatal|exception|abort|killed|segmentation|core dumped|failed|failure|denied|timed? ?out|not ?found|no such|no space/i;

/** Signal names for exit codes 128 + N, as a shell reports a killed process. */
const SIGNALS: Record<number, string> = { 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 15: 'SIGTERM' };

/** The last `n` lines that read as errors, oldest first; the last non-empty line when none does. */
export function lastErrorLines(log: string, n = 1): string[] {
  const lines = log
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const errors = lines.filter((l) => ERROR_LINE.test(l));
  return (errors.length ? errors : lines).slice(-n);
}

export function exitCodeLabel(code: number): string {
  const signal = code > 128 ? SIGNALS[code - 128] : undefined;
  return signal ? `exit ${code} (${signal})` : `exit ${code}`;
}

/** A failed job: `exit <code>` and, when its log has one, its last error line normalised. */
export function jobFailureCause(exitCode: number, logTail: string | null): string {
  const head = exitCodeLabel(exitCode);
  return logTail ? `${head}: ${normaliseCause(logTail)}` : head;
}

/** A held job: `held` and its hold reason normalised (reason codes stay: they name the cause). */
export function holdCause(reason: string | null, code?: number | null): string {
  const text = reason ? normaliseCause(reason) : 'no reason given';
  return code === null || code === undefined ? `held: ${text}` : `held (code ${code}): ${text}`;
}

/** A file SAM counts failed: the error line of the log that names it, normalised. */
export function fileFailureCause(errorLine: string | null): string {
  return errorLine ? normaliseCause(errorLine) : 'failed in SAM, with no error line in the job logs';
}

/** Lines of a job's output that report one file failing: an error line naming the file. */
export function fileErrorLines(log: string, files: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (!files.length) return found;
  for (const raw of log.split(/\r?\n/)) {
    const line = raw.trim();
    if (!ERROR_LINE.test(line)) continue;
    for (const f of files) if (line.includes(f)) found.set(f, line);
  }
  return found;
}
