import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  condorLogJobs,
  parseCondorUserLog,
  parseLaunchOutput,
  parseQueueLong,
  parseQueueText,
} from '../../../src/adapters/jobsub/parse/index.js';
import {
  parseBatchedAnswer,
  parseSubmissionAnswer,
} from '../../../src/adapters/lens/query/parse-lens-answer.js';
import { samProjectFrom } from '../../../src/adapters/lens/query/sam-project-from.js';
import { jsonAnswer, projectSummarySchema } from '../../../src/adapters/sam/sam-answers.js';
import { samTotals } from '../../../src/domain/files/sam-totals.js';

// The parsers on answers in the real services' formats, written as our own fixtures from public
// descriptions (jobsub_lite's jobsub_q and submit output, HTCondor's user log, the Lens documents
// POMS sends and their answers, samweb's project summary; external-apis.md 1.5, 1.6, 1.8, 2.3,
// 3.3): not what our simulator prints, so a parser that only fits the simulator fails here.
const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/golden', name), 'utf8');

describe('golden fixtures in the real formats', () => {
  it('jobsub_q default listing: rows (DAG node too), statuses and the totals line', () => {
    const { rows, totals } = parseQueueText(
      fixture('jobsub_q-default.txt'),
      new Date('2026-12-06T00:00:00Z'),
    );
    expect(rows.map((r) => [r.jobId, r.status])).toEqual([
      ['71234567.0@jobsub01.fnal.gov', 'R'],
      ['71234567.1@jobsub01.fnal.gov', 'I'],
      ['71234568.0@jobsub01.fnal.gov', 'R'],
      ['71234569.0@jobsub01.fnal.gov', 'H'],
    ]);
    expect(rows[3].dagNode).toBe('WORKER_1');
    expect(rows[0].submitted.toISOString()).toBe('2026-11-28T09:14:00.000Z');
    expect(rows[0].runtimeSec).toBe(41 * 60 + 7);
    expect(rows[3].command).toMatch(/^worker\.sh --proc 3/);
    expect(totals).toEqual({
      total: 4,
      completed: 0,
      removed: 0,
      idle: 1,
      running: 2,
      held: 1,
      suspended: 0,
    });
  });

  it('jobsub_q --long (condor_q -long through jobsub_lite): one classad per job, the attributes POMS reads', () => {
    const ads = parseQueueLong(fixture('jobsub_q-long.txt'));
    expect(
      ads.map((a) => [
        a.ClusterId,
        a.ProcId,
        a.JobStatus,
        a.JobUniverse,
        a.DAGManJobId,
        a.POMS4_SUBMISSION_ID,
      ]),
    ).toEqual([
      [71234568, 0, 2, 7, null, 101],
      [71234569, 0, 5, 5, 71234568, 101],
    ]);
    expect(ads[1]).toMatchObject({
      DAGNodeName: 'WORKER_1',
      GlobalJobId: 'jobsub01.fnal.gov#71234569.0#1764321660',
      HoldReason: expect.stringContaining('gone over memory limit'),
      ExitCode: 0,
    });
  });

  it('jobsub_q listing of earlier jobsub_lite releases (no space before the status) parses the same', () => {
    const { rows, totals } = parseQueueText(fixture('jobsub_q-older.txt'), new Date('2026-12-06T00:00:00Z'));
    expect(rows.map((r) => [r.jobId, r.owner, r.status, r.runtimeSec, r.sizeMb])).toEqual([
      ['71234567.0@jobsub01.fnal.gov', 'mu2epro', 'R', 41 * 60 + 7, 733],
      ['71234567.1@jobsub01.fnal.gov', 'mu2epro', 'I', 0, 0],
    ]);
    expect(totals).toMatchObject({ total: 2, idle: 1, running: 1 });
  });

  it('condor user log: new and old timestamps, hold/release, normal and abnormal termination, abort', () => {
    const events = parseCondorUserLog(fixture('condor-user-log.log'), {
      now: new Date('2026-12-06T00:00:00Z'),
    });
    expect(events.map((e) => `${e.code} ${e.job}`)).toEqual([
      '000 71234567.0',
      '001 71234567.0',
      '006 71234567.0',
      '012 71234567.0',
      '013 71234567.0',
      '005 71234567.0',
      '000 71234567.1',
      '005 71234567.1',
      '009 71234567.2',
    ]);
    expect(events[0].time?.toISOString()).toBe('2026-11-28T09:14:02.000Z');
    expect(events[7].time?.toISOString()).toBe('2026-11-28T11:02:40.000Z');
    expect(events[5].termination).toMatchObject({ normal: true, returnValue: 0, exitCode: 0 });
    expect(events[7].termination).toMatchObject({ normal: false, signal: 9, exitCode: 137 });
    expect(condorLogJobs(events).length).toBeGreaterThanOrEqual(2);
  });

  it('a launch transcript: process markers, Task=, the job count, the job id and the status URL', () => {
    const e = parseLaunchOutput(fixture('launch-transcript.txt'));
    expect(e).toMatchObject({
      remotePid: 40211,
      assignedSubmissionId: 101,
      jobIds: ['71234567.0@jobsub01.fnal.gov'],
      jobCounts: [10],
      statusUrl: 'https://pomsgpvm01.fnal.gov/poms/submission_details?submission_id=101',
      finished: true,
      errors: [],
    });
  });

  it('Lens: query 2 (pomsTaskID as a string, aliased env null) and a batched answer with a per-alias error', () => {
    const one = parseSubmissionAnswer(fixture('lens-submission-info.json'));
    expect(one.errors).toEqual([]);
    expect(one.entry).toMatchObject({
      id: '71234567.0@jobsub01.fnal.gov',
      pomsTaskID: 101,
      done: false,
      running: 6,
      idle: 3,
      held: 1,
      env: { POMS_ENV: null },
    });
    const batch = parseBatchedAnswer(fixture('lens-batched-with-error.json'), [
      { alias: 'j0', key: { jobId: '71234567.0@jobsub01.fnal.gov' } },
      { alias: 's0', key: { taskId: 999 } },
    ]);
    expect(batch.items[0].entry).toMatchObject({
      done: true,
      completed: 9,
      failed: 1,
      env: { POMS_ENV: 'prod' },
    });
    expect(samProjectFrom(batch.items[0].entry!)).toBe('mu2e_reco_20261128');
    expect(batch.items[1].entry).toBeNull();
    expect(batch.items[1].errors[0].message).toMatch(/no submission found/);
    expect(batch.errors).toEqual([]);
  });

  it('samweb project summary (format=json, process_limit=0): extra fields kept out, totals as POMS derives them', () => {
    const summary = jsonAnswer(
      projectSummarySchema,
      { status: 200, text: fixture('sam-project-summary.json'), contentType: 'application/json' },
      'projects/summary',
    );
    expect(summary).toMatchObject({ project_status: 'running', files_in_snapshot: 40 });
    const t = samTotals(summary);
    expect(t).toMatchObject({ consumed: 31, failed: 2, skipped: 1 });
  });
});
