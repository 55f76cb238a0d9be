import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { condorLogJobs, parseCondorUserLog } from '../../../src/adapters/jobsub/parse/index.js';
import { parseSubmissionAnswer, submissionCountsQuery } from '../../../src/adapters/lens/query/index.js';
import { startSimulator } from '../../../src/sim/index.js';
import { admin, advance, lens, POMS_ENV, runShim } from './sim-harness.js';

// The batch fault knobs over the real protocols: shim processes, Lens over HTTP, the admin API,
// and a restart from the state directory.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-faults-'));
  dirs.push(d);
  return d;
};
const START = new Date('2025-04-01T10:00:00Z');
const S1 = 'sim-schedd01.example';

describe('batch fault knobs over HTTP and shims', () => {
  it('launchFailure ssh: the fife_launch process prints the OpenSSH refusal and exits 255', async () => {
    const sim = await startSimulator({ clock: 'manual', demo: true, startTime: START });
    try {
      const set = await admin(sim, '/faults', { stages: { reco: { launchFailure: 'ssh' } } }, 'PATCH');
      expect(set.status).toBe(200);
      const r = await runShim(sim, 'fife_launch', ['-Oglobal.dataset=demo_raw_small'], POMS_ENV(31));
      expect(r.code).toBe(255);
      expect(r.stderr).toBe(`ssh: connect to host ${S1} port 22: Connection refused\n`);
      expect((await admin(sim, '/state')).body.submissions).toBe(0);
    } finally {
      await sim.stop();
    }
  });

  it('a missing schedd and vanished jobs survive a restart; the schedd comes back through /outage', async () => {
    const stateDir = tmp();
    const first = await startSimulator({ stateDir, clock: 'manual', demo: true, startTime: START });
    const counts = async (sim: typeof first, sid: number) =>
      parseSubmissionAnswer(JSON.stringify((await lens(sim, submissionCountsQuery({ taskId: sid }))).body))
        .entry;
    let jobId: string;
    let vanishedId: string;
    try {
      const launched = await runShim(first, 'fife_launch', ['-Oglobal.dataset=demo_raw_small'], POMS_ENV(41));
      jobId = /^Use job id (\S+) to retrieve output$/m.exec(launched.stdout)![1];
      expect(jobId.endsWith(`@${S1}`)).toBe(true);
      await advance(first, 60_000);
      expect(await counts(first, 41)).not.toBeNull();

      expect((await admin(first, '/outage', { service: 'schedd', on: true })).status).toBe(400);
      const out = await admin(first, '/outage', { service: 'schedd', name: S1, on: true });
      expect(out.body.batch).toEqual({ missingSchedds: [S1] });
      expect(await counts(first, 41)).toBeNull();
      const q = await runShim(first, 'jobsub_q', ['-G', 'fermilab', `--jobid=${jobId}`]);
      expect([q.code, q.stderr]).toEqual([1, `Error: Can't find address for schedd ${S1}\n`]);

      // every job of a stage-`gen` launch vanishes (it goes to the other schedd)
      await admin(first, '/faults', { stages: { gen: { vanishRate: 1 } } }, 'PATCH');
      const gen = await runShim(
        first,
        'jobsub_submit',
        ['-G', 'fermilab', '-N', '3', 'file:///gen.sh'],
        POMS_ENV(42, 'gen'),
      );
      vanishedId = /^Use job id (\S+) to retrieve output$/m.exec(gen.stdout)![1];
      expect(vanishedId.endsWith(`@${S1}`)).toBe(false);
      await advance(first, 3 * 3600_000);
      const subs = (await admin(first, '/submissions')).body as Array<{ id: string; done?: boolean }>;
      expect(subs.find((s) => s.id === vanishedId)).not.toHaveProperty('done'); // no Lens view left
    } finally {
      await first.stop();
    }

    const second = await startSimulator({ stateDir, clock: 'manual', demo: true });
    try {
      expect((await admin(second, '/faults')).body.batch).toEqual({ missingSchedds: [S1] });
      expect(await counts(second, 41)).toBeNull();
      expect(await counts(second, 42)).toBeNull();
      const q = await runShim(second, 'jobsub_q', ['-G', 'fermilab']);
      expect(q.stdout).not.toContain(jobId.split('.')[0]);
      expect(q.stdout).not.toContain(vanishedId.split('.')[0]);

      // the vanished jobs' user logs stop at `000`: no terminate event
      const dest = tmp();
      const logs = await runShim(
        second,
        'jobsub_fetchlog',
        ['-G', 'fermilab', '-J', vanishedId.replace('.0@', '@'), '--destdir', dest],
        {},
        dest,
      );
      expect(logs.code).toBe(0);
      const logFiles = fs.readdirSync(dest).filter((f) => f.endsWith('.log'));
      const jobs = condorLogJobs(
        logFiles.flatMap((f) => parseCondorUserLog(fs.readFileSync(path.join(dest, f), 'utf8'))),
      );
      expect(jobs.map((j) => [j.submitted, j.terminated])).toEqual([
        [true, false],
        [true, false],
        [true, false],
      ]);

      // the schedd returns: the first launch reappears, finished while it was away
      await admin(second, '/outage', { service: 'schedd', name: S1, on: false });
      expect(await counts(second, 41)).toMatchObject({ done: true });
      expect(await counts(second, 42)).toBeNull();
    } finally {
      await second.stop();
    }
  });
});
