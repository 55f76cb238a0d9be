import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { exportIni } from '../campaigns/campaign-test-helpers.js';
import { editorApi, loadEditor } from './editor-test-helpers.js';

const E = editorApi('samdev');

describe('campaign editor: page, JSON twin, pickers', () => {
  let app: TestApp;
  let ids: Record<string, number>;
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemoCampaigns(app.testDb.db);
    const rows = await app.testDb.db('campaigns').select('name', 'campaign_id');
    ids = Object.fromEntries(rows.map((r: { name: string; campaign_id: number }) => [r.name, r.campaign_id]));
  });
  afterAll(async () => app?.close());

  it('answers the campaign as document and as its export, with a version and the pickers', async () => {
    const data = await loadEditor(app.url, 'samdev', ids.gen_reco_ana);
    expect(data.ini).toBe((await exportIni(app.url, 'samdev', ids.gen_reco_ana)).text);
    expect(data.document.stages.map((s: { name: string }) => s.name)).toEqual(['gen', 'reco', 'ana']);
    expect(data.document.dependencies).toHaveLength(2);
    expect(data).toMatchObject({ campaign_id: ids.gen_reco_ana, can_modify: true, problems: [] });
    expect(data.version).toMatch(/^[0-9a-f]{20}$/);
    expect(data.catalog.jobTypes).toEqual(expect.arrayContaining(['demo_gen', 'demo_reco', 'demo_ana']));
    expect(data.catalog.recoveryTypes).toContain('consumed_status');
    expect(data.catalog.splitTypes.find((t: { name: string }) => t.name === 'mod')).toMatchObject({
      syntax: 'mod(n)',
      params: [{ name: 'n' }],
    });
    expect(data.catalog.builtInDefaults).toMatchObject({ completionType: 'located', completionPct: 95 });
  });

  it('renders the page with the data embedded, vis-network and the editor modules', async () => {
    const producer = new BrowserLikeClient(app.url);
    await producer.signIn('producer');
    const page = await producer.get(`/experiments/samdev/campaigns/${ids.demo}/editor`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="editor-data"');
    expect(page.body).toContain('/vendor/vis-network/vis-network.min.js');
    expect(page.body).toContain('<script type="module" src="/static/js/pages/campaign-editor/main.js">');
    const embedded = JSON.parse(
      page.body.match(/<script type="application\/json" id="editor-data">(.*?)<\/script>/s)![1],
    );
    expect(embedded.document.campaign.name).toBe('demo');
    // The campaign list links to the editor; other pages do not load vis-network.
    const list = await producer.get('/experiments/samdev/campaigns');
    expect(list.body).toContain(`"/experiments/samdev/campaigns/${ids.demo}/editor"`);
    expect(list.body).not.toContain('vis-network');
    const fresh = await producer.get('/experiments/samdev/campaigns/new/editor');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toContain('id="editor-name"');
  });

  it('lets analysts look (can_modify false); shifters may not start a new campaign', async () => {
    const data = await loadEditor(app.url, 'samdev', ids.demo, 'analyst');
    expect(data.can_modify).toBe(false);
    expect((await api(app.url, 'GET', `${E}/new/editor`, { user: 'shifter' })).status).toBe(403);
    expect((await api(app.url, 'GET', `${E}/999999/editor`, { user: 'producer' })).status).toBe(404);
    expect((await api(app.url, 'GET', `${E}/${ids.demo}/editor`)).status).toBe(401);
  });

  it('answers a new campaign as an empty document owned by the caller', async () => {
    const r = await api(app.url, 'GET', `${E}/new/editor`, { user: 'producer' });
    expect(r.json).toMatchObject({
      campaign_id: null,
      can_modify: true,
      version: null,
      document: {
        campaign: { name: '', experiment: 'samdev', pomsRole: 'production', state: 'Active' },
        stages: [],
      },
    });
  });

  it('gives job type and login setup definitions by name, and documents and checks split types', async () => {
    const defs = await api(
      app.url,
      'GET',
      `${E}/editor/definitions?job_type=demo_reco&login_setup=demo_localhost&job_type=nope`,
      {
        user: 'producer',
      },
    );
    expect(defs.json.jobTypes.map((j: { name: string }) => j.name)).toEqual(['demo_reco']);
    expect(defs.json.jobTypes[0]).toMatchObject({
      launchScript: 'fife_launch',
      recoveries: [{ recoveryType: 'consumed_status' }],
    });
    expect(defs.json.loginSetups).toEqual([
      { name: 'demo_localhost', host: 'localhost', account: 'samdevpro', setup: '' },
    ]);

    const types = await api(app.url, 'GET', '/api/v1/split-types', { user: 'analyst' });
    expect(types.json.map((t: { name: string }) => t.name)).toContain('nfiles');
    const bad = await api(app.url, 'GET', '/api/v1/split-types/check?spec=mod(x)', { user: 'analyst' });
    expect(bad.json.problems[0].message).toMatch(/n must be a whole number/);
    const good = await api(
      app.url,
      'GET',
      `/api/v1/split-types/check?spec=${encodeURIComponent('byrun(low=1,high=5)')}`,
      { user: 'analyst' },
    );
    expect(good.json.problems).toEqual([]);
    const list = await api(app.url, 'GET', `/api/v1/split-types/check?spec=list&dataset=`, {
      user: 'analyst',
    });
    expect(list.json.problems.length).toBeGreaterThan(0);
  });
});
