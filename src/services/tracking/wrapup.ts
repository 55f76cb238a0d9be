import type { SubmissionRow } from '../../db/stores/submission-store.js';
import { chainSubmission } from './chain.js';
import { locateSubmission } from './locate.js';
import { recountSettling } from './recount-settling.js';
import type { TrackingDeps } from './tracking-deps.js';

const BATCH = 500;

/**
 * One wrapup pass: Completed submissions are checked for Located; the file counts of Completed and
 * recently Located ones are brought up to date (recount-settling); Located ones not yet chained get
 * their recovery or dependents launched. A failure (SAM down) leaves that submission for the next
 * pass and moves on; the pass reports how many it could not handle.
 */
/** `signal` (the loop's) is checked before each submission is located or chained. */
export async function wrapUp(deps: TrackingDeps, signal?: AbortSignal): Promise<string> {
  let located = 0;
  let chained = 0;
  const errors: string[] = [];
  const completed: SubmissionRow[] = await deps
    .db('submissions')
    .where({ status: 'Completed' })
    .orderBy('status_at')
    .limit(BATCH);
  for (const s of completed) {
    signal?.throwIfAborted();
    try {
      if ((await locateSubmission(deps, s)).located) located++;
    } catch (e) {
      errors.push(`locate ${s.submission_id}: ${(e as Error).message}`);
    }
  }
  signal?.throwIfAborted();
  let recounted = 0;
  try {
    const r = await recountSettling(deps, signal);
    recounted = r.counted;
    if (r.outage) errors.push(`recount: ${r.outage}`);
  } catch (e) {
    if (signal?.aborted) throw e;
    errors.push(`recount: ${(e as Error).message}`);
  }
  const toChain: SubmissionRow[] = await deps
    .db('submissions')
    .where({ status: 'Located' })
    .whereNull('chained_at')
    .orderBy('status_at')
    .limit(BATCH);
  for (const s of toChain) {
    signal?.throwIfAborted();
    try {
      await chainSubmission(deps, s);
      chained++;
    } catch (e) {
      errors.push(`chain ${s.submission_id}: ${(e as Error).message}`);
    }
  }
  if (errors.length) deps.log.warn({ errors: errors.slice(0, 20) }, 'wrapup left work for the next pass');
  const summary = `${located} located, ${recounted} recounted, ${chained} chained${errors.length ? `, ${errors.length} deferred (${errors[0]})` : ''}`;
  if (errors.length && !located && !chained && !recounted) throw new Error(summary);
  return summary;
}
