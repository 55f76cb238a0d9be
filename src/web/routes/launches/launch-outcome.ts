import type { LaunchOutcome } from '../../../services/launch/launch-request.js';

/** Where the browser goes after a launch, and what the flash says. */
export function outcomePage(
  exp: string,
  stageId: number,
  o: LaunchOutcome,
): { url: string; message: string } {
  const e = encodeURIComponent(exp);
  if (o.kind === 'held')
    return {
      url: `/experiments/${e}/held-launches`,
      message: `The stage or experiment is held: the launch is queued (#${o.heldLaunchId})`,
    };
  if (o.kind === 'awaiting_approval')
    return {
      url: `/experiments/${e}/submissions/${o.submissionId}/log`,
      message: `Submission ${o.submissionId} awaits approval`,
    };
  return {
    url: `/experiments/${e}/submissions/${o.submissionId}/log`,
    message: `${o.duplicate ? 'Already launched' : 'Launched'} submission ${o.submissionId} on ${o.dataset} (stage ${stageId})`,
  };
}

export const outcomeStatus = (o: LaunchOutcome) => (o.duplicate ? 200 : o.kind === 'held' ? 202 : 201);
