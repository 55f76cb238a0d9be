import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../../src/sim/index.js';
import { admin, POMS_ENV, runShim, sam } from './sim-harness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-int-'));
  dirs.push(d);
  return d;
};

describe('admin API and persistence', () => {
  it('a world in a state directory survives a restart (new port, same catalogue, jobs and clock)', async () => {
    const stateDir = tmp();
    const first = await startSimulator({
      stateDir,
      clock: 'manual',
      demo: true,
      startTime: new Date('2025-04-01T10:00:00Z'),
    });
    expect(first.shimBinDir).toBe(path.join(stateDir, 'bin'));
    expect(fs.readFileSync(path.join(stateDir, 'bin', 'sim-url'), 'utf8').trim()).toBe(first.url);
    await admin(first, '/experiments/samdev/files', {
      files: [{ name: 'extra_1.root', runs: [[7, 1]], endTime: '2025-03-01T00:00:00Z' }],
    });
    await admin(first, '/experiments/samdev/definitions', { name: 'extra', dims: 'file_name extra_%' });
    const launch = await runShim(
      first,
      'fife_launch',
      ['-Oglobal.dataset=extra', '-Oglobal.njobs=1'],
      POMS_ENV(9),
    );
    expect(launch.code).toBe(0);
    await admin(first, '/clock/advance', { seconds: 120 });
    const before = (await admin(first, '/state')).body;
    await first.stop();

    const second = await startSimulator({ stateDir, clock: 'manual', demo: true });
    try {
      expect(second.url).not.toBe(first.url);
      expect(fs.readFileSync(path.join(second.shimBinDir, 'sim-url'), 'utf8').trim()).toBe(second.url);
      const after = (await admin(second, '/state')).body;
      expect(after).toEqual({ ...before });
      expect(await sam(second, '/files/count?dims=defname:extra')).toEqual({ status: 200, text: '1' });
      await admin(second, '/clock/advance', { seconds: 3600 });
      const subs = (await admin(second, '/submissions')).body;
      expect(subs).toEqual([
        expect.objectContaining({ pomsTaskID: '9', done: true, completed: 1, dataset: 'extra' }),
      ]);
      const jobs = (await admin(second, `/jobs?submission=${subs[0].id.split('.')[0]}`)).body;
      expect(jobs.map((j: { role: string }) => j.role)).toEqual(['dagman', 'sam_start', 'worker', 'sam_end']);
    } finally {
      await second.stop();
    }
  });

  it('validates admin bodies and exposes knobs', async () => {
    const sim = await startSimulator({ clock: 'manual' });
    try {
      expect((await admin(sim, '/clock/advance', {})).status).toBe(400);
      expect((await admin(sim, '/faults', { global: { holdRate: 3 } }, 'PATCH')).status).toBe(400);
      expect(
        (await admin(sim, '/experiments/samdev/definitions', { name: 'd', dims: 'file_name (' })).status,
      ).toBe(400);
      expect(
        (await admin(sim, '/experiments/samdev/files', { files: [{ name: 'a.root', parents: ['nope'] }] }))
          .status,
      ).toBe(400);
      const put = await admin(sim, '/faults', { global: { fileFailureRate: 0.5 } }, 'PUT');
      expect(put.body.global).toEqual({ fileFailureRate: 0.5 });
      expect((await admin(sim, '/faults')).body.stages).toEqual({});
      expect((await admin(sim, '/state')).body).toMatchObject({ clock: { mode: 'manual' }, submissions: 0 });
      expect(fs.existsSync(sim.shimBinDir)).toBe(true);
    } finally {
      await sim.stop();
    }
    expect(fs.existsSync(sim.shimBinDir)).toBe(false);
  });

  it('an accelerated clock moves jobs on by itself', async () => {
    const sim = await startSimulator({ clock: { speed: 3600 }, demo: true });
    try {
      await runShim(sim, 'jobsub_submit', ['-G', 'fermilab', '-N', '2', 'file:///x.sh']);
      let done = false;
      for (let i = 0; i < 50 && !done; i++) {
        await new Promise((r) => setTimeout(r, 100));
        done = (await admin(sim, '/submissions')).body[0].done;
      }
      expect(done).toBe(true);
    } finally {
      await sim.stop();
    }
  });
});
