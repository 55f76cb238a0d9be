import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';

const P = '/experiments/samdev';

/** Table rows of the campaign list, by campaign name. */
const listed = (html: string) =>
  [
    ...html.matchAll(
      /<tr data-campaign="\d+"[^>]*>\s*<td data-label="Campaign"><a href="[^"]+">([^<]+)<\/a>/g,
    ),
  ].map((m) => m[1]);

describe('campaign pages (server-rendered, no browser)', () => {
  let app: TestApp;
  let producer: BrowserLikeClient;
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemoCampaigns(app.testDb.db);
    producer = new BrowserLikeClient(app.url);
    await producer.signIn('producer');
  });
  afterAll(async () => app?.close());

  it('lists the experiment’s campaigns with links to every campaign page', async () => {
    const page = await producer.get(`${P}/campaigns`);
    expect(page.status).toBe(200);
    expect(listed(page.body)).toEqual(['demo', 'gen_reco_ana', 'single_stage', 'split_types']);
    const demo = (
      await api(app.url, 'GET', `/api/v1${P}/campaigns?name=demo`, { user: 'producer' })
    ).json.items.find((c: { name: string }) => c.name === 'demo');
    const cu = `${P}/campaigns/${demo.campaign_id}`;
    for (const href of [
      cu,
      `${cu}#stages`,
      `${cu}/submissions`,
      `${cu}/files`,
      `${cu}/progress`,
      `${cu}/timeline`,
      `${cu}/edit`,
      `${cu}/clone`,
      `${cu}/ini`,
      `${cu}/delete`,
      `${cu}/tags`,
    ])
      expect(page.body).toContain(`"${href}"`);
    expect(page.body).toContain('campaigns-index.js');
    expect(page.body).toContain('id="import-form"');
  });

  it('filters by name, tag, creator, state and owner', async () => {
    const db = app.testDb.db;
    const ids = Object.fromEntries(
      (await db('campaigns').select('name', 'campaign_id')).map(
        (r: { name: string; campaign_id: number }) => [r.name, r.campaign_id],
      ),
    );
    // Tag through the page: once as the script does (JSON answer), once as a plain form (redirect).
    const viaScript = await fetchJson(producer, `${P}/campaigns/${ids.demo}/tags`, { tag: 'showcase' });
    expect(viaScript).toEqual({ campaign_id: ids.demo, tags: ['showcase'] });
    const plain = await producer.post(
      `${P}/campaigns/${ids.split_types}/tags`,
      { tag: 'showcase' },
      { referer: `${P}/campaigns` },
    );
    expect(plain.status).toBe(303);
    await producer.post(
      `${P}/campaigns/${ids.single_stage}/active`,
      { active: 'false' },
      { referer: `${P}/campaigns` },
    );
    const analyst = new BrowserLikeClient(app.url);
    await analyst.signIn('analyst');
    expect(
      (
        await analyst.post(
          `${P}/campaigns`,
          { name: 'analyst_own', active: 'true' },
          { referer: `${P}/campaigns/new` },
        )
      ).status,
    ).toBe(303);

    const get = async (q: string, who = producer) => listed((await who.get(`${P}/campaigns?${q}`)).body);
    expect(await get('name=GEN')).toEqual(['gen_reco_ana']);
    expect(await get('tag=showcase')).toEqual(['demo', 'split_types']);
    expect(await get('creator=analyst')).toEqual(['analyst_own']);
    expect(await get('state=inactive')).toEqual(['single_stage']);
    expect(await get('state=all')).toHaveLength(5);
    expect(await get('owner=mine', analyst)).toEqual(['analyst_own']);
    expect(await get('state=nonsense')).toHaveLength(4); // bad filter values are ignored
    const page = await producer.get(`${P}/campaigns?tag=showcase`);
    expect(page.body).toContain('value="showcase"');
    expect(page.body).toMatch(/poms-tag">showcase<form method="post" action="[^"]+\/tags\/showcase\/remove"/);
    // Removing the tag in place.
    expect(await fetchJson(producer, `${P}/campaigns/${ids.demo}/tags/showcase/remove`, {})).toEqual({
      campaign_id: ids.demo,
      tags: [],
    });
    // Analysis users see no edit controls on production campaigns.
    const seen = await analyst.get(`${P}/campaigns?name=demo`);
    expect(seen.body).not.toContain(`${P}/campaigns/${ids.demo}/delete`);
  });

  it('runs one query per list page whatever the number of rows', async () => {
    const db = app.testDb.db;
    const count = async () => {
      let n = 0;
      const on = () => n++;
      db.on('query', on);
      const r = await api(app.url, 'GET', `/api/v1${P}/campaigns?state=all&page_size=500`, {
        user: 'producer',
      });
      db.off('query', on);
      return { n, rows: r.json.items.length };
    };
    const small = await count();
    const owner = (await db('experimenters').where({ username: 'producer' }).first()).experimenter_id;
    await db('campaigns').insert(
      Array.from({ length: 60 }, (_, i) => ({
        experiment: 'samdev',
        name: `bulk_${String(i).padStart(2, '0')}`,
        creator: owner,
      })),
    );
    const big = await count();
    expect(big.rows).toBe(small.rows + 60);
    expect(big.n).toBe(small.n);
    const p2 = await producer.get(`${P}/campaigns?state=all&page=2&page_size=20`);
    expect(p2.body).toContain('Page 2 of 4 (65)');
  });

  it('creates a campaign and a stage through the forms; empty stage fields show what they inherit', async () => {
    const form = await producer.get(`${P}/campaigns/new`);
    expect(form.body).toContain('name="defaults.cs_split_type"');
    // The defaults form shows the built-in defaults.
    expect(form.body).toContain('<option value="">inherits located</option>');
    expect(form.body).toContain('placeholder="inherits 95"');
    const created = await producer.post(
      `${P}/campaigns`,
      {
        name: 'formed',
        active: 'true',
        test_campaign: 'true',
        keyword_name: 'rel',
        keyword_value: 'v7',
        'defaults.software_version': '%(rel)s',
        'defaults.vo_role': 'Production',
        'defaults.job_type': 'demo_reco',
        'defaults.login_setup': 'demo_localhost',
        'defaults.dataset_or_split_data': 'demo_raw',
        'defaults.completion_pct': '90',
      },
      { referer: `${P}/campaigns/new` },
    );
    expect(created.status).toBe(303);
    const cu = created.location!.replace(app.url, '');
    const show = await producer.get(cu);
    expect(show.body).toContain('id="campaign-header"');
    expect(show.body).toContain('id="test-campaign"');
    const settings = await producer.get(`${cu}/edit`);
    expect(settings.body).toMatch(/id="f-test-campaign" name="test_campaign" value="true" checked/);
    const stageForm = await producer.get(`${cu}/stages/new`);
    expect(stageForm.body).toContain('placeholder="inherits %(rel)s"');
    expect(stageForm.body).toContain('<option value="">inherits demo_reco</option>');
    expect(stageForm.body).toContain('placeholder="inherits 90"');
    const stage = await producer.post(
      `${cu}/stages`,
      { name: 'only', cs_split_type: 'nfiles(4)', merge_overrides: '', job_type: '' },
      { referer: `${cu}/stages/new` },
    );
    expect(stage.status).toBe(303);
    const su = stage.location!.replace(app.url, '');
    const stagePage = await producer.get(su);
    expect(stagePage.body).toMatch(
      /<td>job_type<\/td><td><code>demo_reco<\/code><\/td><td><span class="poms-inherited">inherited/,
    );
    expect(stagePage.body).toMatch(/<td>cs_split_type<\/td><td><code>nfiles\(4\)<\/code><\/td><td>set here/);
    const edit = await producer.get(`${su}/edit`);
    expect(edit.body).toContain('value="nfiles(4)"');
    const bad = await producer.post(
      `${su}`,
      { name: 'only', completion_pct: '250' },
      { referer: `${su}/edit` },
    );
    expect(bad.status).toBe(303);
    expect((await producer.get(`${su}/edit`)).body).toContain(
      'completion_pct Expected a percentage greater than 0 and at most 100',
    );
    // Names that need escaping survive the form: the stage's own job type stays selected.
    await api(app.url, 'POST', `/api/v1${P}/job-types`, {
      user: 'producer',
      body: { name: 'q"<x', launch_script: 's' },
    });
    const sid = Number(su.split('/').pop());
    await api(app.url, 'PUT', `/api/v1${P}/stages/${sid}`, {
      user: 'producer',
      body: { name: 'only', job_type: 'q"<x', cs_split_type: 'nfiles(4)' },
    });
    const escaped = await producer.get(`${su}/edit`);
    expect(escaped.body).toContain('<option value="q&quot;&lt;x" selected>q&quot;&lt;x</option>');
    await api(app.url, 'PUT', `/api/v1${P}/stages/${sid}`, {
      user: 'producer',
      body: { name: 'only', cs_split_type: 'nfiles(4)' },
    });
    const showAgain = await producer.get(cu);
    expect(showAgain.body).toMatch(/<span class="poms-inherited"[^>]*>demo_reco<\/span>/);
  });

  it('creates job types and login setups through their forms (ordered pairs, recovery ladder)', async () => {
    const form = await producer.get(`${P}/job-types/new`);
    expect(form.body).toContain('name="param_option"');
    expect(form.body).toContain('<option value="consumed_status"');
    const created = await producer.post(
      `${P}/job-types`,
      {
        name: 'formed_jt',
        launch_script: 'fife_launch',
        output_file_patterns: 'x_%.root',
        active: 'true',
        input_files_per_job: '',
        output_files_per_job: '2',
      },
      { referer: `${P}/job-types/new` },
    );
    // Repeated fields (several rows) are posted as a raw body, as a browser does.
    expect(created.status).toBe(303);
    const body = new URLSearchParams([
      ['_csrf', producer.csrf],
      ['name', 'pairs_jt'],
      ['launch_script', 'fife_launch'],
      ['param_option', '-c '],
      ['param_value', 'a.cfg'],
      ['param_option', ''],
      ['param_value', ''],
      ['param_option', '--stage='],
      ['param_value', 'reco'],
      ['recovery_type', 'pending_files'],
      ['recovery_overrides', '[["-Ox=", "1"]]'],
      ['recovery_type', 'consumed_status'],
      ['recovery_overrides', ''],
      ['active', 'false'],
      ['active', 'true'],
    ]);
    const res = await rawPost(producer, `${P}/job-types`, body);
    expect(res.status).toBe(303);
    const jt = await api(app.url, 'GET', `/api/v1${res.location!.replace(app.url, '')}`, {
      user: 'producer',
    });
    expect(jt.json).toMatchObject({
      parameters: [
        ['-c ', 'a.cfg'],
        ['--stage=', 'reco'],
      ],
      recoveries: [
        ['pending_files', [['-Ox=', '1']]],
        ['consumed_status', []],
      ],
      active: true,
    });
    const page = await producer.get(res.location!.replace(app.url, ''));
    expect(page.body).toContain('value="-c "');
    const ls = await producer.post(
      `${P}/login-setups`,
      {
        name: 'formed_ls',
        launch_host: 'localhost',
        launch_account: 'me',
        launch_setup: 'source x',
        active: 'true',
      },
      { referer: `${P}/login-setups/new` },
    );
    expect(ls.status).toBe(303);
    expect((await producer.get(`${P}/login-setups`)).body).toContain('formed_ls');
    expect((await producer.get(`${P}/job-types`)).body).toContain('pending_files → consumed_status');
  });

  it('imports through the upload form, clones and instantiates templates through theirs', async () => {
    const ini = (await producer.get(`${P}/campaigns/${await campaignId('demo')}/ini`)).body;
    const imported = await producer.post(
      `${P}/campaigns/import`,
      { ini: ini.replace('name=demo', 'name=demo_copy') },
      { referer: `${P}/campaigns` },
    );
    expect(imported.status).toBe(303);
    const after = await producer.get(imported.location!.replace(app.url, ''));
    expect(after.body).toContain('Campaign demo_copy imported');
    expect(after.body).toContain(
      'Created: campaign demo_copy, stage reco, stage ana, dependency reco → ana (reco_%.root)',
    );

    const cloneForm = await producer.get(`${P}/campaigns/${await campaignId('demo')}/clone`);
    expect(cloneForm.body).toContain('value="clone_of_demo"');
    const cloned = await producer.post(
      `${P}/campaigns/${await campaignId('demo')}/clone`,
      { name: 'demo2', from: 're', to: 'RE' },
      { referer: `${P}/campaigns` },
    );
    expect(cloned.status).toBe(303);
    const names = (
      await api(app.url, 'GET', `/api/v1${cloned.location!.replace(app.url, '')}`, { user: 'producer' })
    ).json.stages.map((s: { name: string }) => s.name);
    expect(names).toEqual(['REco', 'clone_of_ana']);

    const samples = await producer.get(`${P}/campaign-samples`);
    expect(samples.body).toContain('Generate → reconstruct → analyse');
    const made = await producer.post(
      `${P}/campaign-samples/split-types`,
      { name: 'my_splits' },
      { referer: `${P}/campaign-samples` },
    );
    expect(made.status).toBe(303);
    expect((await producer.get(made.location!.replace(app.url, ''))).body).toContain('my_splits');
  });

  async function campaignId(name: string): Promise<number> {
    return (await app.testDb.db('campaigns').where({ name, experiment: 'samdev' }).first()).campaign_id;
  }
});

/** POSTs a form as the campaign list's script does: session cookie, CSRF token, JSON answer. */
async function fetchJson(c: BrowserLikeClient, path: string, form: Record<string, string>) {
  const res = await rawPost(c, path, new URLSearchParams({ ...form, _csrf: c.csrf }), 'application/json');
  return JSON.parse(res.body);
}

async function rawPost(c: BrowserLikeClient, path: string, body: URLSearchParams, accept = 'text/html') {
  const cookie = (c as unknown as { cookie: string }).cookie;
  const res = await fetch(c.base + path, {
    method: 'POST',
    body,
    headers: { cookie, accept, 'content-type': 'application/x-www-form-urlencoded', 'x-csrf-token': c.csrf },
    redirect: 'manual',
  });
  return { status: res.status, location: res.headers.get('location'), body: await res.text() };
}
