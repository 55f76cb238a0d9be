import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDdDemo } from '../../../src/services/demo/dd-demo.js';
import { api } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

// The Rucio-era demo seed (issue 19): experiment dune on MetaCat, the demo users members with their
// samdev roles, and campaign dd_demo of two stages wired to the simulator's MetaCat dataset.

const E = '/api/v1/experiments/dune';

describe('the dd_demo seed', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('creates experiment dune on MetaCat with the demo users, and campaign dd_demo, once', async () => {
    expect(await seedDdDemo(app.testDb.db)).toEqual(['dd_demo']);
    expect(await seedDdDemo(app.testDb.db)).toEqual([]);
    const exp = await api(app.url, 'GET', E, { user: 'analyst' });
    expect(exp.json).toMatchObject({ experiment: 'dune', data_service: 'metacat' });
    const sw = await api(app.url, 'POST', '/api/v1/session', {
      user: 'producer',
      body: { experiment: 'dune' },
    });
    expect(sw.json).toEqual({ experiment: 'dune', role: 'production' });
    const list = await api(app.url, 'GET', `${E}/campaigns`, { user: 'shifter' });
    expect(list.json.items.map((c: { name: string; creator: string }) => [c.name, c.creator])).toEqual([
      ['dd_demo', 'producer'],
    ]);
  });

  it('reconstructs the MetaCat dataset, then analyses reco’s outputs through a dependency', async () => {
    const list = await api(app.url, 'GET', `${E}/campaigns?name=dd_demo`, { user: 'producer' });
    const id = list.json.items[0].campaign_id;
    const c = await api(app.url, 'GET', `${E}/campaigns/${id}`, { user: 'producer' });
    const [reco, ana] = c.json.stages;
    expect(reco).toMatchObject({
      name: 'reco',
      effective: {
        dataset_or_split_data: 'dune:dd_demo_raw',
        completion_type: 'located',
        completion_pct: 100,
        job_type: 'dd_demo_reco',
        login_setup: 'dune_localhost',
      },
    });
    expect(ana).toMatchObject({
      name: 'ana',
      effective: { completion_type: 'complete', job_type: 'dd_demo_ana' },
    });
    expect(c.json.dependencies).toMatchObject([
      { upstream: 'reco', downstream: 'ana', file_pattern: 'reco_%.root' },
    ]);
  });
});
