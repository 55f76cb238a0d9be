import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJobId } from '../../../src/adapters/jobsub/parse/index.js';
import { createApp } from '../../../src/app.js';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { collectFailures } from '../../../src/services/failures/collect-failures.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';
import { getJson, P, signedIn } from '../pages/page-helpers.js';

// Issue 18 item 3: the simulator draws a realistic mix of crashes, holds and failed files from its
// seed (knob causeMix); every job records what it drew. POMS, reaching the simulator only through
// Lens, jobsub_fetchlog and SAM, must group them into exactly those causes with those counts.

/** What each entry of the simulator's cause tables (failure-mix.ts) must read as once normalised. */
const CRASH = [
  'exit 137 (SIGKILL): Killed: memory usage <n> MB exceeded request_memory <n> MB',
  'exit 139 (SIGSEGV): Segmentation fault (core dumped) at <hex> in libreco_module.so',
  'exit 65: ---- ProductNotFound BEGIN: no product of type recob::Hit in <path>',
  'exit 92: ifdh cp failed: <url> Connection timed out after <n> s on <host>',
];
const HOLD = [
  'held: Job put on hold by remote host <host>: memory usage <n> MB exceeded request_memory <n> MB',
  'held: The job exceeded allowed execute duration of <n>:<n>:<n>',
  'held: Error from slot<n>_<n>@<host>: Failed to transfer files: <path>: No space left on device',
];
const FILE = [
  'ERROR processing raw_run<n>_<n>.root: exit status <n> from the application after <n> events',
  'ERROR reading raw_run<n>_<n>.root: TFile::Init: file <path> is truncated at <n> bytes',
  'ERROR ifdh fetch of raw_run<n>_<n>.root failed: xrootd <url> timed out',
];

const tally = (keys: string[]) => {
  const m: Record<string, number> = {};
  for (const k of keys) m[k] = (m[k] ?? 0) + 1;
  return m;
};

describe('failures grouped by cause', () => {
  let h: SimHarness;
  let server: Server;
  let url: string;
  let sub: SubmissionRow;
  let expected: { exit: Record<string, number>; held: Record<string, number>; file: Record<string, number> };

  beforeAll(async () => {
    h = await startSimHarness(34);
    h.sim.world.faults.patch({
      stages: { reco: { causeMix: true, jobCrashRate: 0.35, holdRate: 0.6, fileFailureRate: 0.2 } },
    });
    const db = h.testDb.db;
    const reco = await db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    const producer = await h.user('producer');
    const out = (await h.services.launchActions.launch(producer, reco.stage_id, {}, 'samdev')) as {
      submissionId: number;
    };
    await h.services.runner.idle();
    const t = h.services.tracking!;
    const get = async () =>
      (await db<SubmissionRow>('submissions').where({ submission_id: out.submissionId }).first())!;
    let heldSeen = 0;
    for (let i = 0; i < 400; i++) {
      h.sim.clock.advance(60_000);
      await h.services.runner.idle();
      await pollLens(t);
      const s = await get();
      if (s.status === 'Held') {
        // the loop reads the hold reasons from Lens while the jobs are held, then they are released
        await collectFailures(t);
        heldSeen++;
        await h.services.jobs.control(
          producer,
          'samdev',
          { kind: 'submission', id: s.submission_id },
          'release',
        );
      }
      if (['Completed', 'Failed'].includes(s.status)) break;
    }
    sub = await get();
    expect(['Completed', 'Failed']).toContain(sub.status);
    expect(heldSeen).toBeGreaterThan(0);
    expect(await collectFailures(t)).toMatch(/1 finished collected/);

    // the truth, from what the simulator's jobs drew
    const cluster = parseJobId(sub.jobsub_job_id!)!.cluster;
    // DAGMan's own exit (non-zero when a node failed) is not a job failure of its own
    const jobs = h.sim.world.batch.allJobs().filter((j) => j.submission === cluster && j.role !== 'dagman');
    const failedFiles = new Set(
      await h.services.fife.sam!.listFiles(
        'samdev',
        `project_name '${sub.project}' and consumed_status failed`,
      ),
    );
    expected = {
      exit: tally(jobs.filter((j) => j.exitCode).map((j) => CRASH[j.crashCause!])),
      held: tally(
        jobs
          .flatMap((j) => (j.causes ?? []).filter((c) => c.kind === 'hold').slice(0, 1))
          .map((c) => HOLD[c.index]),
      ),
      file: tally(
        jobs
          .flatMap((j) => (j.causes ?? []).filter((c) => c.kind === 'file' && failedFiles.has(c.file!)))
          .map((c) => FILE[c.index]),
      ),
    };
    const app = createApp(h.services, h.services.config);
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 600_000);
  afterAll(async () => {
    if (server) await new Promise((r) => server.close(r));
    await h?.close();
  });

  it('the simulated mix has several causes of each kind', () => {
    expect(Object.keys(expected.exit).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(expected.held).length).toBeGreaterThanOrEqual(1);
    expect(Object.keys(expected.file).length).toBeGreaterThanOrEqual(3);
  });

  it('groups failed jobs, held jobs and failed files by normalised cause with exact counts', async () => {
    const r = await getJson(url, `${P}/stages/${sub.stage_id}/failures?page_size=100`);
    expect(r.status).toBe(200);
    const groups = r.json.groups.items as Array<{
      source: string;
      cause: string;
      jobs: number;
      files: number;
    }>;
    const of = (source: string, n: 'jobs' | 'files') =>
      Object.fromEntries(groups.filter((g) => g.source === source).map((g) => [g.cause, g[n]]));
    expect(of('exit', 'jobs')).toEqual(expected.exit);
    expect(of('held', 'jobs')).toEqual(expected.held);
    expect(of('file', 'files')).toEqual(expected.file);
    expect(r.json.totals.failed_files).toBe(Object.values(expected.file).reduce((a, b) => a + b, 0));
    for (const g of r.json.groups.items) {
      expect(g.submission_ids).toEqual([sub.submission_id]);
      expect(new Date(g.first_seen).getTime()).toBeLessThanOrEqual(new Date(g.last_seen).getTime());
    }
  });

  it('is the same for the campaign and the experiment, and collecting again adds nothing', async () => {
    const stage = await getJson(url, `${P}/stages/${sub.stage_id}/failures?page_size=100`);
    const campaign = await getJson(url, `${P}/campaigns/${sub.campaign_id}/failures?page_size=100`);
    const experiment = await getJson(url, `${P}/failures?page_size=100`);
    expect(campaign.json.groups.items).toEqual(stage.json.groups.items);
    expect(experiment.json.groups.items).toEqual(stage.json.groups.items);
    await h.testDb.db('failure_collections').update({ final: false });
    await collectFailures(h.services.tracking!);
    expect((await getJson(url, `${P}/failures?page_size=100`)).json.groups.items).toEqual(
      stage.json.groups.items,
    );
  });

  it('pages the groups and links an example log that exists', async () => {
    const all = (await getJson(url, `${P}/failures?page_size=100`)).json.groups;
    const first = (await getJson(url, `${P}/failures?page_size=2&page=1`)).json.groups;
    const second = (await getJson(url, `${P}/failures?page_size=2&page=2`)).json.groups;
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items]).toEqual(all.items.slice(0, 4));
    const web = await signedIn(url, 'shifter');
    for (const g of all.items.filter((x: { source: string }) => x.source === 'exit').slice(0, 2)) {
      const log = await web.get(g.example.url);
      expect(log.status).toBe(200);
      expect(log.body).toContain(g.example.detail);
    }
    const page = await web.get(`${P}/stages/${sub.stage_id}`);
    expect(page.body).toContain('id="stage-failures"');
    expect(page.body).toContain(`${P}/stages/${sub.stage_id}/failures`);
    const section = await web.get(`${P}/stages/${sub.stage_id}/failures?fragment=1&page_size=5`);
    expect(section.body).toContain('id="failure-groups"');
    expect(section.body).not.toContain('<html');
    const own = await web.get(`${P}/stages/${sub.stage_id}/failures?page_size=2`);
    expect(own.status).toBe(200);
    expect(own.body).toContain('Next ›');
  });
});
