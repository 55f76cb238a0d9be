import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { demoStageId, startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

// Issue 13: a re-run of a stage on the same dataset, launched while the first launch is at work,
// has its own outputs; the downstream stage of each launch gets its own launch's outputs (and
// its recoveries'), never the other's. Before, the first launch's `poms_depends` definition took
// every output of the version created after it, the re-run's included.
describe('an overlapping re-run and the downstream datasets', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSimHarness(11);
  });
  afterAll(async () => h?.close());

  const subs = () => h.testDb.db<SubmissionRow>('submissions').orderBy('submission_id');
  const stageId = (name: string) => demoStageId(h.testDb.db, name);

  async function step() {
    h.sim.clock.advance(30_000);
    await h.services.runner.idle();
    await pollLens(h.services.tracking!);
    await wrapUp(h.services.tracking!);
    await h.services.runner.idle();
  }

  it('gives each launch’s downstream stage exactly that launch’s outputs', { timeout: 300_000 }, async () => {
    const producer = await h.user('producer');
    const [reco, ana] = [await stageId('reco'), await stageId('ana')];
    await h.services.launchActions.launch(producer, reco, {}, 'samdev');
    await h.services.runner.idle();
    for (let i = 0; i < 4; i++) await step();
    expect((await subs())[0].status).not.toBe('Located');
    await h.services.launchActions.launch(producer, reco, {}, 'samdev');
    await h.services.runner.idle();
    for (let i = 0; i < 600 && (await subs()).filter((s) => s.stage_id === ana).length < 2; i++) await step();

    const all = await subs();
    const originals = all.filter((s) => s.stage_id === reco && s.parent_submission_id === null);
    const anas = all.filter((s) => s.stage_id === ana);
    expect(originals).toHaveLength(2);
    expect(anas.map((s) => s.depends_on_submission_id).sort()).toEqual(originals.map((s) => s.submission_id));
    const sam = h.services.fife.sam!;
    const inputs = await Promise.all(anas.map((s) => sam.listFiles('samdev', `defname: ${s.dataset}`)));
    const raw = await sam.listFiles('samdev', 'defname: demo_raw');
    // One reco output per raw file in each, and no file in both.
    for (const list of inputs) {
      expect(list).toHaveLength(raw.length);
      const parents = await Promise.all(list.map((f) => sam.fileLineage('samdev', f, 'parents')));
      expect(new Set(parents.flat()).size).toBe(raw.length);
    }
    expect(inputs[0].filter((f) => inputs[1].includes(f))).toEqual([]);
  });
});
