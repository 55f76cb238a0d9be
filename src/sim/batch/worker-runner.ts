import type { SimContext } from '../world/sim-context.js';
import { generatedBy, jobId, jobKey, type SimJob, type SimSubmission } from './batch-types.js';
import type { BatchSimulator } from './batch-simulator.js';
import { declareGeneratedOutput, declareOutputs } from './output-declarer.js';
import { CRASH_CAUSES, drawCause, FILE_CAUSES, HOLD_CAUSES } from './failure-mix.js';
import { ddExpectedFiles, ddNextFile, ddRelease, ddWorkerId, splitDid } from './dd-worker.js';

/**
 * What a worker job does while Running (external-apis.md 6.3): a DAG worker establishes a SAM
 * consumer process and loops getNextFile → process → release (`consumed` with outputs declared, or
 * `failed`), then ends its process and exits 0; a Data Dispatcher worker does the same with its
 * project's handles (dd-worker.ts); a generator proc makes parentless outputs; any other proc just
 * runs for one file time. Crash and hold draws happen at each (re)start.
 */
export class WorkerRunner {
  constructor(
    private readonly ctx: SimContext,
    private readonly batch: BatchSimulator,
  ) {}

  start(job: SimJob): void {
    const sub = this.batch.submission(job.submission)!;
    const knobs = this.batch.knobsOf(job);
    const now = this.ctx.now();
    const rng = this.ctx.rng;
    job.filesDone = 0;
    job.crashAfter = undefined;
    job.crashCause = undefined;
    job.processId = undefined;
    if (sub.kind === 'dag') {
      const proc = this.ctx.sam(sub.experiment).projects.establishProcess(
        sub.project!,
        {
          appname: sub.outputPrefix,
          appversion: sub.outputVersion,
          node: `sim-wn${String(job.cluster % 100).padStart(2, '0')}.example`,
          user: sub.owner,
          filelimit: sub.filesPerJob,
          jobId: jobId(job),
        },
        now,
      );
      job.processId = proc.id;
      job.out.push(`${iso(now)} established SAM process ${proc.id} in project ${sub.project}`);
    }
    const dd = sub.ddProject !== undefined;
    if (dd) job.out.push(`${iso(now)} Data Dispatcher worker ${ddWorkerId(job)} on project ${sub.ddProject}`);
    if (rng.chance(knobs.jobCrashRate)) {
      const expected = dd
        ? ddExpectedFiles(this.ctx, sub)
        : (sub.filesPerJob ?? (sub.generateTotal === undefined ? 1 : generatedBy(sub, job.proc)));
      job.crashAfter = rng.int(0, Math.max(0, expected - 1));
      if (knobs.causeMix) job.crashCause = drawCause(rng, CRASH_CAUSES);
    }
    if (rng.chance(knobs.holdRate)) {
      const holdAt = now + rng.between([knobs.startupMs[0], knobs.startupMs[1] + knobs.fileTimeMs[1]]);
      this.ctx.schedule(holdAt, 'job.autohold', key(job), { epoch: job.epoch });
    }
    const kind = sub.kind === 'dag' || dd || sub.generateTotal !== undefined ? 'job.step' : 'job.run';
    const delay = kind === 'job.step' ? rng.between(knobs.startupMs) : rng.between(knobs.fileTimeMs);
    this.ctx.schedule(now + delay, kind, key(job), { epoch: job.epoch });
    this.ctx.changed();
  }

  handle(job: SimJob, kind: string): void {
    switch (kind) {
      case 'job.step':
        return this.step(job);
      case 'job.file':
        return this.fileDone(job);
      case 'job.crash':
        return this.crash(job);
      case 'job.run':
        return job.crashAfter === undefined ? this.batch.finish(job, 0) : this.crash(job);
      case 'job.autohold': {
        const k = this.batch.knobsOf(job);
        let [reason, code] = [k.holdReason, k.holdReasonCode];
        if (k.causeMix) {
          const index = drawCause(this.ctx.rng, HOLD_CAUSES);
          [reason, code] = [HOLD_CAUSES[index].reason(this.ctx.rng), HOLD_CAUSES[index].code];
          (job.causes ??= []).push({ kind: 'hold', index });
        }
        job.out.push(`${iso(this.ctx.now())} held: ${reason}`);
        this.batch.hold(job, reason, code);
        return;
      }
    }
  }

  /** Take the next piece of work, or finish. */
  private step(job: SimJob): void {
    const sub = this.batch.submission(job.submission)!;
    const knobs = this.batch.knobsOf(job);
    const now = this.ctx.now();
    const crashing = job.crashAfter !== undefined && job.filesDone >= job.crashAfter;
    let more: boolean;
    if (sub.kind === 'dag') {
      const sam = this.ctx.sam(sub.experiment);
      const file = sam.projects.getNextFile(sub.project!, job.processId!);
      more = file !== null;
      if (file !== null) {
        job.currentFile = file;
        this.ctx.noteDelivery(sub.experiment, file);
        job.out.push(`${iso(now)} getNextFile: ${file}`);
      }
    } else if (sub.ddProject !== undefined) {
      const did = ddNextFile(this.ctx, sub, job);
      more = did !== null;
      if (did !== null) {
        job.currentFile = did;
        job.out.push(`${iso(now)} next_file: ${did}`);
      }
    } else {
      more = job.filesDone < generatedBy(sub, job.proc);
    }
    if (!more) {
      if (crashing) return this.crash(job);
      if (job.processId !== undefined)
        this.ctx.sam(sub.experiment).projects.endProcess(sub.project!, job.processId, 'completed', now);
      job.out.push(`${iso(now)} no more files: ${job.filesDone} processed`);
      return this.batch.finish(job, 0);
    }
    const took = this.ctx.rng.between(knobs.fileTimeMs);
    const kind = crashing ? 'job.crash' : 'job.file';
    this.ctx.schedule(now + (crashing ? Math.floor(took / 2) : took), kind, key(job), { epoch: job.epoch });
    this.ctx.changed();
  }

  private fileDone(job: SimJob): void {
    const sub = this.batch.submission(job.submission)!;
    const now = this.ctx.now();
    if (sub.kind === 'dag') {
      const sam = this.ctx.sam(sub.experiment);
      const file = job.currentFile!;
      this.process(job, sub, sub.experiment, file, (failed) =>
        sam.projects.updateFileStatus(sub.project!, job.processId!, file, failed ? 'failed' : 'consumed'),
      );
    } else if (sub.ddProject !== undefined) {
      const did = job.currentFile!;
      const [ns, file] = splitDid(did);
      this.process(job, sub, ns, file, (failed) => {
        if (!ddRelease(this.ctx, sub, job, did, failed))
          job.out.push(`${iso(now)} release ${did}: refused (no longer reserved by this worker)`);
      });
    } else {
      const out = declareGeneratedOutput(this.ctx, sub, job);
      job.out.push(`${iso(now)} generated ${out}`);
    }
    job.currentFile = undefined;
    job.filesDone++;
    this.ctx.schedule(now, 'job.step', key(job), { epoch: job.epoch });
    this.ctx.changed();
  }

  /**
   * One input processed: it fails (first pass of a `firstPassFailures` file, or by
   * `fileFailureRate`) or yields its outputs; `record` tells the project which.
   */
  private process(
    job: SimJob,
    sub: SimSubmission,
    experiment: string,
    file: string,
    record: (failed: boolean) => void,
  ): void {
    const knobs = this.batch.knobsOf(job);
    const now = this.ctx.now();
    const input = this.ctx.sam(experiment).catalogue.file(file);
    const firstPass =
      knobs.firstPassFailures.includes(file) && this.ctx.noteDelivery(experiment, file, false) === 1;
    const failed = !input || firstPass || this.ctx.rng.chance(knobs.fileFailureRate);
    record(failed);
    if (!input) {
      job.out.push(`${iso(now)} ERROR processing ${file}: file not found in the catalogue`);
    } else if (failed && knobs.causeMix) {
      const index = drawCause(this.ctx.rng, FILE_CAUSES);
      job.out.push(`${iso(now)} ${FILE_CAUSES[index].line(this.ctx.rng, file)}`);
      (job.causes ??= []).push({ kind: 'file', index, file });
    } else if (failed) {
      job.out.push(`${iso(now)} ERROR processing ${file}: exit status 65 from the application`);
    } else {
      const outs = declareOutputs(this.ctx, sub, job, input);
      job.out.push(`${iso(now)} processed ${file} -> ${outs.join(' ') || '(no output)'}`);
    }
  }

  /** The application died: the file in hand stays `delivered` (SAM) or is released `failed` (DD). */
  private crash(job: SimJob): void {
    const sub = this.batch.submission(job.submission)!;
    const mixed = job.crashCause === undefined ? undefined : CRASH_CAUSES[job.crashCause];
    const code = mixed?.exitCode ?? this.batch.knobsOf(job).crashExitCode;
    if (mixed) {
      job.err = mixed.err(this.ctx.rng, job.currentFile);
      (job.causes ??= []).push({ kind: 'crash', index: job.crashCause! });
    }
    if (job.processId !== undefined)
      this.ctx.sam(sub.experiment).projects.endProcess(sub.project!, job.processId, 'bad', this.ctx.now());
    if (sub.ddProject !== undefined && job.currentFile) ddRelease(this.ctx, sub, job, job.currentFile, true);
    job.out.push(`${iso(this.ctx.now())} application crashed (exit code ${code})`);
    this.batch.finish(job, code);
  }
}

const key = (job: SimJob) => jobKey(job.cluster, job.proc);
const iso = (ms: number) => new Date(ms).toISOString();
