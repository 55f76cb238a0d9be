import type { LensJob } from '../../adapters/lens/lens.js';
import type { FailureEvent } from '../../db/stores/failure-store.js';
import type { SubmissionRow } from '../../db/stores/submission-store.js';
import {
  fileErrorLines,
  fileFailureCause,
  holdCause,
  jobFailureCause,
} from '../../domain/failures/failure-causes.js';
import { stdoutFiles, type JobLogFacts, type LogFile } from './log-bundle-failures.js';

/** What was gathered about one submission's failures; any part may be missing (null). */
export interface GatheredFailures {
  /** Lens's jobs of every cluster; null when Lens did not answer or does not know them. */
  lensJobs: LensJob[] | null;
  /** The job-log bundle, read; null when it could not be fetched. */
  logs: { files: LogFile[]; facts: Map<string, JobLogFacts> } | null;
  /** Files SAM counts failed in the submission's project; null when unknown. */
  failedFiles: string[] | null;
}

const local = (id: string) => id.replace(/@.*$/, '');

/**
 * The failure events of one submission: one per job that exited non-zero (exit code from Lens,
 * else from the condor user log; cause from the code and the log's last error line), one per job
 * held (reason from Lens, else the user log), one per cause of failed files (SAM's failed files,
 * grouped by the error line naming each in the job logs).
 */
export function failureEventsOf(sub: SubmissionRow, got: GatheredFailures, now: Date): FailureEvent[] {
  const schedd = (sub.jobsub_job_id ?? '').replace(/^[^@]*@?/, '');
  const jobId = (job: string) => (job.includes('@') ? job : `${job}@${schedd}`);
  const base = {
    experiment: sub.experiment,
    campaign_id: sub.campaign_id,
    stage_id: sub.stage_id,
    submission_id: sub.submission_id,
  };
  const facts = got.logs?.facts ?? new Map<string, JobLogFacts>();
  const events: FailureEvent[] = [];
  const exits = new Map<string, number>();
  for (const j of got.lensJobs ?? []) if (j.exitCode) exits.set(local(j.id), j.exitCode);
  for (const f of facts.values()) if (f.exitCode && !exits.has(f.job)) exits.set(f.job, f.exitCode);
  for (const [job, code] of exits) {
    const f = facts.get(job);
    events.push({
      ...base,
      source: 'exit',
      cause: jobFailureCause(code, f?.tail ?? null),
      detail: f?.tail ?? null,
      subject: jobId(job),
      files: 0,
      log_file: f?.logFile ?? null,
      seen_at: f?.endedAt ?? sub.completed_at ?? now,
    });
  }
  const held = new Set<string>();
  for (const j of got.lensJobs ?? []) {
    if (j.holdReason === null || held.has(local(j.id))) continue;
    held.add(local(j.id));
    events.push(heldEvent(base, jobId(j.id), j.holdReason, facts.get(local(j.id))?.logFile ?? null, now));
  }
  for (const f of facts.values()) {
    const first = f.holds[0];
    if (!first || held.has(f.job)) continue;
    held.add(f.job);
    events.push(heldEvent(base, jobId(f.job), first.reason, f.logFile, first.at ?? now));
  }
  events.push(...fileEvents(base, got, sub.completed_at ?? now));
  return events;
}

function heldEvent(
  base: Pick<FailureEvent, 'experiment' | 'campaign_id' | 'stage_id' | 'submission_id'>,
  subject: string,
  reason: string,
  logFile: string | null,
  at: Date,
): FailureEvent {
  return {
    ...base,
    source: 'held',
    cause: holdCause(reason),
    detail: reason,
    subject,
    files: 0,
    log_file: logFile,
    seen_at: at,
  };
}

function fileEvents(
  base: Pick<FailureEvent, 'experiment' | 'campaign_id' | 'stage_id' | 'submission_id'>,
  got: GatheredFailures,
  at: Date,
): FailureEvent[] {
  const failed = got.failedFiles ?? [];
  const lineOf = new Map<string, { line: string; file: string }>();
  for (const out of stdoutFiles(got.logs?.files ?? [])) {
    for (const [f, line] of fileErrorLines(out.text, failed))
      if (!lineOf.has(f)) lineOf.set(f, { line, file: out.name });
  }
  const groups = new Map<string, FailureEvent>();
  for (const f of failed) {
    const hit = lineOf.get(f);
    const cause = fileFailureCause(hit?.line ?? null);
    const g = groups.get(cause);
    if (g) g.files++;
    else
      groups.set(cause, {
        ...base,
        source: 'file',
        cause,
        detail: hit?.line ?? f,
        subject: cause,
        files: 1,
        log_file: hit?.file ?? null,
        seen_at: at,
      });
  }
  return [...groups.values()];
}
