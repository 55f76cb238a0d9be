import { describe, expect, it } from 'vitest';
import { jobCountFromCommand } from '../../../../src/domain/submissions/job-count.js';

describe('jobCountFromCommand', () => {
  it.each([
    ['jobsub_submit -G nova -N 5 file://x.sh', 5],
    ['jobsub_submit -N5 file://x.sh', 5],
    ['jobsub_submit -N=12 file://x.sh', 12],
    ['jobsub_submit -N 2 --other -N 7', 7],
    ['jobsub_submit -N 40', 40],
    ['jobsub_submit --NOPE 3 file://x.sh', null],
    ['jobsub_submit -G nova file://x.sh', null],
    ['', null],
    [null, null],
  ])('%s → %s', (command, expected) => expect(jobCountFromCommand(command)).toBe(expected));
});
