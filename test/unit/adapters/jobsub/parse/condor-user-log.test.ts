import { describe, expect, it } from 'vitest';
import { condorLogJobs, parseCondorUserLog } from '../../../../../src/adapters/jobsub/parse/index.js';
import { condorUserLog } from '../../../../../src/sim/batch/condor-user-log.js';
import type { SimJob } from '../../../../../src/sim/batch/batch-types.js';

// Old condor (8.x): `MM/DD HH:MM:SS`, no year. Proc 0 ran to the end; proc 1 was held, released,
// then killed by signal 9; proc 2 was removed.
const OLD_FORMAT = `000 (5001.000.000) 12/31 23:50:01 Job submitted from host: <131.225.67.1:9615?addrs=131.225.67.1-9615>
    DAG Node: WORKER_0
...
000 (5001.001.000) 12/31 23:50:01 Job submitted from host: <131.225.67.1:9615?addrs=131.225.67.1-9615>
...
000 (5001.002.000) 12/31 23:50:01 Job submitted from host: <131.225.67.1:9615?addrs=131.225.67.1-9615>
...
001 (5001.000.000) 12/31 23:55:10 Job executing on host: <10.10.0.17:9618?addrs=10.10.0.17-9618>
...
006 (5001.000.000) 01/01 00:00:18 Image size of job updated: 124000
\t121  -  MemoryUsage of job (MB)
\t123904  -  ResidentSetSize of job (KB)
...
012 (5001.001.000) 01/01 00:01:00 Job was held.
\tJob put on hold by remote host: memory usage exceeded request_memory
\tCode 26 Subcode 0
...
013 (5001.001.000) 01/01 00:05:00 Job was released.
\tvia condor_release (by user samdevpro)
...
001 (5001.001.000) 01/01 00:06:00 Job executing on host: <10.10.0.18:9618?addrs=10.10.0.18-9618>
...
009 (5001.002.000) 01/01 00:07:00 Job was aborted.
\tvia condor_rm (by user samdevpro)
...
005 (5001.000.000) 01/01 01:02:44 Job terminated.
\t(1) Normal termination (return value 0)
\t\tUsr 0 01:05:12, Sys 0 00:00:40  -  Run Remote Usage
\t\tUsr 0 00:00:00, Sys 0 00:00:00  -  Run Local Usage
\t\tUsr 0 01:05:12, Sys 0 00:00:40  -  Total Remote Usage
\t\tUsr 0 00:00:00, Sys 0 00:00:00  -  Total Local Usage
\t0  -  Run Bytes Sent By Job
\t0  -  Run Bytes Received By Job
\tPartitionable Resources :    Usage  Request Allocated
\t   Cpus                 :                 1         1
\t   Disk (KB)            :    20480  1000000   1048576
\t   Memory (MB)          :      512     2000      2048
...
005 (5001.001.000) 01/01 01:10:00 Job terminated.
\t(0) Abnormal termination (signal 9)
\t(0) No core file
\t\tUsr 0 00:10:00, Sys 0 00:00:01  -  Run Remote Usage
...
`;

// New condor (9+/23): ISO timestamps; a DAG node log with a job-ad event (028) and CRLF endings.
const ISO_FORMAT = [
  '000 (7002.000.000) 2025-04-01 10:00:02 Job submitted from host: <131.225.67.2:9615?addrs=131.225.67.2-9615>',
  '    DAG Node: SAM_START',
  '...',
  '001 (7002.000.000) 2025-04-01 10:00:12 Job executing on host: <10.10.0.17:9618?addrs=10.10.0.17-9618>',
  '\tJOB_Site = FermiGrid',
  '...',
  '028 (7002.000.000) 2025-04-01 10:00:12 Job ad information event triggered.',
  'ExecuteHost = "<10.10.0.17:9618>"',
  'TriggerEventTypeName = "ULOG_EXECUTE"',
  '...',
  '005 (7002.000.000) 2025-04-01 10:00:27 Job terminated.',
  '\t(1) Normal termination (return value 3)',
  '...',
  '000 (7003.000.000) 2025-04-01 10:00:40 Job submitted from host: <131.225.67.2:9615?addrs=131.225.67.2-9615>',
  '...',
  '001 (7003.000.000) 2025-04-01 10:01:00 Job executing on host: <10.10.0.19:9618?addrs=10.10.0.19-9618>',
  '',
].join('\r\n');

describe('condor user log parser', () => {
  it('reads the old MM/DD format, choosing the latest year not in the future', () => {
    const events = parseCondorUserLog(OLD_FORMAT, { now: new Date('2025-01-01T02:00:00Z') });
    expect(events.map((e) => `${e.code} ${e.job}`)).toEqual([
      '000 5001.0',
      '000 5001.1',
      '000 5001.2',
      '001 5001.0',
      '006 5001.0',
      '012 5001.1',
      '013 5001.1',
      '001 5001.1',
      '009 5001.2',
      '005 5001.0',
      '005 5001.1',
    ]);
    expect(events[0].time?.toISOString()).toBe('2024-12-31T23:50:01.000Z');
    expect(events[9].time?.toISOString()).toBe('2025-01-01T01:02:44.000Z');
    expect(events[0]).toMatchObject({ cluster: 5001, proc: 0, subproc: 0, body: ['DAG Node: WORKER_0'] });
    expect(events[5]).toMatchObject({
      text: 'Job was held.',
      body: ['Job put on hold by remote host: memory usage exceeded request_memory', 'Code 26 Subcode 0'],
    });
    expect(events[9].termination).toEqual({ normal: true, returnValue: 0, signal: null, exitCode: 0 });
    expect(events[9].body).toContain('Memory (MB)          :      512     2000      2048');
    expect(events[10].termination).toEqual({ normal: false, returnValue: null, signal: 9, exitCode: 137 });
    expect(condorLogJobs(events)).toEqual([
      { job: '5001.0', submitted: true, terminated: true, aborted: false, exitCode: 0 },
      { job: '5001.1', submitted: true, terminated: true, aborted: false, exitCode: 137 },
      { job: '5001.2', submitted: true, terminated: false, aborted: true, exitCode: null },
    ]);
  });

  it('applies the schedd offset to timestamps without one', () => {
    const [e] = parseCondorUserLog('000 (1.000.000) 2025-04-01 10:00:00 Job submitted\n...\n', {
      utcOffsetMinutes: -300,
    });
    expect(e.time?.toISOString()).toBe('2025-04-01T15:00:00.000Z');
    const [z] = parseCondorUserLog('000 (1.000.000) 2025-04-01T10:00:00+02:00 Job submitted\n...\n');
    expect(z.time?.toISOString()).toBe('2025-04-01T08:00:00.000Z');
  });

  it('reads the ISO format with CRLF endings and keeps an unfinished last event', () => {
    const events = parseCondorUserLog(ISO_FORMAT);
    expect(events.map((e) => `${e.code} ${e.job} ${e.time?.toISOString()}`)).toEqual([
      '000 7002.0 2025-04-01T10:00:02.000Z',
      '001 7002.0 2025-04-01T10:00:12.000Z',
      '028 7002.0 2025-04-01T10:00:12.000Z',
      '005 7002.0 2025-04-01T10:00:27.000Z',
      '000 7003.0 2025-04-01T10:00:40.000Z',
      '001 7003.0 2025-04-01T10:01:00.000Z',
    ]);
    expect(events[1].body).toEqual(['JOB_Site = FermiGrid']);
    expect(events[2].body).toEqual([
      'ExecuteHost = "<10.10.0.17:9618>"',
      'TriggerEventTypeName = "ULOG_EXECUTE"',
    ]);
    expect(events[3].termination?.exitCode).toBe(3);
    expect(condorLogJobs(events).map((j) => [j.job, j.terminated])).toEqual([
      ['7002.0', true],
      ['7003.0', false],
    ]);
  });

  it('skips text outside events and lines that only look like headers', () => {
    const text = [
      'Retrieved logs of 5001@sim-schedd01.example',
      '000 (5001.000.000) 13/45 10:00:00 Job submitted',
      '...',
      '00 (5001.000.000) 2025-04-01 10:00:00 Job submitted',
      '005 (5001.000) 2025-04-01 10:00:00 Job terminated.',
      '',
    ].join('\n');
    const events = parseCondorUserLog(text);
    expect(events).toHaveLength(1);
    expect(events[0].time).toBeNull();
    expect(parseCondorUserLog('')).toEqual([]);
    expect(condorLogJobs([])).toEqual([]);
  });

  it("parses what the simulator's writer produces", () => {
    const t0 = Date.parse('2025-04-01T10:00:00Z');
    const job = {
      cluster: 5002,
      proc: 3,
      holdReasonCode: 26,
      history: [
        { at: t0, status: 1 },
        { at: t0 + 60_000, status: 2 },
        { at: t0 + 120_000, status: 5, holdReason: 'memory' },
        { at: t0 + 180_000, status: 1 },
        { at: t0 + 240_000, status: 2 },
        { at: t0 + 900_000, status: 4, exitCode: 2 },
      ],
    } as unknown as SimJob;
    const events = parseCondorUserLog(condorUserLog(job, 'samdevpro'));
    expect(events.map((e) => [e.code, e.job, e.time?.getTime()])).toEqual([
      ['000', '5002.3', t0],
      ['001', '5002.3', t0 + 60_000],
      ['012', '5002.3', t0 + 120_000],
      ['013', '5002.3', t0 + 180_000],
      ['001', '5002.3', t0 + 240_000],
      ['005', '5002.3', t0 + 900_000],
    ]);
    expect(events[5].termination?.exitCode).toBe(2);
    expect(events[2].body).toEqual(['memory', 'Code 26 Subcode 0']);
  });
});
