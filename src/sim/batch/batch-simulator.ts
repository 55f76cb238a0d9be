import type { SimContext } from '../world/sim-context.js';
import { nextId } from '../world/id-counters.js';
import type { SimEvent } from '../clock/agenda.js';
import {
  COMPLETED,
  HELD,
  IDLE,
  REMOVED,
  RUNNING,
  isTerminal,
  jobKey,
  type JobRole,
  type JobStatus,
  type SimJob,
  type SimSubmission,
} from './batch-types.js';
import { DagRunner } from './dag-runner.js';
import { WorkerRunner } from './worker-runner.js';

export interface SubmitRequest extends Omit<
  SimSubmission,
  'cluster' | 'schedd' | 'kind' | 'submitted' | 'dag' | 'ended' | 'error'
> {
  schedd?: string;
}

export interface BatchState {
  submissions: SimSubmission[];
  jobs: SimJob[];
}

/** DAGMan is a scheduler-universe job: it starts almost at once (fixed, so it draws nothing). */
const DAGMAN_START_MS = 2_000;

/**
 * The simulated HTCondor pool: submissions, jobs and their state machine
 * (Idle → Running → Completed(exit) | Held → Idle | Removed), driven by agenda events.
 */
export class BatchSimulator {
  private readonly submissions = new Map<number, SimSubmission>();
  private readonly jobs = new Map<string, SimJob>();
  /** Jobs of each submission (DAGMan cluster or plain cluster), in creation order. */
  private readonly bySubmission = new Map<number, SimJob[]>();
  readonly dag: DagRunner;
  readonly workers: WorkerRunner;

  constructor(
    private readonly ctx: SimContext,
    readonly schedds: readonly string[],
    saved?: BatchState,
  ) {
    for (const s of saved?.submissions ?? []) this.submissions.set(s.cluster, s);
    for (const j of saved?.jobs ?? []) this.index(j);
    this.dag = new DagRunner(ctx, this);
    this.workers = new WorkerRunner(ctx, this);
  }

  // ---- submit ----

  submit(req: SubmitRequest): SimSubmission {
    const cluster = nextId(this.ctx.ids, 'cluster');
    const schedd = req.schedd ?? this.nextSchedd() ?? this.schedds[0];
    const now = this.ctx.now();
    const { schedd: _ignored, ...rest } = req;
    const sub: SimSubmission = {
      ...rest,
      cluster,
      schedd,
      kind: req.dataset ? 'dag' : 'plain',
      submitted: now,
      ...(req.dataset ? { dag: { state: 'starting' as const, workers: [] } } : {}),
    };
    this.submissions.set(cluster, sub);
    if (sub.kind === 'dag') {
      const dagman = this.addJob(sub, cluster, 0, 'dagman');
      this.ctx.schedule(now + DAGMAN_START_MS, 'job.start', jobKey(cluster, 0), { epoch: dagman.epoch });
    } else {
      for (let p = 0; p < sub.njobs; p++) this.queue(this.addJob(sub, cluster, p, 'plain'));
    }
    this.ctx.changed();
    return sub;
  }

  /**
   * The schedd the next submission goes to: round-robin over the schedds the collector advertises
   * (knob batch.missingSchedds); undefined when it advertises none.
   */
  nextSchedd(): string | undefined {
    const up = this.schedds.filter((s) => !this.ctx.faults.scheddMissing(s));
    return up.length ? up[this.submissions.size % up.length] : undefined;
  }

  /** A new job, Idle, in the queue (not yet scheduled to start). */
  addJob(sub: SimSubmission, cluster: number, proc: number, role: JobRole, node?: string): SimJob {
    const now = this.ctx.now();
    const job: SimJob = {
      cluster,
      proc,
      schedd: sub.schedd,
      submission: sub.cluster,
      role,
      ...(node ? { node } : {}),
      status: IDLE,
      qdate: now,
      enteredStatus: now,
      history: [{ at: now, status: IDLE }],
      wallMs: 0,
      numRestarts: 0,
      epoch: 0,
      filesDone: 0,
      out: [],
    };
    this.index(job);
    return job;
  }

  private index(job: SimJob): void {
    this.jobs.set(jobKey(job.cluster, job.proc), job);
    const list = this.bySubmission.get(job.submission) ?? [];
    list.push(job);
    this.bySubmission.set(job.submission, list);
  }

  /** Schedules an Idle job to start after its stage's queue delay. */
  queue(job: SimJob): void {
    const knobs = this.knobsOf(job);
    const at = this.ctx.now() + this.ctx.rng.between(knobs.queueDelayMs);
    this.ctx.schedule(at, 'job.start', jobKey(job.cluster, job.proc), { epoch: job.epoch });
  }

  knobsOf(job: SimJob) {
    const sub = this.submission(job.submission)!;
    return this.ctx.faults.knobs({ stage: sub.stage, dataset: sub.dataset });
  }

  // ---- events ----

  handle(e: SimEvent): void {
    const job = this.jobs.get(e.key);
    if (!job || (e.epoch !== undefined && e.epoch !== job.epoch)) return;
    try {
      this.dispatch(job, e.kind);
    } catch (err) {
      // A world inconsistency (e.g. a hand-edited state file) fails the job, never the clock.
      job.out.push(`ERROR: ${(err as Error).message}`);
      if (!isTerminal(job.status)) this.finish(job, 1);
    }
  }

  private dispatch(job: SimJob, kind: string): void {
    switch (kind) {
      case 'job.start':
        if (job.status !== IDLE) return;
        if (this.ctx.rng.chance(this.knobsOf(job).vanishRate)) this.vanish(job);
        else this.start(job);
        return;
      case 'job.leave':
        if (isTerminal(job.status)) job.leftQueue = true;
        this.ctx.changed();
        return;
      default:
        if (job.status === RUNNING) this.running(job, kind);
    }
  }

  private start(job: SimJob): void {
    this.setStatus(job, RUNNING);
    job.runStart = this.ctx.now();
    if (job.role === 'dagman') this.dag.advance(this.submission(job.submission)!);
    else if (job.role === 'sam_start' || job.role === 'sam_end') this.dag.startNode(job);
    else this.workers.start(job);
  }

  private running(job: SimJob, kind: string): void {
    if (kind === 'job.node') this.dag.finishNode(job);
    else this.workers.handle(job, kind);
  }

  // ---- transitions ----

  setStatus(
    job: SimJob,
    status: JobStatus,
    extra: { exitCode?: number; holdReason?: string; holdReasonCode?: number } = {},
  ): void {
    const now = this.ctx.now();
    if (job.status === RUNNING && job.runStart !== undefined) {
      job.wallMs += now - job.runStart;
      job.runStart = undefined;
    }
    job.status = status;
    job.enteredStatus = now;
    job.history.push({ at: now, status, ...extra });
    this.ctx.changed();
  }

  /**
   * The schedd loses a queued job (see knob `vanishRate`): it leaves the queue with no transition,
   * so its user log has no terminate event, and its stale events are skipped.
   */
  private vanish(job: SimJob): void {
    job.epoch++;
    job.vanished = this.ctx.now();
    job.leftQueue = true;
    this.ctx.changed();
  }

  /** Ends a job with an exit code; it lingers in the queue, then leaves. */
  finish(job: SimJob, exitCode: number): void {
    job.exitCode = exitCode;
    job.currentFile = undefined;
    this.setStatus(job, COMPLETED, { exitCode });
    this.afterTerminal(job);
  }

  /** condor_hold: Idle or Running → Held. A running worker's current file stays `delivered`. */
  hold(job: SimJob, reason: string, code: number): boolean {
    if (job.status !== IDLE && job.status !== RUNNING) return false;
    job.epoch++;
    job.currentFile = undefined;
    job.holdReason = reason;
    job.holdReasonCode = code;
    this.setStatus(job, HELD, { holdReason: reason, holdReasonCode: code });
    return true;
  }

  /** condor_release: Held → Idle, queued again; a job that had run counts a restart. */
  release(job: SimJob): boolean {
    if (job.status !== HELD) return false;
    job.epoch++;
    if (job.wallMs > 0) job.numRestarts++;
    job.holdReason = undefined;
    job.holdReasonCode = undefined;
    this.setStatus(job, IDLE);
    if (job.role === 'dagman') {
      this.ctx.schedule(this.ctx.now() + DAGMAN_START_MS, 'job.start', jobKey(job.cluster, job.proc), {
        epoch: job.epoch,
      });
    } else {
      this.queue(job);
    }
    return true;
  }

  /** condor_rm: any live job → Removed. Removing DAGMan removes its live nodes too. */
  remove(job: SimJob): boolean {
    if (isTerminal(job.status)) return false;
    job.epoch++;
    job.currentFile = undefined;
    this.setStatus(job, REMOVED);
    if (job.role === 'dagman') {
      const sub = this.submission(job.submission)!;
      for (const node of this.jobsOf(sub)) if (node.role !== 'dagman') this.removeQuietly(node);
      this.dag.removed(sub);
    }
    this.afterTerminal(job);
    return true;
  }

  private removeQuietly(job: SimJob): void {
    if (isTerminal(job.status) || job.vanished !== undefined) return;
    job.epoch++;
    job.currentFile = undefined;
    this.setStatus(job, REMOVED);
    this.lingerThenLeave(job);
  }

  private afterTerminal(job: SimJob): void {
    this.lingerThenLeave(job);
    const sub = this.submission(job.submission)!;
    if (job.role !== 'dagman' && sub.kind === 'dag') this.dag.nodeTerminal(sub, job);
    if (sub.kind === 'plain' && this.jobsOf(sub).every((j) => isTerminal(j.status))) {
      sub.ended = this.ctx.now();
    }
  }

  private lingerThenLeave(job: SimJob): void {
    const linger = this.knobsOf(job).lingerMs;
    this.ctx.schedule(this.ctx.now() + linger, 'job.leave', jobKey(job.cluster, job.proc));
  }

  // ---- queries ----

  submission(cluster: number): SimSubmission | undefined {
    return this.submissions.get(cluster);
  }

  allSubmissions(): SimSubmission[] {
    return [...this.submissions.values()];
  }

  job(cluster: number, proc: number): SimJob | undefined {
    return this.jobs.get(jobKey(cluster, proc));
  }

  allJobs(): SimJob[] {
    return [...this.jobs.values()];
  }

  /** Every job of a submission: DAGMan and its nodes, or the plain cluster's procs. */
  jobsOf(sub: SimSubmission): SimJob[] {
    return this.bySubmission.get(sub.cluster) ?? [];
  }

  /** The jobs Lens counts: DAG workers, or every proc of a plain cluster. */
  countedJobs(sub: SimSubmission): SimJob[] {
    return this.jobsOf(sub).filter((j) => j.role === 'worker' || j.role === 'plain');
  }

  toJSON(): BatchState {
    return { submissions: this.allSubmissions(), jobs: this.allJobs() };
  }
}
