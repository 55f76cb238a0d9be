import type { FlashKind } from '../middleware/flash.js';

export type ActVerb = 'kill' | 'cancel' | 'hold' | 'release';
export type ActScope = { kind: 'submission' | 'stage' | 'campaign'; id: number };

export interface ControlOutcome {
  output: string;
  submissions: number[];
  /** condor replies that acted on something; 0 = jobsub found nothing; null = no reply recognised. */
  matched: number | null;
  jobs: { reach: number | null; total: number | null };
}

const DONE: Record<ActVerb, string> = {
  kill: 'Killed',
  cancel: 'Cancelled',
  hold: 'Held',
  release: 'Released',
};
const WHICH: Record<ActVerb, string> = {
  kill: 'no unfinished jobs',
  cancel: 'no unfinished jobs',
  hold: 'no running or idle jobs',
  release: 'no held jobs',
};

function scopeText(scope: ActScope, subs: number): string {
  if (scope.kind === 'submission') return `submission ${scope.id}`;
  return `${subs} submission(s) of ${scope.kind} ${scope.id}`;
}

/**
 * One message saying exactly what a kill / cancel / hold / release did: how many of the jobs it
 * reached (by Lens's last counts), or that there was nothing to act on. A success never carries an
 * error line; jobsub's own words come as details only when something did not go as asked.
 */
export function jobActionMessage(
  act: ActVerb,
  scope: ActScope,
  out: ControlOutcome,
): { kind: FlashKind; text: string; details: string[] } {
  const where = scopeText(scope, out.submissions.length);
  const lines = out.output.split('\n').filter(Boolean).slice(-12);
  if (!out.submissions.length) {
    const why =
      scope.kind === 'submission'
        ? `submission ${scope.id} is no longer active`
        : `${scope.kind} ${scope.id} has no active submission`;
    return { kind: 'info', text: `Nothing to ${act}: ${why}.`, details: [] };
  }
  if (out.matched === 0)
    return { kind: 'info', text: `Nothing to ${act}: jobsub found ${WHICH[act]} in ${where}.`, details: [] };
  if (out.matched === null)
    return {
      kind: 'warning',
      text: `Asked jobsub to ${act} the jobs of ${where}, but could not read its reply:`,
      details: lines,
    };
  const { reach, total } = out.jobs;
  const count =
    reach === null || total === null ? 'the jobs' : `${reach} of ${total} job${total === 1 ? '' : 's'}`;
  const note = reach === null ? ' (Lens has not reported job counts yet)' : '';
  return { kind: 'success', text: `${DONE[act]} ${count} of ${where}${note}.`, details: [] };
}
