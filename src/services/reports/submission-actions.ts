// Which buttons a submission gets, by its status and the viewer's right to operate it. Every
// action posts to an existing endpoint (jobs, kick, relaunch, approve/reject); the status machine
// decides which kicks are possible.

import {
  decideTransition,
  isActiveStatus,
  type SubmissionStatus,
} from '../../domain/submissions/status-machine.js';

export interface SubmissionAction {
  act: 'hold' | 'release' | 'kill' | 'kick_located' | 'kick_completed' | 'relaunch' | 'approve' | 'reject';
  label: string;
  /** Page endpoint to POST to, with these form fields. */
  url: string;
  fields: Record<string, string>;
  confirm: string;
  /** Fomantic button classes. */
  cls: string;
}

interface Actionable {
  submission_id: number;
  status: SubmissionStatus;
  dataset: string | null;
  parent_submission_id: number | null;
}

const canKick = (s: Actionable, to: 'Completed' | 'Located') =>
  decideTransition({
    current: s.status,
    requested: to,
    actor: 'person',
    isRecovery: s.parent_submission_id !== null,
  }).accept;

/**
 * `full` (the submission page) adds the rarer actions: kick to Completed, and re-launch of any
 * submission that recorded its dataset. Lists show the original's set: hold/release/kill while
 * jobs may run, kick to Located when Completed, approve/reject, re-launch after a failure.
 */
export function submissionActions(
  exp: string,
  s: Actionable,
  canOperate: boolean,
  full = false,
): SubmissionAction[] {
  if (!canOperate) return [];
  const e = encodeURIComponent(exp);
  const id = s.submission_id;
  const sub = `/experiments/${e}/submissions/${id}`;
  const jobs = `/experiments/${e}/jobs/submissions/${id}`;
  const out: SubmissionAction[] = [];
  const add = (a: SubmissionAction) => out.push(a);
  if (isActiveStatus(s.status)) {
    if (s.status === 'Held')
      add({
        act: 'release',
        label: 'Release',
        url: jobs,
        fields: { act: 'release' },
        confirm: `Release the held jobs of submission ${id}?`,
        cls: 'basic',
      });
    else
      add({
        act: 'hold',
        label: 'Hold',
        url: jobs,
        fields: { act: 'hold' },
        confirm: `Hold the jobs of submission ${id}?`,
        cls: 'basic',
      });
    add({
      act: 'kill',
      label: 'Kill',
      url: jobs,
      fields: { act: 'kill' },
      confirm: `Kill every job of submission ${id}?`,
      cls: 'basic red',
    });
  }
  if (s.status === 'Awaiting Approval') {
    add({
      act: 'approve',
      label: 'Approve',
      url: `${sub}/approve`,
      fields: {},
      confirm: `Approve submission ${id}?`,
      cls: 'positive',
    });
    add({
      act: 'reject',
      label: 'Reject',
      url: `${sub}/reject`,
      fields: {},
      confirm: `Reject submission ${id}?`,
      cls: 'basic red',
    });
  }
  if (canKick(s, 'Located'))
    add({
      act: 'kick_located',
      label: 'Kick to Located',
      url: `${sub}/kick`,
      fields: { to: 'Located' },
      confirm: `Mark submission ${id} Located without waiting for its outputs?`,
      cls: 'basic',
    });
  if (full && canKick(s, 'Completed') && s.status !== 'Awaiting Approval')
    add({
      act: 'kick_completed',
      label: 'Kick to Completed',
      url: `${sub}/kick`,
      fields: { to: 'Completed' },
      confirm: `Mark submission ${id} Completed?`,
      cls: 'basic',
    });
  const failed = s.status === 'LaunchFailed' || s.status === 'Failed';
  if (s.dataset && (failed || (full && !isActiveStatus(s.status) && s.status !== 'Awaiting Approval')))
    add({
      act: 'relaunch',
      label: 'Re-launch',
      url: `${sub}/relaunch`,
      fields: {},
      confirm: `Launch the stage again on ${s.dataset}?`,
      cls: 'basic',
    });
  return out;
}
