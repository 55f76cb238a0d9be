import { AdapterError } from '../adapter-error.js';
import type { RemoteShell, RunResult, ShellTarget } from '../ssh/remote-shell.js';
import { describeTarget } from '../ssh/remote-shell.js';
import type {
  ControlAction,
  ControlRequest,
  ControlResult,
  HostSession,
  JobLogFile,
  JobSelector,
  Jobsub,
  JobsubCallOptions,
  QueueListing,
} from './jobsub.js';
import { fetchLogsCommands, jobsubCommands, jobsubScript, queueWords } from './jobsub-script.js';
import { parseLogBundle } from './parse-log-bundle.js';
import {
  buildControlCommands,
  controlWords,
  parseControlReplies,
  parseQueueLong,
  parseQueueText,
  QUEUE_HEADER,
  type ClassAd,
  QUEUE_TOTALS,
  type ControlAct,
  type QueueTextOptions,
} from './parse/index.js';

export interface JobsubClientOptions extends QueueTextOptions {
  shell: RemoteShell;
  /** Limit on each remote script, in ms. Default 120 000. */
  timeoutMs?: number;
  /** Picks the year of jobsub_q's submit times. Default: the system clock. */
  now?: () => Date;
}

const ACT: Record<ControlAction, ControlAct> = { rm: 'kill', hold: 'hold', release: 'release' };

/** The real Jobsub: jobsub_lite commands run by a RemoteShell on the launch host. */
export class JobsubClient implements Jobsub {
  constructor(private readonly o: JobsubClientOptions) {}

  async queue(
    s: JobSelector,
    at: ShellTarget,
    session: HostSession,
    opts?: JobsubCallOptions,
  ): Promise<QueueListing> {
    const r = await this.run(at, jobsubScript(session, jobsubCommands([queueWords(s)]), s.group), opts);
    if (r.exitCode !== 0) throw failed('jobsub_q', at, r);
    const lines = r.output.split('\n');
    if (!lines.some((l) => l.startsWith(QUEUE_HEADER.slice(0, 11)) || QUEUE_TOTALS.test(l)))
      throw new AdapterError(
        'malformed',
        'jobsub',
        `jobsub_q on ${describeTarget(at)} printed no job listing`,
        {
          raw: r.output,
          operation: 'jobsub_q',
        },
      );
    const { rows, totals } = parseQueueText(r.output, this.o.now?.() ?? new Date(), this.o);
    return { rows, totals, output: r.output };
  }

  async queueAds(
    s: JobSelector,
    at: ShellTarget,
    session: HostSession,
    opts?: JobsubCallOptions,
  ): Promise<ClassAd[]> {
    const r = await this.run(at, jobsubScript(session, jobsubCommands([queueWords(s, true)]), s.group), opts);
    if (r.exitCode !== 0) throw failed('jobsub_q --long', at, r);
    return parseQueueLong(r.output).filter((ad) => typeof ad.ClusterId === 'number');
  }

  async control(
    act: ControlAction,
    req: ControlRequest,
    at: ShellTarget,
    session: HostSession,
    opts?: JobsubCallOptions,
  ): Promise<ControlResult> {
    const ids = req.jobIds ?? [];
    const commands = buildControlCommands(ACT[act], req.scope, req.group, req.role, ids);
    const r = await this.run(
      at,
      jobsubScript(
        session,
        jobsubCommands(controlWords(ACT[act], req.scope, req.group, req.role, ids), ' ;'),
        req.group,
      ),
      opts,
    );
    const { replies, matched } = parseControlReplies(r.output);
    return { commands, output: r.output, exitCode: r.exitCode, matched, replies };
  }

  async fetchLogs(
    jobId: string,
    req: { group: string; role?: string },
    at: ShellTarget,
    session: HostSession,
    opts?: JobsubCallOptions,
  ): Promise<JobLogFile[]> {
    const r = await this.run(
      at,
      jobsubScript(session, fetchLogsCommands(jobId, req.group, req.role), req.group),
      opts,
    );
    if (r.exitCode !== 0) throw failed('jobsub_fetchlog', at, r);
    const files = parseLogBundle(r.output);
    if (!files || r.truncated)
      throw new AdapterError('malformed', 'jobsub', `logs of ${jobId} came back incomplete`, {
        raw: r.output,
        operation: 'jobsub_fetchlog',
      });
    return files;
  }

  private run(at: ShellTarget, script: string, opts: JobsubCallOptions = {}): Promise<RunResult> {
    return this.o.shell.run(at, script, {
      timeoutMs: opts.timeoutMs ?? this.o.timeoutMs ?? 120_000,
      signal: opts.signal,
    });
  }
}

function failed(command: string, at: ShellTarget, r: RunResult): AdapterError {
  const last = r.output.trim().split('\n').slice(-1)[0] ?? '';
  return new AdapterError(
    'rejected',
    'jobsub',
    `${command} on ${describeTarget(at)} exited with ${r.exitCode}: ${last}`,
    {
      raw: r.output,
      operation: command,
    },
  );
}
