import { usage } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import { clock } from '../output.js';

/** Where waiting ends, and the exit code of each end. */
const ENDS: Readonly<Record<string, number>> = {
  Located: EXIT.ok,
  Failed: EXIT.failed,
  LaunchFailed: EXIT.launchFailed,
  Removed: EXIT.removed,
  Cancelled: EXIT.cancelled,
};

const seconds = (v: string | undefined, name: string, fallback: number) => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw usage(`--${name} takes a number of seconds`);
  return n;
};

function progress(s: any): string {
  const jobs = s.jobs_total
    ? ` jobs ${s.jobs_completed ?? 0}/${s.jobs_total}${s.jobs_failed ? ` (${s.jobs_failed} failed)` : ''}`
    : '';
  const files =
    s.files_submitted !== null && s.files_submitted !== undefined
      ? ` files ${s.files_located ?? 0}/${s.files_submitted} located`
      : '';
  return `${clock()} submission ${s.submission_id}: ${s.status}${s.jobsub_job_id ? ` ${s.jobsub_job_id}` : ''}${jobs}${files}`;
}

/**
 * Polls the submission until an outcome: Located (exit 0; with --until completed, Completed too),
 * Failed, LaunchFailed, Removed or Cancelled (their exit codes), or --timeout (exit 15). Each
 * status change is printed as it is seen (on stderr, so that --json output stays parseable).
 */
export async function waitForSubmission(ctx: CommandContext, id: number): Promise<number> {
  const until = ctx.args.options.until ?? 'located';
  if (!['located', 'completed'].includes(until)) throw usage('--until is located or completed');
  const intervalMs = seconds(ctx.args.options.interval, 'interval', 10) * 1000;
  const timeoutMs = seconds(ctx.args.options.timeout, 'timeout', Infinity) * 1000;
  const started = Date.now();
  const path = await ctx.expPath(`/submissions/${id}/summary`);
  let last = '';
  for (;;) {
    const s = await ctx.client().get(path);
    const line = progress(s);
    if (line.slice(9) !== last) ctx.io.err(line);
    last = line.slice(9);
    const code = ENDS[s.status] ?? (until === 'completed' && s.status === 'Completed' ? EXIT.ok : undefined);
    if (code !== undefined) {
      ctx.print(`submission ${id}: ${s.status}`, s);
      return code;
    }
    if (Date.now() - started + intervalMs > timeoutMs) {
      ctx.print(
        `submission ${id}: still ${s.status} after ${Math.round((Date.now() - started) / 1000)} s`,
        s,
      );
      return EXIT.timeout;
    }
    await ctx.sleep(intervalMs);
  }
}
