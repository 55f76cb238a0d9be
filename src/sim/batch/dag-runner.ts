import type { SimContext } from '../world/sim-context.js';
import { nextId } from '../world/id-counters.js';
import { COMPLETED, RUNNING, isTerminal, jobKey, type SimJob, type SimSubmission } from './batch-types.js';
import type { BatchSimulator } from './batch-simulator.js';

/** SAM_START / SAM_END wait and run for fixed times (they draw nothing, so knobs stay replayable). */
const NODE_QUEUE_MS = 10_000;
const NODE_RUN_MS = 15_000;

/**
 * jobsub_lite's dataset DAG: SAM_START (starts the SAM project, snapshotting the definition then),
 * then WORKER_0..N-1 in parallel, then SAM_END (ends the project) only if every worker exited 0.
 * Each node is its own cluster, submitted by DAGMan when its turn comes; a failed node fails the
 * DAG (DAGMan exits 1) once nothing runs any more.
 */
export class DagRunner {
  constructor(
    private readonly ctx: SimContext,
    private readonly batch: BatchSimulator,
  ) {}

  /** Submits the nodes whose turn it is, if DAGMan is running. Idempotent. */
  advance(sub: SimSubmission): void {
    const dag = sub.dag!;
    const dagman = this.batch.job(sub.cluster, 0)!;
    if (dagman.status !== RUNNING) return;
    if (dag.state === 'starting' && dag.start === undefined) {
      dag.start = this.submitNode(sub, 'sam_start', 'SAM_START').cluster;
    } else if (dag.state === 'workers' && dag.workers.length === 0) {
      for (let i = 0; i < sub.njobs; i++)
        dag.workers.push(this.submitNode(sub, 'worker', `WORKER_${i}`).cluster);
    } else if (dag.state === 'ending' && dag.end === undefined) {
      dag.end = this.submitNode(sub, 'sam_end', 'SAM_END').cluster;
    }
  }

  startNode(job: SimJob): void {
    this.ctx.schedule(this.ctx.now() + NODE_RUN_MS, 'job.node', jobKey(job.cluster, job.proc), {
      epoch: job.epoch,
    });
  }

  /** SAM_START starts the project; SAM_END ends it. Exit 1 when SAM refuses. */
  finishNode(job: SimJob): void {
    const sub = this.batch.submission(job.submission)!;
    const sam = this.ctx.sam(sub.experiment);
    const project = sub.project!;
    try {
      if (job.role === 'sam_start') {
        const files = sam.queryDefinition(sub.dataset!).map((f) => f.name);
        const snap = sam.catalogue.addSnapshot(files, this.ctx.now(), sub.dataset);
        sam.projects.start(
          {
            name: project,
            station: sub.experiment,
            group: sub.experiment,
            user: sub.owner,
            defname: sub.dataset,
            snapshotId: snap.id,
            files,
          },
          this.ctx.now(),
        );
        job.out.push(
          `Started SAM project ${project} on ${sub.dataset}: ${files.length} files, snapshot ${snap.id}`,
        );
      } else {
        sam.projects.endProject(project, this.ctx.now());
        job.out.push(`Ended SAM project ${project}`);
      }
      this.batch.finish(job, 0);
    } catch (e) {
      job.out.push(`ERROR: ${(e as Error).message}`);
      this.batch.finish(job, 1);
    }
  }

  /** A node reached Completed or Removed: move the DAG on, or end it. */
  nodeTerminal(sub: SimSubmission, node: SimJob): void {
    const dag = sub.dag!;
    if (dag.state === 'succeeded' || dag.state === 'failed' || dag.state === 'removed') return;
    const ok = (j: SimJob | undefined) => j?.status === COMPLETED && j.exitCode === 0;
    if (node.role === 'sam_start') {
      if (ok(node)) dag.state = 'workers';
      else return this.end(sub, false, `node SAM_START failed`);
    } else if (node.role === 'worker') {
      const workers = dag.workers.map((c) => this.batch.job(c, 0)!);
      if (!workers.every((w) => isTerminal(w.status))) return;
      const failed = workers.filter((w) => !ok(w)).length;
      if (failed > 0) return this.end(sub, false, `${failed} of ${workers.length} WORKER node(s) failed`);
      dag.state = 'ending';
    } else if (node.role === 'sam_end') {
      return ok(node) ? this.end(sub, true) : this.end(sub, false, 'node SAM_END failed');
    }
    this.advance(sub);
  }

  /** DAGMan was removed: its nodes are gone too. */
  removed(sub: SimSubmission): void {
    sub.dag!.state = 'removed';
    sub.ended = this.ctx.now();
    sub.error = 'DAG removed';
  }

  private end(sub: SimSubmission, success: boolean, error?: string): void {
    sub.dag!.state = success ? 'succeeded' : 'failed';
    sub.ended = this.ctx.now();
    if (error) sub.error = error;
    const dagman = this.batch.job(sub.cluster, 0)!;
    if (!isTerminal(dagman.status)) {
      dagman.epoch++;
      dagman.out.push(success ? 'All jobs Completed!' : `DAG failed: ${error}`);
      this.batch.finish(dagman, success ? 0 : 1);
    }
  }

  private submitNode(sub: SimSubmission, role: 'sam_start' | 'worker' | 'sam_end', node: string): SimJob {
    const cluster = nextId(this.ctx.ids, 'cluster');
    const job = this.batch.addJob(sub, cluster, 0, role, node);
    if (role === 'worker') this.batch.queue(job);
    else
      this.ctx.schedule(this.ctx.now() + NODE_QUEUE_MS, 'job.start', jobKey(cluster, 0), {
        epoch: job.epoch,
      });
    this.ctx.changed();
    return job;
  }
}
