import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { LaunchLogParser } from '../../adapters/jobsub/parse/launch-log-parser.js';
import { projectFromCommand } from '../../adapters/lens/query/sam-project-from.js';
import { toPomsJobId } from '../../adapters/jobsub/parse/job-id.js';
import { submissionStore } from '../../db/stores/submission-store.js';
import { changeStatus } from '../submissions/submission-status-service.js';
import type { ShellPort, ShellTarget } from './launch-ports.js';

export interface LaunchJob {
  submissionId: number;
  target: ShellTarget;
  script: string;
}

/** How often a running launch writes its heartbeat (launch_heartbeat_at), in ms. */
export const LAUNCH_HEARTBEAT_MS = 15_000;

export interface LaunchRunnerOptions {
  maxConcurrent: number;
  /** A launch still running after this long is stopped and marked LaunchFailed. */
  timeoutMs: number;
  /** How often streamed output is written to the launch log, in ms. */
  flushMs?: number;
}

/**
 * Runs launch scripts on launch hosts with a bounded number at once. Output streams into the
 * submission's launch log; the jobsub ids and the remote pid are read from it as they appear.
 * A launch that ends without a job id becomes LaunchFailed with the reason from the log.
 */
export class LaunchRunner {
  private readonly queue: LaunchJob[] = [];
  private readonly running = new Map<number, { abort: AbortController; done: Promise<void> }>();
  private idleWaiters: Array<() => void> = [];
  /** Called with each launch's outcome: `submitted` (a job id came back) or `failed` (LaunchFailed). */
  readonly outcomes: Array<(outcome: 'submitted' | 'failed') => void> = [];

  constructor(
    private readonly db: Knex,
    private readonly shell: ShellPort,
    private readonly log: Logger,
    private readonly opts: LaunchRunnerOptions,
  ) {}

  start(job: LaunchJob): void {
    this.queue.push(job);
    this.pump();
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  idle(): Promise<void> {
    if (!this.queue.length && !this.running.size) return Promise.resolve();
    return new Promise((ok) => this.idleWaiters.push(ok));
  }

  isRunning(submissionId: number): boolean {
    return this.running.has(submissionId) || this.queue.some((j) => j.submissionId === submissionId);
  }

  /** Stops a queued or running launch here; the caller also kills the remote process group. */
  abort(submissionId: number): boolean {
    const i = this.queue.findIndex((j) => j.submissionId === submissionId);
    if (i >= 0) {
      this.queue.splice(i, 1);
      void this.finish(
        submissionId,
        { exitCode: -1 },
        new LaunchLogParser(),
        'launch aborted before it started',
      );
      return true;
    }
    const r = this.running.get(submissionId);
    r?.abort.abort();
    return !!r;
  }

  async stop(): Promise<void> {
    this.queue.length = 0;
    for (const r of this.running.values()) r.abort.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
  }

  private pump(): void {
    while (this.running.size < this.opts.maxConcurrent && this.queue.length) {
      const job = this.queue.shift()!;
      const abort = new AbortController();
      const done = this.execute(job, abort.signal).finally(() => {
        this.running.delete(job.submissionId);
        this.pump();
        if (!this.queue.length && !this.running.size) this.idleWaiters.splice(0).forEach((w) => w());
      });
      this.running.set(job.submissionId, { abort, done });
    }
  }

  private async execute(job: LaunchJob, signal: AbortSignal): Promise<void> {
    const store = submissionStore(this.db);
    const parser = new LaunchLogParser();
    let pending = '';
    let pidSaved = false;
    const flush = async () => {
      const text = pending;
      pending = '';
      if (text) await store.appendLog(job.submissionId, text);
      const { remotePid: pid, remotePidStart: started } = parser.events;
      if (pid && started && !pidSaved) {
        pidSaved = true;
        await store.update(job.submissionId, { remote_pid: pid, remote_pid_start: started });
      }
    };
    const timer = setInterval(() => void flush().catch(() => {}), this.opts.flushMs ?? 300);
    // The heartbeat tells every POMS process that this launch still has a launcher.
    const beat = setInterval(
      () => void store.update(job.submissionId, { launch_heartbeat_at: new Date() }).catch(() => {}),
      LAUNCH_HEARTBEAT_MS,
    );
    const started = new Date();
    await store.update(job.submissionId, { launch_started_at: started, launch_heartbeat_at: started });
    let result: { exitCode: number; output: string };
    let failure: string | null = null;
    try {
      result = await this.shell.run(job.target, job.script, {
        timeoutMs: this.opts.timeoutMs,
        signal,
        onOutput: (chunk) => {
          pending += chunk;
          parser.push(chunk);
        },
      });
    } catch (e) {
      failure = signal.aborted
        ? 'launch aborted by a user'
        : `launch host ${job.target.account}@${job.target.host}: ${(e as Error).message}`;
      pending += `\n${failure}\n`;
      result = { exitCode: -1, output: '' };
    } finally {
      clearInterval(timer);
      clearInterval(beat);
    }
    await flush();
    await this.finish(job.submissionId, result, parser, failure);
  }

  private async finish(
    id: number,
    result: { exitCode: number },
    parser: LaunchLogParser,
    failure: string | null,
  ) {
    const events = parser.end();
    const store = submissionStore(this.db);
    const log = (await store.log(id)).text;
    const jobIds = events.jobIds.map(toPomsJobId);
    await store.update(id, {
      launch_finished_at: new Date(),
      launch_exit_code: result.exitCode,
      ...(jobIds.length ? { jobsub_cluster_ids: jobIds } : {}),
      ...(events.remotePid ? { remote_pid: events.remotePid } : {}),
    });
    if (jobIds.length) {
      const row = await store.get(id);
      await store.update(id, {
        jobsub_job_id: row?.jobsub_job_id ?? jobIds[0],
        project: row?.project ?? projectFromCommand(log) ?? null,
      });
      this.outcome('submitted');
      return;
    }
    const reason =
      failure ??
      events.errors[0] ??
      `the launch exited with code ${result.exitCode} and printed no jobsub job id`;
    await store.update(id, { launch_error: reason });
    const row = await store.get(id);
    if (row?.jobsub_job_id) return this.outcome('submitted'); // the wrapper's callback delivered the id
    await changeStatus(this.db, id, { requested: 'LaunchFailed', actor: 'system', reason });
    this.outcome('failed');
    this.log.warn({ submission: id, reason }, 'launch failed');
  }

  private outcome(o: 'submitted' | 'failed'): void {
    for (const l of this.outcomes) l(o);
  }
}
