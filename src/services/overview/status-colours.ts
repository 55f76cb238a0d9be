import { SUBMISSION_STATUSES, type SubmissionStatus } from '../../domain/submissions/status-machine.js';

/** One colour per submission status, for the time bars and their legend (Fomantic's palette). */
export const STATUS_COLOURS: Readonly<Record<SubmissionStatus, string>> = {
  New: '#a0a0a0',
  'Awaiting Approval': '#a333c8',
  LaunchFailed: '#8b1a1a',
  Idle: '#fbbd08',
  Running: '#2185d0',
  Held: '#f2711c',
  Completed: '#00b5ad',
  Located: '#21ba45',
  Failed: '#db2828',
  Cancelled: '#767676',
  Removed: '#1b1c1d',
};

export const STATUS_LEGEND = SUBMISSION_STATUSES.map((status) => ({
  status,
  colour: STATUS_COLOURS[status],
}));
