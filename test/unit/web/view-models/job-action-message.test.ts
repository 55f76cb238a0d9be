import { describe, expect, it } from 'vitest';
import { jobActionMessage } from '../../../../src/web/view-models/job-action-message.js';

const sub = { kind: 'submission' as const, id: 12 };
const out = (o: Partial<Parameters<typeof jobActionMessage>[2]>) => ({
  output:
    "All jobs matching constraint (POMS4_SUBMISSION_ID==12) have been held\nCouldn't find/hold all jobs in cluster 5",
  submissions: [12],
  matched: 1,
  jobs: { reach: 4, total: 4 },
  ...o,
});

describe('jobActionMessage', () => {
  it('says how many of the jobs it reached, without the reply of the second command', () => {
    expect(jobActionMessage('hold', sub, out({}))).toEqual({
      kind: 'success',
      text: 'Held 4 of 4 jobs of submission 12.',
      details: [],
    });
    expect(
      jobActionMessage(
        'kill',
        { kind: 'stage', id: 3 },
        out({ submissions: [1, 2], jobs: { reach: 3, total: 9 } }),
      ).text,
    ).toBe('Killed 3 of 9 jobs of 2 submission(s) of stage 3.');
  });

  it('says there was nothing to release when jobsub acted on nothing', () => {
    const m = jobActionMessage(
      'release',
      sub,
      out({ matched: 0, output: "Couldn't find/release all jobs in cluster 5" }),
    );
    expect(m).toEqual({
      kind: 'info',
      text: 'Nothing to release: jobsub found no held jobs in submission 12.',
      details: [],
    });
  });

  it('says so when the submission is no longer active', () => {
    expect(jobActionMessage('hold', sub, out({ submissions: [], matched: null })).text).toBe(
      'Nothing to hold: submission 12 is no longer active.',
    );
  });

  it('warns and shows the output when the reply is not understood', () => {
    const m = jobActionMessage('hold', sub, out({ matched: null, output: 'something odd\n' }));
    expect(m.kind).toBe('warning');
    expect(m.details).toEqual(['something odd']);
  });

  it('says the count is unknown before Lens has reported', () => {
    expect(jobActionMessage('hold', sub, out({ jobs: { reach: null, total: null } })).text).toBe(
      'Held the jobs of submission 12 (Lens has not reported job counts yet).',
    );
  });
});
