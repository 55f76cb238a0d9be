import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIRST_PASS_FAILURES } from '../../../src/sim/index.js';
import { chainDriver } from './chain-driver.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

// external-apis.md 6.6 on the simulator with a manual clock: reco → Idle → Running → Completed →
// Located → one consumed_status recovery on exactly the failed files → Located → ana on exactly
// reco's located outputs → Located.
describe('the demo scenario end to end', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSimHarness();
  });
  afterAll(async () => h?.close());

  const { subs, history, stageId, runUntil } = chainDriver(() => h, 'demo');

  it('runs reco, its recovery and ana to Located with the right files', { timeout: 300_000 }, async () => {
    const producer = await h.user('producer');
    const reco = await stageId('reco');
    const ana = await stageId('ana');
    const out = await h.services.launchActions.launch(producer, reco, {}, 'samdev');
    expect(out.kind).toBe('launched');
    const recoId = (out as { submissionId: number }).submissionId;
    await h.services.runner.idle();
    const launched = (await subs()).find((s) => s.submission_id === recoId)!;
    expect(launched.jobsub_job_id).toMatch(/^\d+@sim-schedd0\d\.example$/);

    await runUntil(async () => (await subs()).some((s) => s.stage_id === ana && s.status === 'Located'));
    const all = await subs();
    const recoSub = all.find((s) => s.submission_id === recoId)!;
    expect(await history(recoId)).toEqual(['New', 'Idle', 'Running', 'Completed', 'Located']);
    expect(recoSub.project).toBeTruthy();
    expect(recoSub.files_consumed).toBe(37);

    // Exactly one recovery, of type consumed_status, on exactly the three failed files.
    const recoveries = all.filter((s) => s.parent_submission_id === recoId);
    expect(recoveries).toHaveLength(1);
    const rec = recoveries[0];
    expect(rec.recovery_type).toBe('consumed_status');
    expect(rec.dataset).toMatch(new RegExp(`^poms_recover_[0-9a-f]+_${recoId}_0$`));
    const recoveredFiles = await h.services.fife.sam!.listFiles('samdev', `defname: ${rec.dataset}`);
    expect([...recoveredFiles].sort()).toEqual([...DEMO_FIRST_PASS_FAILURES].sort());
    expect(await history(rec.submission_id)).toEqual(['New', 'Idle', 'Running', 'Completed', 'Located']);

    // ana launched once, on reco's outputs: every input's reco_ child (the recovery's included).
    const anas = all.filter((s) => s.stage_id === ana);
    expect(anas).toHaveLength(1);
    expect(anas[0].dataset).toBe(`poms_depends_${recoId}_1`);
    expect(anas[0].depends_on_submission_id).toBe(recoId);
    const anaInputs = await h.services.fife.sam!.listFiles('samdev', `defname: ${anas[0].dataset}`);
    const raw = await h.services.fife.sam!.listFiles('samdev', 'defname: demo_raw');
    expect(raw).toHaveLength(40);
    const expected = raw.map((f) => `reco_${f}`).sort();
    expect([...anaInputs].sort()).toEqual(expected);
    expect(await history(anas[0].submission_id)).toEqual(['New', 'Idle', 'Running', 'Completed', 'Located']);
    expect(anas[0].located_reason).toBe('complete');
    // Nothing else was launched.
    expect(all).toHaveLength(3);
  });
});
