import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { startSimulator } from '../../../src/sim/index.js';
import type { SimWorld } from '../../../src/sim/world/sim-world.js';
import { startDemoRun, type DemoRun } from '../pages/demo-run.js';

/** Every time the world handed out (files, definitions, snapshots, projects, processes, jobs). */
function worldTimes(world: SimWorld): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const exp of world.experimentNames()) {
    const sam = world.sam(exp);
    for (const f of sam.catalogue.allFiles()) out.push([`file ${f.name}`, f.createDate.getTime()]);
    for (const p of sam.projects.all()) {
      out.push([`project ${p.name} start`, p.startMs]);
      if (p.endMs !== undefined) out.push([`project ${p.name} end`, p.endMs]);
      for (const pr of p.processes) {
        out.push([`process ${pr.id} start`, pr.startMs]);
        if (pr.endMs !== undefined) out.push([`process ${pr.id} end`, pr.endMs]);
      }
    }
  }
  for (const s of world.batch.allSubmissions()) {
    out.push([`cluster ${s.cluster} submitted`, s.submitted]);
    if (s.ended !== undefined) out.push([`cluster ${s.cluster} ended`, s.ended]);
  }
  for (const j of world.batch.allJobs())
    if (j.runStart !== undefined) out.push([`job ${j.proc}`, j.runStart]);
  return out;
}

describe('one clock: the simulator keeps POMS calendar', () => {
  let run: DemoRun;
  beforeAll(async () => {
    run = await startDemoRun();
  }, 300_000);
  afterAll(async () => run?.close());

  it('after a whole demo run on the manual clock, POMS and the simulator read the same time', () => {
    expect(Date.now()).toBe(run.h.sim.clock.nowMs());
  });

  it('no file, project or job time lies in POMS future', () => {
    const now = Date.now();
    const times = worldTimes(run.h.sim.world);
    expect(times.length).toBeGreaterThan(100);
    expect(times.filter(([, t]) => t > now)).toEqual([]);
  });

  it('each output was made inside the lifetime POMS recorded for the submission whose jobs made it', async () => {
    const db = run.h.testDb.db;
    const { reco } = run.subs;
    const row = (await db<SubmissionRow>('submissions')
      .where({ submission_id: reco.submission_id })
      .first())!;
    const sam = run.h.sim.world.sam('samdev');
    const made = [...sam.catalogue.allFiles()].filter(
      (f) => f.name.startsWith('reco_') && sam.projects.all().some((p) => p.name === row.project),
    );
    const own = made.filter((f) => {
      const [parent] = sam.catalogue.parentsOf(f.name);
      return (
        parent &&
        sam.projects
          .all()
          .find((p) => p.name === row.project)!
          .files.includes(parent)
      );
    });
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) {
      expect(f.createDate.getTime()).toBeGreaterThan(row.created_at.getTime());
    }
    // The first pass's own outputs (not its recovery's) predate its Completed time as POMS saw it.
    const firstPass = own.filter((f) => f.createDate.getTime() <= row.completed_at!.getTime());
    expect(firstPass.length).toBe(row.files_consumed);
  });

  it('an accelerated simulator compresses durations on the wall calendar', async () => {
    const sim = await startSimulator({ clock: { speed: 60 }, demo: true, stateDir: null });
    try {
      const before = Date.now();
      const now = sim.clock.nowMs();
      expect(now).toBeGreaterThanOrEqual(before);
      expect(now).toBeLessThanOrEqual(Date.now());
      expect(sim.clock.compress(3_600_000)).toBe(60_000);
      const times = worldTimes(sim.world);
      expect(times.length).toBeGreaterThan(0);
      expect(times.filter(([, t]) => t > Date.now())).toEqual([]);
    } finally {
      await sim.stop();
    }
  });
});
