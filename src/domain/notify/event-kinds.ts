import type { SubmissionStatus } from '../submissions/status-machine.js';

// What POMS notifies about (issue 18). A subscription names the kinds it wants.
export const EVENT_KINDS = [
  'submission.failed',
  'submission.launch_failed',
  'submission.held',
  'launch.held',
  'launch.refused',
  'recovery.launched',
  'stage.complete',
  'campaign.complete',
  'campaign.stalled',
  'credential.expiring',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_LABELS: Record<EventKind, string> = {
  'submission.failed': 'a submission Failed',
  'submission.launch_failed': 'a launch failed (LaunchFailed)',
  'submission.held': 'a submission Held too long',
  'launch.held': 'a launch queued by a hold',
  'launch.refused': 'an automatic launch refused',
  'recovery.launched': 'a recovery launched',
  'stage.complete': 'a stage complete',
  'campaign.complete': 'a campaign complete',
  'campaign.stalled': 'a campaign stalled',
  'credential.expiring': 'a production credential about to expire',
};

export const isEventKind = (v: unknown): v is EventKind =>
  typeof v === 'string' && (EVENT_KINDS as readonly string[]).includes(v);

/** The event a status change causes at once (Held notifies only after a while: see held-watch). */
export function eventKindOfStatus(status: SubmissionStatus): EventKind | null {
  if (status === 'Failed') return 'submission.failed';
  if (status === 'LaunchFailed') return 'submission.launch_failed';
  return null;
}

/** One thing that happened, as written to the outbox. */
export interface NotifyEvent {
  kind: EventKind;
  experiment: string;
  campaignId?: number | null;
  stageId?: number | null;
  submissionId?: number | null;
  /** One line, e.g. "Submission 12 (mu2e_gen · stage gen) Failed". */
  summary: string;
  details?: Record<string, unknown>;
  /** One event per occurrence of a lasting condition (e.g. `held:<sid>:<since>`). */
  dedupeKey?: string;
}
