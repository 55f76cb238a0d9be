import { describe, expect, it } from 'vitest';
import {
  formatSubmitOutput,
  LaunchLogParser,
  parseLaunchOutput,
  type LaunchEvents,
} from '../../../../../src/adapters/jobsub/parse/index.js';

const HL = '=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-';
// external-apis.md 1.5, verbatim.
const TRANSCRIPT = `== process_id: 40211 ==
… setup noise (set -x echo) …
Task=101
Submitting job(s)..........
10 job(s) submitted to cluster 5001.

${HL}

Use job id 5001.0@sim-schedd01.example to retrieve output
${HL}


For Status, use URL: https://poms.example/poms/submission_details?submission_id=101
== completed: 40211 ==
`;

const EXPECTED: LaunchEvents = {
  remotePid: 40211,
  assignedSubmissionId: 101,
  jobIds: ['5001.0@sim-schedd01.example'],
  jobCounts: [10],
  statusUrl: 'https://poms.example/poms/submission_details?submission_id=101',
  finished: true,
  errors: [],
};

describe('launch log', () => {
  it('parses the reference transcript', () => {
    expect(parseLaunchOutput(TRANSCRIPT)).toEqual(EXPECTED);
  });

  it('formatSubmitOutput prints exactly the submit block of the transcript', () => {
    const block = formatSubmitOutput({ cluster: 5001, schedd: 'sim-schedd01.example', count: 10 });
    expect(block).toBe(
      `Submitting job(s)..........\n10 job(s) submitted to cluster 5001.\n\n${HL}\n\nUse job id 5001.0@sim-schedd01.example to retrieve output\n${HL}\n\n\n`,
    );
    expect(TRANSCRIPT).toContain(block);
  });

  it('gives the same result for any chunking, with CRLF line ends', () => {
    const crlf = TRANSCRIPT.replace(/\n/g, '\r\n');
    for (const size of [1, 2, 3, 7, 64]) {
      const p = new LaunchLogParser();
      for (let i = 0; i < crlf.length; i += size) p.push(crlf.slice(i, i + size));
      expect(p.end()).toEqual(EXPECTED);
    }
  });

  it('reports progress on complete lines only', () => {
    const p = new LaunchLogParser();
    p.push('== process_id: 7 ==\nTask=1');
    expect(p.events).toMatchObject({ remotePid: 7, finished: false });
    expect(p.events.assignedSubmissionId).toBeUndefined();
    p.push('2\n');
    expect(p.events.assignedSubmissionId).toBe(12);
    p.push('== completed: 7 ==');
    expect(p.events.finished).toBe(false);
    expect(p.end().finished).toBe(true);
  });

  it('collects several submissions, trailing whitespace, and ignores echoed lines', () => {
    const log = [
      '+ echo Use job id 1.0@x to retrieve output',
      formatSubmitOutput({ cluster: 5001, schedd: 's1.example', count: 2 }),
      formatSubmitOutput({ cluster: 5002, schedd: 's2.example', count: 3 }).replace(
        'to retrieve output',
        'to retrieve output   ',
      ),
      'Use job id 5001.0@s1.example to retrieve output',
    ].join('\n');
    expect(parseLaunchOutput(log)).toMatchObject({
      jobIds: ['5001.0@s1.example', '5002.0@s2.example'],
      jobCounts: [2, 3],
      finished: false,
    });
  });

  it('collects submit failures', () => {
    const log = `== process_id: 9 ==
ERROR: Failed to connect to local queue manager

${'=-'.repeat(30)}

Error: condor_submit exited with failed status code 1

Number of submitted jobs would exceed MAX_JOBS_PER_SUBMISSION (10000)
${'=-'.repeat(30)}

Error: Child was terminated by signal 9
== completed: 9 ==
`;
    expect(parseLaunchOutput(log)).toEqual({
      remotePid: 9,
      jobIds: [],
      jobCounts: [],
      finished: true,
      errors: [
        'ERROR: Failed to connect to local queue manager',
        'Error: condor_submit exited with failed status code 1',
        'Number of submitted jobs would exceed MAX_JOBS_PER_SUBMISSION (10000)',
        'Error: Child was terminated by signal 9',
      ],
    });
  });

  it("reports OpenSSH's own failures (a refused hop to the submit host)", () => {
    const log = 'Setting up\nssh: connect to host jobsub01.fnal.gov port 22: Connection refused\n';
    expect(parseLaunchOutput(log).errors).toEqual([
      'ssh: connect to host jobsub01.fnal.gov port 22: Connection refused',
    ]);
  });

  it('keeps the first pid and task id', () => {
    const ev = parseLaunchOutput('== process_id: 1 ==\n== process_id: 2 ==\nTask=5\nTask=6\n');
    expect(ev).toMatchObject({ remotePid: 1, assignedSubmissionId: 5 });
  });
});
