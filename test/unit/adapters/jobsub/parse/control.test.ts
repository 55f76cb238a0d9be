import { describe, expect, it } from 'vitest';
import {
  buildControlCommands,
  formatControlReply,
  parseControlReplies,
} from '../../../../../src/adapters/jobsub/parse/index.js';

describe('control commands', () => {
  it('builds the two POMS commands for a submission', () => {
    expect(
      buildControlCommands('kill', { kind: 'submission', id: 101 }, 'fermilab', 'Production', [
        '5001@sim-schedd01.example',
        '5002@sim-schedd02.example',
      ]),
    ).toEqual([
      'jobsub_rm -G fermilab --role Production --constraint POMS4_SUBMISSION_ID==101',
      'jobsub_rm -G fermilab --role Production --jobid=5001@sim-schedd01.example,5002@sim-schedd02.example',
    ]);
  });

  it.each([
    ['cancel', 'campaign', 'jobsub_rm', 'POMS4_CAMPAIGN_ID==7'],
    ['hold', 'stage', 'jobsub_hold', 'POMS4_CAMPAIGN_STAGE_ID==7'],
    ['release', 'submission', 'jobsub_release', 'POMS4_SUBMISSION_ID==7'],
  ] as const)('%s on a %s repeats the constraint when no ids are known', (act, kind, program, constraint) => {
    const cmd = `${program} -G mu2e --role Analysis --constraint ${constraint}`;
    expect(buildControlCommands(act, { kind, id: 7 }, 'mu2e', 'Analysis', [])).toEqual([cmd, cmd]);
  });

  it('omits --role when there is none and quotes every value that needs it', () => {
    expect(
      buildControlCommands('hold', { kind: 'stage', id: 1 }, "it's; rm -rf /", 'Pro duction', [
        "1@a'b",
        '2@c',
      ]),
    ).toEqual([
      "jobsub_hold -G 'it'\\''s; rm -rf /' --role 'Pro duction' --constraint POMS4_CAMPAIGN_STAGE_ID==1",
      "jobsub_hold -G 'it'\\''s; rm -rf /' --role 'Pro duction' --jobid='1@a'\\''b,2@c'",
    ]);
    expect(buildControlCommands('release', { kind: 'stage', id: 1 }, 'g', undefined, [])[0]).toBe(
      'jobsub_release -G g --constraint POMS4_CAMPAIGN_STAGE_ID==1',
    );
  });

  it('rejects a non-integer scope id', () => {
    expect(() => buildControlCommands('kill', { kind: 'submission', id: 1.5 }, 'g', 'r', [])).toThrow(
      RangeError,
    );
  });
});

describe('control replies', () => {
  it.each([
    ['rm', { cluster: 5001 }, true, 'All jobs in cluster 5001 have been marked for removal'],
    ['hold', { cluster: 5001 }, true, 'All jobs in cluster 5001 have been held'],
    ['release', { cluster: 5001 }, true, 'All jobs in cluster 5001 have been released'],
    ['rm', { cluster: 5001, proc: 3 }, true, 'Job 5001.3 marked for removal'],
    ['hold', { cluster: 5001, proc: 3 }, true, 'Job 5001.3 held'],
    ['release', { cluster: 5001, proc: 3 }, true, 'Job 5001.3 released'],
    [
      'rm',
      { constraint: 'POMS4_SUBMISSION_ID==101' },
      true,
      'All jobs matching constraint (POMS4_SUBMISSION_ID==101) have been marked for removal',
    ],
    ['hold', { constraint: 'A==1' }, true, 'All jobs matching constraint (A==1) have been held'],
    ['rm', { cluster: 5001 }, false, "Couldn't find/remove all jobs in cluster 5001"],
    ['release', { constraint: 'A==1' }, false, "Couldn't find/release all jobs matching constraint (A==1)"],
    ['hold', { cluster: 5001, proc: 2 }, false, 'Job 5001.2 not found'],
  ] as const)('%s %j found=%s', (command, target, found, line) => {
    expect(formatControlReply(command, target, found)).toBe(line);
    const { replies } = parseControlReplies(line);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ target, ok: found, line });
    if (found || !('proc' in target)) expect(replies[0].command).toBe(command);
  });

  it('counts successes across a combined output', () => {
    const out = [
      'All jobs matching constraint (POMS4_SUBMISSION_ID==101) have been marked for removal',
      "Couldn't find/remove all jobs matching constraint (POMS4_SUBMISSION_ID==101)",
      'All jobs in cluster 5001 have been marked for removal',
      'some other text',
    ].join('\n');
    expect(parseControlReplies(out).matched).toBe(2);
    expect(parseControlReplies('No jobs found\n').matched).toBe(0);
    expect(parseControlReplies('nothing recognisable').matched).toBeNull();
  });
});
