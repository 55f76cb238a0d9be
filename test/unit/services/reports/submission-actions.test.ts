import { describe, expect, it } from 'vitest';
import { submissionActions } from '../../../../src/services/reports/submission-actions.js';
import type { SubmissionStatus } from '../../../../src/domain/submissions/status-machine.js';

const acts = (
  status: SubmissionStatus,
  opts: { full?: boolean; operate?: boolean; dataset?: string | null } = {},
) =>
  submissionActions(
    'samdev',
    {
      submission_id: 7,
      status,
      dataset: opts.dataset === undefined ? 'ds' : opts.dataset,
      parent_submission_id: null,
    },
    opts.operate ?? true,
    opts.full,
  ).map((a) => a.act);

describe('submissionActions', () => {
  it('gives the original list actions by status', () => {
    expect(acts('Running')).toEqual(['hold', 'kill']);
    expect(acts('Held')).toEqual(['release', 'kill']);
    expect(acts('Completed')).toEqual(['kick_located']);
    expect(acts('Awaiting Approval')).toEqual(['approve', 'reject']);
    expect(acts('Failed')).toEqual(['relaunch']);
    expect(acts('LaunchFailed', { dataset: null })).toEqual([]);
    expect(acts('Located')).toEqual([]);
  });

  it('adds kicks and re-launch on the submission page, as the status machine allows', () => {
    expect(acts('Running', { full: true })).toEqual(['hold', 'kill', 'kick_completed']);
    expect(acts('Located', { full: true })).toEqual(['relaunch']);
    expect(acts('Removed', { full: true })).toEqual(['kick_completed', 'relaunch']);
  });

  it('gives nothing to someone who may not operate', () => {
    expect(acts('Running', { operate: false })).toEqual([]);
  });

  it('posts to the existing endpoints', () => {
    const [hold] = submissionActions(
      'my exp',
      { submission_id: 7, status: 'Idle', dataset: null, parent_submission_id: null },
      true,
    );
    expect([hold.url, hold.fields]).toEqual(['/experiments/my%20exp/jobs/submissions/7', { act: 'hold' }]);
  });
});
