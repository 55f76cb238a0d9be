import { describe, expect, it } from 'vitest';
import {
  formatQueueLong,
  parseQueueLong,
  type ClassAd,
} from '../../../../../src/adapters/jobsub/parse/index.js';

const jobs: ClassAd[] = [
  {
    ClusterId: 5001,
    ProcId: 0,
    JobsubJobId: '5001.0@sim-schedd01.example',
    JobStatus: 5,
    HoldReason: 'memory usage exceeded "request_memory"',
    Env: 'SAM_PROJECT_NAME=demo_raw_x;POMS_TASK_ID=101',
    RemoteUserCpu: 12.5,
    IsJobsubLite: true,
    DAGManJobId: null,
    Requirements: { expr: '(TARGET.Arch == "X86_64")' },
  },
  { ClusterId: 5002, ProcId: 1, Path: 'C:\\tmp' },
];

describe('jobsub_q --long', () => {
  it('formats a classad dump with a blank line after each job', () => {
    expect(formatQueueLong(jobs)).toBe(
      [
        'ClusterId = 5001',
        'ProcId = 0',
        'JobsubJobId = "5001.0@sim-schedd01.example"',
        'JobStatus = 5',
        'HoldReason = "memory usage exceeded \\"request_memory\\""',
        'Env = "SAM_PROJECT_NAME=demo_raw_x;POMS_TASK_ID=101"',
        'RemoteUserCpu = 12.5',
        'IsJobsubLite = true',
        'DAGManJobId = undefined',
        'Requirements = (TARGET.Arch == "X86_64")',
        '',
        'ClusterId = 5002',
        'ProcId = 1',
        'Path = "C:\\\\tmp"',
        '',
        '',
      ].join('\n'),
    );
  });

  it('parses what it formats', () => {
    expect(parseQueueLong(formatQueueLong(jobs))).toEqual(jobs);
  });

  it('tolerates CRLF, extra blank lines and noise', () => {
    const text = '\r\n-- Schedd: s : <1.2.3.4>\r\nA = 1\r\nB = "x"\r\n\r\n\r\nA = 2\r\n';
    expect(parseQueueLong(text)).toEqual([{ A: 1, B: 'x' }, { A: 2 }]);
  });
});
