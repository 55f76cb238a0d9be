import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { exportIni, importIni } from './campaign-test-helpers.js';

const E = '/api/v1/experiments/samdev';

// Issue 18: "no file progress in N hours" is part of the campaign's definition — `stall_hours` in
// [campaign_defaults] (the campaign's) and in a stage — so it travels with the .ini file and the
// editor, and the notifications page edits the same values.
describe('stall_hours in the campaign .ini', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  const withStall = (campaign: string, defaults: string, stage: string) => `[campaign]
name=${campaign}

[campaign_defaults]
vo_role=Production
software_version=v1
dataset_or_split_data=raw
login_setup=ls
job_type=jt
stall_hours=${defaults}

[campaign_stage gen]
cs_split_type=nfiles(5)

[campaign_stage reco]
stall_hours=${stage}

[dependencies reco]
campaign_stage_1=gen
file_pattern_1=%.root

[login_setup ls]
host=localhost
account=me
setup=

[job_type jt]
launch_script=fife_launch
parameters=[]
recoveries=[]
`;

  it('imports into the campaign and stage thresholds, exports them back, and follows the notifications page', async () => {
    const text = withStall('stall_demo', '24', '3');
    const r = await importIni(app.url, 'samdev', text);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    const id = r.json.campaign_id as number;
    const db = app.testDb.db;
    const row = await db('campaigns').where({ campaign_id: id }).first();
    expect(row.stall_hours).toBe(24);
    expect(row.defaults).not.toHaveProperty('stallHours');
    const reco = await db('stages').where({ campaign_id: id, name: 'reco' }).first();
    expect(reco.stall_hours).toBe(3);

    const view = await api(app.url, 'GET', `${E}/campaigns/${id}/notifications`, { user: 'producer' });
    expect(view.json.stalls).toMatchObject({ stall_hours: 24, effective_hours: 24 });
    expect(view.json.stalls.stages).toContainEqual(
      expect.objectContaining({ name: 'reco', stall_hours: 3, effective_hours: 3 }),
    );

    const out = (await exportIni(app.url, 'samdev', id)).text;
    expect(out).toMatch(/\[campaign_defaults\][^[]*^stall_hours=24$/m);
    expect(out).toMatch(/\[campaign_stage reco\][^[]*^stall_hours=3$/m);
    expect((await importIni(app.url, 'samdev', out)).status).toBe(200);
    expect((await exportIni(app.url, 'samdev', id)).text).toBe(out);

    await api(app.url, 'PUT', `${E}/campaigns/${id}/stall-hours`, {
      user: 'producer',
      body: { stall_hours: 10, stages: { [reco.stage_id]: null } },
    });
    const edited = (await exportIni(app.url, 'samdev', id)).text;
    expect(edited).toMatch(/\[campaign_defaults\][^[]*^stall_hours=10$/m);
    expect(edited).not.toMatch(/\[campaign_stage reco\][^[]*^stall_hours/m);
  });

  it('refuses a bad value naming its line, section and key, and writes nothing', async () => {
    const before = await app.testDb.db('campaigns').count<{ n: string }[]>({ n: '*' }).first();
    const text = withStall('stall_bad', '6', '0');
    const r = await importIni(app.url, 'samdev', text);
    expect(r.status).toBe(400);
    const line = text.split('\n').findIndex((l) => l === 'stall_hours=0') + 1;
    expect(r.json.error.details[0]).toMatchObject({
      line,
      section: 'campaign_stage reco',
      key: 'stall_hours',
      message: "Expected a whole number of hours from 1 to 720, got '0'",
    });
    const after = await app.testDb.db('campaigns').count<{ n: string }[]>({ n: '*' }).first();
    expect(after).toEqual(before);
  });
});
