import { fileCountReadModel } from '../../db/read-models/file-count-read-model.js';
import type { SubmissionListRow } from '../../db/read-models/submission-rows-read-model.js';
import { countMany } from '../reports/file-counter.js';
import type { TrackingDeps } from './tracking-deps.js';

/** Most submissions recounted in one wrapup pass (4 SAM calls each); the rest wait for the next. */
export const RECOUNT_BATCH = 20;
/** Submissions counted by the old rule recounted per pass at least, whatever else is due. */
export const OLD_RULE_BATCH = 5;

/**
 * Keeps the file counts of Completed and recently Located submissions (file-count-read-model's
 * `settling`) in step with their data service, through the same counter and cache as the file
 * reports, so the progress and overview pages (which read the columns the cache writes) agree with
 * the reports without anyone opening them. Counts change only as the submission's own files do.
 */
export async function recountSettling(
  deps: TrackingDeps,
  signal?: AbortSignal,
): Promise<{ counted: number; outage: string | null }> {
  const now = (deps.now ?? (() => new Date()))();
  const cache = fileCountReadModel(deps.db);
  const settling = await cache.settling({ now, limit: RECOUNT_BATCH });
  // Counted before attribution: recounted once each, a few per pass, with whatever is settling.
  const ids = new Set(settling.map((r) => r.submission_id));
  const old = await cache.oldRule({ limit: Math.max(OLD_RULE_BATCH, RECOUNT_BATCH - settling.length) });
  const rows = [...settling, ...old.filter((r) => !ids.has(r.submission_id))];
  const byExperiment = new Map<string, SubmissionListRow[]>();
  for (const r of rows) byExperiment.set(r.experiment, [...(byExperiment.get(r.experiment) ?? []), r]);
  let counted = 0;
  let outage: string | null = null;
  for (const [experiment, list] of byExperiment) {
    const data = await deps.data(experiment);
    const name = data.service === 'sam' ? 'SAM' : 'MetaCat';
    const out = await countMany(data.countSubmissionFiles, list, 4, name);
    signal?.throwIfAborted();
    await cache.save(out.counted, now);
    counted += out.counted.length;
    outage ??= out.outage;
  }
  return { counted, outage };
}
