import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api } from '../../helpers/browser-like-client.js';
import { exportIni } from '../campaigns/campaign-test-helpers.js';
import { chainSuite, EXP, launchAndCount, samWrites } from './chain-fixture.js';

const SAMPLE = readFileSync(
  new URL('../../../src/services/samples/single-stage.ini', import.meta.url),
  'utf8',
);
const URL_ = `/api/v1/experiments/${EXP}/campaigns/check-chain`;

// The editor's hook: Check chain of unsaved .ini text, before any save.
describe('Check chain of unsaved text', () => {
  const suite = chainSuite();
  const check = async (body: unknown, user = 'producer') => {
    const before = await samWrites(suite.h);
    const res = await api(suite.url, 'POST', URL_, { user, body });
    expect(await samWrites(suite.h)).toEqual(before);
    return res;
  };

  it('reports what the text would launch, continuing the saved campaign it names, and saves nothing', async () => {
    const db = suite.h.testDb.db;
    const { campaign_id: id } = await db('campaigns').where({ name: 'single_stage' }).first('campaign_id');
    const { stage_id: reco } = await db('stages').where({ campaign_id: id, name: 'reco' }).first('stage_id');
    const text = SAMPLE.replace('cs_split_type=None', 'cs_split_type=nfiles(7)');
    const exported = (await exportIni(suite.url, EXP, id)).text;

    const fresh = await check({ text });
    expect(fresh.status, fresh.text).toBe(200);
    expect(fresh.json.campaign).toEqual({ id: null, name: 'single_stage' });
    expect(fresh.json.stages[0]).toMatchObject({ dataset: 'demo_raw_slice0_files7', files: 7 });
    expect(fresh.json.stages[0].firstFiles).toHaveLength(5);

    // Saved with that split and launched once, the next launch takes the second slice: so does
    // the check of the text against the saved campaign (its cursor), but not of the text alone.
    await db('stages').where({ stage_id: reco }).update({ split_type: 'nfiles(7)' });
    expect(await launchAndCount(suite.h, reco)).toBe(7);
    const continued = await check({ text, campaign_id: id });
    expect(continued.json.stages[0]).toMatchObject({ dataset: 'demo_raw_slice1_files7', files: 7 });
    expect((await check({ text })).json.stages[0].dataset).toBe('demo_raw_slice0_files7');
    await db('stages').where({ stage_id: reco }).update({ split_type: null, split_cursor: null });
    expect((await exportIni(suite.url, EXP, id)).text).toBe(exported);
  });

  it('warns about what the text names but nobody defined, and about patterns that can select nothing', async () => {
    const text = `${SAMPLE.replace('job_type=demo_reco', 'job_type=no_such_type')}
[campaign_stage ana]
job_type=demo_reco
[dependencies ana]
campaign_stage_1=reco
file_pattern_1=%.art
`;
    const res = await check({ text });
    expect(res.status, res.text).toBe(200);
    const messages = res.json.warnings.map((w: { message: string }) => w.message);
    expect(messages).toContain('stage reco: job type no_such_type does not exist');
    const ana = res.json.dependencies[0];
    expect(ana).toMatchObject({ upstream: 'reco', downstream: 'ana', files: null });
    expect(ana.basis).toBe('the upstream stage is not saved yet: no outputs');
    const fixed = await check({ text: text.replace('job_type=no_such_type', 'job_type=demo_reco') });
    expect(fixed.json.warnings.map((w: { message: string }) => w.message)).toEqual([
      'no dependency consumes the outputs of reco matching reco_%.root',
      'the pattern %.art of ana can match no output of reco (its job type writes reco_%.root)',
    ]);
  });

  it('refuses text it cannot read with the line and section, and an unknown campaign with 404', async () => {
    const text = SAMPLE.replace('dataset_or_split_data=demo_raw', 'no equals sign here');
    const bad = await check({ text });
    expect(bad.status).toBe(400);
    const line = text.split('\n').indexOf('no equals sign here') + 1;
    expect(bad.json.error.details[0]).toMatchObject({ line, section: 'campaign_stage reco' });
    expect((await check({ text: SAMPLE, campaign_id: 999_999 })).status).toBe(404);
    expect((await check({ text: SAMPLE, extra: 1 })).status).toBe(400);
    expect((await api(suite.url, 'POST', URL_, { body: { text: SAMPLE } })).status).toBe(401);
  });
});
