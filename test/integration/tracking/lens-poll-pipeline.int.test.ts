import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LensClient } from '../../../src/adapters/lens/index.js';
import { createLogger } from '../../../src/lib/logger.js';
import { pollExperiment } from '../../../src/services/tracking/lens-poller.js';
import type { TrackingDeps } from '../../../src/services/tracking/tracking-deps.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

// Issue 15: a poll asks Lens for the next step's submissions while it writes this step's readings.
// Over real HTTP (a server answering in Lens's batched format) and real PostgreSQL: every reading
// of a poll of several steps is applied, and a Lens failure in a later step leaves the steps
// already answered applied, the rest untouched, and the window unsaved.
/** Followed submissions per step here (1,000 in production: the same code, fewer rows to insert). */
const STEP = 100;
/** The first step is a quarter of the others. */
const FIRST = STEP / 4;
const TAIL = 35;
const N = FIRST + STEP * 2 + TAIL;

/** Lens's reading of submission `i` (its jobsub id is `i.0@lens-pipe`): one in ten finished. */
const reading = (i: number) =>
  i % 10 === 0
    ? { done: true, running: 0, idle: 0, held: 0, failed: 1, completed: 9, cancelled: 0 }
    : { done: false, running: 3 + (i % 5), idle: 2, held: 0, failed: 0, completed: i % 7, cancelled: 0 };

describe('the Lens poll as a pipeline', () => {
  let t: TestDb;
  let server: http.Server;
  let url: string;
  let failFrom = Infinity;
  let documents = 0;

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const { query } = JSON.parse(body) as { query: string };
        if (/^\{ submissions\(/.test(query)) return res.end(JSON.stringify({ data: { submissions: [] } }));
        if (++documents >= failFrom) {
          res.statusCode = 503;
          return res.end('down');
        }
        const data: Record<string, unknown> = {};
        for (const m of query.matchAll(/(\w+): submission\(id: "(\d+)\.0@lens-pipe"\)/g)) {
          const i = Number(m[2]);
          data[m[1]] = { id: `${i}.0@lens-pipe`, pomsTaskID: null, error: null, ...reading(i) };
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data }));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lens/query`;
  });
  afterAll(async () => {
    await new Promise((ok) => server.close(ok));
    await t?.destroy();
  });

  /** N Running submissions of a new experiment, submission i with jobsub id `i.0@lens-pipe`. */
  async function makeSubmissions(experiment: string): Promise<number[]> {
    await t.db('experiments').insert({ experiment, name: experiment, active: true });
    const [c] = await t.db('campaigns').insert({ experiment, name: 'pipe' }).returning('campaign_id');
    const [s] = await t
      .db('stages')
      .insert({ experiment, name: 'pipe', campaign_id: c.campaign_id })
      .returning('stage_id');
    const rows = Array.from({ length: N }, (_, i) => ({
      experiment,
      campaign_id: c.campaign_id,
      stage_id: s.stage_id,
      status: 'Running',
      jobsub_job_id: `${i}@lens-pipe`,
      project: 'p',
    }));
    const ids: number[] = [];
    for (let i = 0; i < N; i += 1000)
      ids.push(
        ...(
          await t
            .db('submissions')
            .insert(rows.slice(i, i + 1000))
            .returning('submission_id')
        ).map((r: { submission_id: number }) => Number(r.submission_id)),
      );
    return ids;
  }

  const deps = (): TrackingDeps =>
    ({
      db: t.db,
      lens: new LensClient({ url, retry: { retries: 0 }, batchSize: 10 }),
      lensPipelineStep: STEP,
      log: createLogger('silent'),
      pollIntervalMs: 60_000,
      launchFailedAfterMs: 3_600_000,
      locatedMaxWaitMs: 86_400_000,
    }) as unknown as TrackingDeps;

  const rows = (ids: number[]) =>
    t
      .db('submissions')
      .whereIn('submission_id', ids)
      .orderBy('submission_id')
      .select('jobsub_job_id', 'status', 'jobs_running', 'jobs_completed', 'jobs_total', 'tracked_via');

  it('applies every reading of a poll of several steps', async () => {
    const ids = await makeSubmissions('pipe_all');
    failFrom = Infinity;
    documents = 0;
    expect(await pollExperiment(deps(), 'pipe_all')).toEqual({ seen: N, changed: N / 10 });
    // documents of 10 keys, step by step
    expect(documents).toBe(Math.ceil(FIRST / 10) + (STEP / 10) * 2 + Math.ceil(TAIL / 10));
    const after = await rows(ids);
    for (const r of after) {
      const i = Number(r.jobsub_job_id.split('@')[0]);
      const want = reading(i);
      expect(r).toMatchObject({
        status: want.done ? 'Completed' : 'Running',
        jobs_running: want.running,
        jobs_completed: want.completed,
        tracked_via: 'lens',
      });
    }
    const history = await t
      .db('submission_history')
      .whereIn('submission_id', ids)
      .groupBy('status')
      .select('status', t.db.raw('count(*)::int as n'));
    expect(history).toEqual([{ status: 'Completed', n: N / 10 }]);
    const state = await t.db('loop_state').where({ loop: 'lens-poller' }).first();
    expect(state?.state).toHaveProperty('pipe_all');
  });

  it('a Lens failure in the second step: the first step applied, the rest untouched, the window not saved', async () => {
    const ids = await makeSubmissions('pipe_fail');
    documents = 0;
    failFrom = Math.ceil(FIRST / 10) + 1; // the first document of the second step
    await expect(pollExperiment(deps(), 'pipe_fail')).rejects.toMatchObject({ service: 'lens' });
    const after = await rows(ids);
    expect(after.filter((r) => r.tracked_via === 'lens')).toHaveLength(FIRST);
    expect(after.filter((r) => r.tracked_via === null && r.jobs_total === null)).toHaveLength(N - FIRST);
    for (const r of after) {
      const want = reading(Number(r.jobsub_job_id.split('@')[0]));
      if (r.tracked_via === 'lens')
        expect(r).toMatchObject({ status: want.done ? 'Completed' : 'Running', jobs_running: want.running });
      else expect(r).toMatchObject({ status: 'Running', jobs_running: null });
    }
    const state = await t.db('loop_state').where({ loop: 'lens-poller' }).first();
    expect(state?.state ?? {}).not.toHaveProperty('pipe_fail');
  });
});
