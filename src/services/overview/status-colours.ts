import { SUBMISSION_STATUSES, type SubmissionStatus } from '../../domain/submissions/status-machine.js';

/**
 * One colour per submission status, for the time bars and their legend: the Okabe–Ito palette
 * (colour-blind safe) and three greys, every one distinct. The failures and the lost also carry a
 * pattern (`STATUS_PATTERNS`) so Failed, LaunchFailed and Removed tell apart without colour.
 */
export const STATUS_COLOURS: Readonly<Record<SubmissionStatus, string>> = {
  New: '#dddddd',
  'Awaiting Approval': '#f0e442',
  LaunchFailed: '#cc79a7',
  Idle: '#56b4e9',
  Running: '#0072b2',
  Held: '#e69f00',
  Completed: '#009e73',
  Located: '#005a41',
  Failed: '#d55e00',
  Cancelled: '#999999',
  Removed: '#555555',
};

/** The pattern drawn over a status's colour (none for most). */
export type StatusPattern = 'hatch' | 'cross' | 'dots';
export const STATUS_PATTERNS: Readonly<Partial<Record<SubmissionStatus, StatusPattern>>> = {
  Failed: 'hatch',
  LaunchFailed: 'cross',
  Removed: 'dots',
};

/** The "now" line: black, unlike every status. */
export const NOW_COLOUR = '#000000';

export const STATUS_LEGEND = SUBMISSION_STATUSES.map((status) => ({
  status,
  colour: STATUS_COLOURS[status],
  pattern: STATUS_PATTERNS[status] ?? null,
}));
