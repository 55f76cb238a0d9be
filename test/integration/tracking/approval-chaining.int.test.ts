import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { campaignImportService } from '../../../src/services/campaigns/campaign-import-service.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';

// An approval stage with the default completion type `located` passes its dataset on: approving it
// chains its downstream stage at once (the original declares poms_depends_<sid>_<i> at launch),
// not after the two-day Located wait.
const INI = `[campaign]
name=gate
campaign_keywords={"version": "v1"}

[campaign_defaults]
vo_role=Production
software_version=%(version)s
cs_split_type=None
completion_type=located
completion_pct=95
login_setup=demo_localhost

[campaign_stage check]
stage_type=approval
dataset_or_split_data=demo_raw
job_type=demo_reco

[campaign_stage reco]
dataset_or_split_data=None
job_type=demo_reco

[dependencies reco]
campaign_stage_1=check
file_pattern_1=%.root
`;

describe('approval stages chain on approval', () => {
  let h: SimHarness;
  beforeAll(async () => {
    h = await startSimHarness();
  });
  afterAll(async () => h?.close());

  const subs = () => h.testDb.db<SubmissionRow>('submissions').orderBy('submission_id');

  it('declares poms_depends_<sid>_1 at launch and launches the downstream stage once approved', async () => {
    const producer = await h.user('producer');
    const imported = await campaignImportService(h.testDb.db).importIni(producer, 'samdev', INI);
    const stages = await h.testDb
      .db('stages')
      .where({ campaign_id: imported.campaign_id })
      .select('stage_id', 'name');
    const id = (name: string) => stages.find((s) => s.name === name)!.stage_id as number;

    const out = await h.services.launchActions.launch(producer, id('check'), {}, 'samdev');
    expect(out.kind).toBe('awaiting_approval');
    const sid = (out as { submissionId: number }).submissionId;
    const sam = h.services.fife.sam!;
    const definition = `poms_depends_${sid}_1`;
    expect(await sam.describeDefinition('samdev', definition)).not.toBeNull();
    const raw = await sam.listFiles('samdev', 'defname: demo_raw');
    expect(raw.length).toBeGreaterThan(0);
    expect((await sam.listFiles('samdev', `defname: ${definition}`)).sort()).toEqual(
      raw.filter((f) => f.endsWith('.root')).sort(),
    );

    // Not approved yet: wrapup leaves it alone.
    await wrapUp(h.services.tracking!);
    expect((await subs()).map((s) => s.status)).toEqual(['Awaiting Approval']);

    await h.services.launchActions.decideApproval(producer, sid, true, 'samdev');
    // One minute of simulated time, far below the two-day wait.
    h.sim.clock.advance(60_000);
    await pollLens(h.services.tracking!);
    await wrapUp(h.services.tracking!);
    await h.services.runner.idle();
    const all = await subs();
    const approved = all.find((s) => s.submission_id === sid)!;
    expect(approved.status).toBe('Located');
    expect(approved.located_reason).toBe('threshold');
    const downstream = all.filter((s) => s.stage_id === id('reco'));
    expect(downstream).toHaveLength(1);
    expect(downstream[0].dataset).toBe(definition);
    expect(downstream[0].depends_on_submission_id).toBe(sid);
  });

  it('declares the definition at wrapup when SAM lost it after the launch', async () => {
    const producer = await h.user('producer');
    const check = (await h.testDb.db('stages').where({ name: 'check' }).first('stage_id')).stage_id as number;
    const out = await h.services.launchActions.launch(producer, check, {}, 'samdev');
    const sid = (out as { submissionId: number }).submissionId;
    const sam = h.services.fife.sam!;
    await sam.deleteDefinition('samdev', `poms_depends_${sid}_1`);
    expect(await sam.describeDefinition('samdev', `poms_depends_${sid}_1`)).toBeNull();
    await h.services.launchActions.decideApproval(producer, sid, true, 'samdev');
    await wrapUp(h.services.tracking!);
    await h.services.runner.idle();
    const approved = (await subs()).find((s) => s.submission_id === sid)!;
    expect(approved.status).toBe('Located');
    expect(approved.chained_at).not.toBeNull();
    expect((await subs()).filter((s) => s.depends_on_submission_id === sid)).toHaveLength(1);
  });
});
