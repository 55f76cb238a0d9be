import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { api } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const E = '/api/v1/experiments/samdev';

describe('sample campaigns', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('gives the demo experiment every template on first start, once', async () => {
    expect(await seedDemoCampaigns(app.testDb.db)).toEqual([
      'demo',
      'gen_reco_ana',
      'single_stage',
      'split_types',
    ]);
    expect(await seedDemoCampaigns(app.testDb.db)).toEqual([]);
    const list = await api(app.url, 'GET', `${E}/campaigns`, { user: 'shifter' });
    expect(list.json.items.map((c: { name: string; creator: string }) => [c.name, c.creator])).toEqual([
      ['demo', 'producer'],
      ['gen_reco_ana', 'producer'],
      ['single_stage', 'producer'],
      ['split_types', 'producer'],
    ]);
  });

  it('wires the demo campaign to the simulator scenario (external-apis 6.6)', async () => {
    const list = await api(app.url, 'GET', `${E}/campaigns?name=demo`, { user: 'producer' });
    const demo = await api(
      app.url,
      'GET',
      `${E}/campaigns/${list.json.items.find((c: { name: string }) => c.name === 'demo').campaign_id}`,
      {
        user: 'producer',
      },
    );
    const [reco, ana] = demo.json.stages;
    expect(reco).toMatchObject({
      name: 'reco',
      effective: {
        dataset_or_split_data: 'demo_raw',
        software_version: '%(version)s',
        completion_type: 'located',
        completion_pct: 90,
        job_type: 'demo_reco',
        login_setup: 'demo_localhost',
      },
    });
    expect(demo.json.keywords).toEqual({ version: 'v1' });
    expect(ana).toMatchObject({
      name: 'ana',
      effective: { completion_type: 'complete', job_type: 'demo_ana' },
    });
    expect(demo.json.dependencies).toMatchObject([
      { upstream: 'reco', downstream: 'ana', file_pattern: 'reco_%.root' },
    ]);
    const jts = await api(app.url, 'GET', `${E}/job-types?name=demo_reco`, { user: 'producer' });
    const jt = await api(app.url, 'GET', `${E}/job-types/${jts.json.items[0].job_type_id}`, {
      user: 'producer',
    });
    expect(jt.json).toMatchObject({
      launch_script: 'fife_launch',
      parameters: [
        ['-Oglobal.dataset=', '%(dataset)s'],
        ['-Oglobal.version=', '%(version)s'],
        ['-Oglobal.stage=', 'reco'],
      ],
      output_file_patterns: 'reco_%.root',
      recoveries: [['consumed_status', []]],
    });
    const ls = (await api(app.url, 'GET', `${E}/login-setups`, { user: 'producer' })).json.items;
    expect(ls).toMatchObject([{ name: 'demo_localhost', launch_host: 'localhost' }]);
    const gen = await api(app.url, 'GET', `${E}/campaigns?name=gen_reco_ana`, { user: 'producer' });
    const chain = await api(app.url, 'GET', `${E}/campaigns/${gen.json.items[0].campaign_id}`, {
      user: 'producer',
    });
    expect(chain.json.stages[0].effective).toMatchObject({
      dataset_or_split_data: 'demo_gen_cfg',
      cs_split_type: 'nfiles(1)',
    });
  });

  it('asks for credentials first', async () => {
    for (const path of ['/api/v1/campaign-samples', '/api/v1/recovery-types', `${E}/campaigns`])
      expect((await api(app.url, 'GET', path)).status, path).toBe(401);
    const page = await fetch(`${app.url}/experiments/samdev/campaigns`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Fexperiments%2Fsamdev%2Fcampaigns');
    const types = await api(app.url, 'GET', '/api/v1/recovery-types', { user: 'analyst' });
    expect(types.json.map((t: { name: string }) => t.name)).toContain('process_status');
  });

  it('lists templates and instantiates one under a new name; its job types are reused unchanged', async () => {
    const list = await api(app.url, 'GET', '/api/v1/campaign-samples', { user: 'analyst' });
    expect(list.json.map((s: { id: string }) => s.id)).toEqual([
      'demo',
      'generate-reconstruct-analyse',
      'single-stage',
      'split-types',
    ]);
    expect(list.json[2]).toMatchObject({ title: 'Single stage', campaign: 'single_stage', stages: ['reco'] });
    const text = await api(app.url, 'GET', '/api/v1/campaign-samples/single-stage/ini', { user: 'analyst' });
    expect(text.text).toContain('[campaign_stage reco]');
    // The sample's login setup exists and belongs to production: analysis campaigns cannot use it.
    const refused = await api(app.url, 'POST', `${E}/campaign-samples/generate-reconstruct-analyse`, {
      user: 'analyst',
      body: { name: 'my_chain' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.error.details[0]).toMatchObject({
      key: 'login_setup',
      message:
        'login setup demo_localhost belongs to production and can be used only by production campaigns',
    });
    const made = await api(app.url, 'POST', `${E}/campaign-samples/generate-reconstruct-analyse`, {
      user: 'producer',
      body: { name: 'my_chain' },
    });
    expect(made.status, made.text).toBe(201);
    expect(made.json.unchanged.map((o: { name: string }) => o.name)).toEqual([
      'demo_localhost',
      'demo_gen',
      'demo_reco',
      'demo_ana',
    ]);
    expect(made.json.warnings).toEqual([]);
    const campaign = await api(app.url, 'GET', `${E}/campaigns/${made.json.campaign_id}`, {
      user: 'producer',
    });
    expect(campaign.json).toMatchObject({
      name: 'my_chain',
      creator: 'producer',
      creator_role: 'production',
      can_modify: true,
    });
    expect(campaign.json.node_positions[0]).toEqual({ id: 'campaign my_chain', x: -300, y: 0 });
    const taken = await api(app.url, 'POST', `${E}/campaign-samples/demo`, {
      user: 'analyst',
      body: { name: 'my_chain' },
    });
    expect(taken.status).toBe(409);
    const unknown = await api(app.url, 'POST', `${E}/campaign-samples/nope`, {
      user: 'analyst',
      body: { name: 'x' },
    });
    expect(unknown.status).toBe(404);
  });
});
