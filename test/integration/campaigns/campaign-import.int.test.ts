import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseCampaignDocument, parseCampaignIni } from '../../../src/domain/ini/index.js';
import { api } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { campaignFiles, readCampaignFile, withRealCorpus } from '../../helpers/campaign-files.js';
import { dumpConfig, exportIni, importIni } from './campaign-test-helpers.js';

const E = '/api/v1/experiments/samdev';

describe('campaign .ini import and export through the database', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    // A second experiment, as when users move a campaign from samdev to their own.
    await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'mu2e', name: 'Mu2e' },
    });
    await api(app.url, 'PUT', '/api/v1/experiments/mu2e/members/producer', {
      user: 'admin',
      body: { role: 'production' },
    });
  });
  afterAll(async () => app?.close());

  withRealCorpus('imports of the real files', () => {});
  describe.each(campaignFiles())('%s', (file) => {
    it('imports, and export → import → export is a fixed point', async () => {
      const first = await importIni(app.url, 'samdev', readCampaignFile(file));
      expect(first.status, JSON.stringify(first.json)).toBe(201);
      const exported = await exportIni(app.url, 'samdev', first.json.campaign_id);
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(exported.headers.get('content-disposition')).toMatch(/^attachment; filename="?[\w.-]+\.ini"?$/);

      // Re-import into the same campaign: the first one may store values the file repeated from
      // the defaults as inherited; from then on nothing changes.
      const again = await importIni(app.url, 'samdev', exported.text);
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({
        campaign_id: first.json.campaign_id,
        created: [],
        detached: [],
        removed: [],
      });
      expect((await exportIni(app.url, 'samdev', first.json.campaign_id)).text).toBe(exported.text);
      const third = await importIni(app.url, 'samdev', exported.text);
      expect(third.json).toMatchObject({ created: [], updated: [], detached: [], removed: [] });
      expect(third.json.warnings.map((w: { message: string }) => w.message)).toEqual(
        parseCampaignIni(exported.text).warnings.map((w) => w.message),
      );

      // Import into another experiment: fresh rows everywhere, same file back.
      const moved = await importIni(app.url, 'mu2e', exported.text);
      expect(moved.status).toBe(201);
      const codecWarnings = parseCampaignIni(exported.text).warnings.length;
      expect(moved.json.warnings.slice(codecWarnings).map((w: { key: string }) => w.key)).toEqual([
        'experiment',
      ]);
      const there = await exportIni(app.url, 'mu2e', moved.json.campaign_id);
      expect(there.text).toBe(exported.text.replace('experiment=samdev', 'experiment=mu2e'));
    });

    it('keeps every stage, default, keyword and dependency of the file', async () => {
      const { doc } = parseCampaignIni(readCampaignFile(file));
      const campaigns = await api(
        app.url,
        'GET',
        `${E}/campaigns?name=${encodeURIComponent(doc.campaign.name)}`,
        { user: 'producer' },
      );
      const id = campaigns.json.items.find((c: { name: string }) => c.name === doc.campaign.name).campaign_id;
      const back = normaliseCampaignDocument(
        parseCampaignIni((await exportIni(app.url, 'samdev', id)).text).doc,
      );
      const original = normaliseCampaignDocument(doc);
      expect(back.defaults).toEqual(original.defaults);
      expect(back.campaign.keywords).toEqual(original.campaign.keywords);
      expect(back.stages).toEqual(original.stages);
      expect(new Set(back.dependencies.map((d) => JSON.stringify(d)))).toEqual(
        new Set(original.dependencies.map((d) => JSON.stringify(d))),
      );
      expect(back.nodePositions).toEqual(original.nodePositions);
      for (const jt of back.jobTypes) {
        const defined = original.jobTypes.find((j) => j.name === jt.name)!;
        expect(jt).toEqual({ ...defined, outputFilePatterns: defined.outputFilePatterns ?? '%' });
      }
      for (const ls of back.loginSetups)
        expect(ls).toEqual(original.loginSetups.find((l) => l.name === ls.name));
    });
  });

  it('accepts an empty file_pattern_<k> (every file, as the original) and exports it back empty', async () => {
    // The tutorial with its one dependency pattern left empty, as real campaign files do.
    const original = readCampaignFile('analysis-tutorial.ini').toString('utf8');
    const emptied = original.replace('file_pattern_1 = %.fcl', 'file_pattern_1 =');
    expect(emptied).not.toBe(original);
    const other = await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'emptypat', name: 'Empty pattern' },
    });
    expect(other.status).toBe(201);
    await api(app.url, 'PUT', '/api/v1/experiments/emptypat/members/producer', {
      user: 'admin',
      body: { role: 'production' },
    });
    const withPattern = await importIni(
      app.url,
      'mu2e',
      original.replace(/^name *=.*$/m, 'name = with_pattern'),
    );
    const withoutPattern = await importIni(
      app.url,
      'emptypat',
      emptied.replace(/^name *=.*$/m, 'name = with_pattern'),
    );
    expect(withoutPattern.status, JSON.stringify(withoutPattern.json)).toBe(201);
    const view = await api(
      app.url,
      'GET',
      `/api/v1/experiments/emptypat/campaigns/${withoutPattern.json.campaign_id}`,
      {
        user: 'producer',
      },
    );
    expect(view.json.dependencies.map((d: { file_pattern: string }) => d.file_pattern)).toEqual(['']);
    const a = (await exportIni(app.url, 'mu2e', withPattern.json.campaign_id)).text;
    const b = (await exportIni(app.url, 'emptypat', withoutPattern.json.campaign_id)).text;
    expect(b).toContain('\nfile_pattern_1=\n');
    expect(b).toBe(
      a.replace('experiment=mu2e', 'experiment=emptypat').replace('file_pattern_1=%.fcl', 'file_pattern_1='),
    );
    // Exporting what it exported changes nothing.
    const again = await importIni(app.url, 'emptypat', b);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ created: [], updated: [], detached: [], removed: [] });
  });

  it('exports losslessly: keywords, defaults with the dataset, node positions, test split type, state', async () => {
    const ini = `[campaign]
name=lossless
state=Inactive
campaign_keywords={"rel": "v09", "tier": "reco"}

[campaign_defaults]
vo_role=Production
software_version=%(rel)s
dataset_or_split_data=defaults_dataset
cs_split_type=nfiles(5)
test_split_type=nfiles(1)
login_setup=ll
job_type=jj
completion_pct=80

[node_positions]
nxy0=["campaign lossless", -300, 12.5]
nxy1=["a", 0, 0]

[campaign_stage a]
test_split_type=None
output_ancestor_depth=2

[campaign_stage b]
dataset_or_split_data=other
default_clear_cronjob=False

[dependencies b]
campaign_stage_1=a
file_pattern_1=%.root

[login_setup ll]
host=localhost
account=me
setup=source a.sh
    setup b %(rel)s

[job_type jj]
launch_script=fife_launch
parameters=[["-c ", "x.cfg"]]
recoveries=[]
`;
    const r = await importIni(app.url, 'samdev', ini);
    expect(r.status).toBe(201);
    const out = (await exportIni(app.url, 'samdev', r.json.campaign_id)).text;
    expect(out).toContain('state=Inactive');
    expect(out).toContain('campaign_keywords={"rel": "v09", "tier": "reco"}');
    expect(out).toContain('dataset_or_split_data=defaults_dataset');
    expect(out).toContain('test_split_type=nfiles(1)');
    expect(out).toContain('nxy0=["campaign lossless", -300, 12.5]');
    expect(out).toMatch(/\[campaign_stage a\]\ntest_split_type=None\noutput_ancestor_depth=2\n/);
    expect(out).toContain('setup=source a.sh\n    setup b %(rel)s');
    const list = await api(app.url, 'GET', `${E}/campaigns?name=lossless&state=inactive`, {
      user: 'producer',
    });
    expect(list.json.total).toBe(1);
    // The stage's own None is stored as such and differs from the inherited value.
    const view = await api(app.url, 'GET', `${E}/campaigns/${r.json.campaign_id}`, { user: 'producer' });
    expect(view.json.stages[0].fields).toEqual({ test_split_type: 'None', output_ancestor_depth: 2 });
    expect(view.json.stages[1].effective).toMatchObject({
      test_split_type: 'nfiles(1)',
      dataset_or_split_data: 'other',
    });
  });

  it('re-imports in place: matched stages updated, missing ones detached (kept), dependencies recreated', async () => {
    const db = app.testDb.db;
    const base = (
      await exportIni(
        app.url,
        'samdev',
        (await api(app.url, 'GET', `${E}/campaigns?name=lossless&state=all`, { user: 'producer' })).json
          .items[0].campaign_id,
      )
    ).text;
    const id = (await api(app.url, 'GET', `${E}/campaigns?name=lossless&state=all`, { user: 'producer' }))
      .json.items[0].campaign_id;
    const stageA = await db('stages').where({ campaign_id: id, name: 'a' }).first();
    await db('stages').where({ stage_id: stageA.stage_id }).update({ split_cursor: 7 });
    const without =
      base
        .replace(/\[campaign_stage a\][^[]*/, '')
        .replace(/\[dependencies b\][^[]*/, '')
        .replace('[campaign_stage b]\n', '[campaign_stage b]\ncompletion_type=complete\n')
        .replace(/\[node_positions\]\n(nxy.*\n)*/, '') +
      '\n[campaign_stage c]\nsoftware_version=v2\n\n[dependencies c]\ncampaign_stage_1=b\nfile_pattern_1=%.art\n';
    const r = await importIni(app.url, 'samdev', without);
    expect(r.status, JSON.stringify(r.json) + without).toBe(200);
    expect(r.json.detached).toEqual([{ kind: 'stage', name: 'a', id: stageA.stage_id }]);
    expect(r.json.updated.map((o: { kind: string; name: string }) => `${o.kind} ${o.name}`)).toEqual([
      'campaign lossless',
      'stage b',
    ]);
    expect(r.json.created.map((o: { kind: string; name: string }) => `${o.kind} ${o.name}`)).toEqual([
      'stage c',
      'dependency b → c (%.art)',
    ]);
    expect(r.json.removed).toEqual([{ kind: 'dependency', name: 'a → b (%.root)' }]);
    const kept = await db('stages').where({ stage_id: stageA.stage_id }).first();
    expect(kept).toMatchObject({ campaign_id: null, name: 'a', split_cursor: 7 });
    expect(await db('dependencies').where({ upstream_stage_id: stageA.stage_id }).first()).toBeUndefined();
    const out = (await exportIni(app.url, 'samdev', id)).text;
    expect(out).not.toContain('[campaign_stage a]');
    expect(out).toContain('campaign_stage_list=b,c');
    // A detached stage is still shown, but cannot be edited any more.
    const shown = await api(app.url, 'GET', `${E}/stages/${stageA.stage_id}`, { user: 'producer' });
    expect(shown.json).toMatchObject({ name: 'a', campaign: null });
    const edit = await api(app.url, 'PUT', `${E}/stages/${stageA.stage_id}`, {
      user: 'producer',
      body: { name: 'a' },
    });
    expect(edit.status).toBe(409);
  });

  it('refuses job types and login setups the file names but neither defines nor finds, writing nothing', async () => {
    const ini = `[campaign]
name=needs_refs

[campaign_defaults]
vo_role=Production
software_version=v1
dataset_or_split_data=d
login_setup=ghost_login

[campaign_stage s1]
job_type=ghost_jt

[campaign_stage s2]
job_type=ghost_jt
`;
    const before = await dumpConfig(app.testDb.db);
    const r = await importIni(app.url, 'samdev', ini);
    expect(r.status).toBe(400);
    expect(r.json.error.details).toEqual([
      {
        line: 11,
        section: 'campaign_stage s1',
        key: 'job_type',
        message: "Job type 'ghost_jt' (used by s1, s2) is neither defined in the file nor in samdev",
      },
      {
        line: 8,
        section: 'campaign_defaults',
        key: 'login_setup',
        message: "Login setup 'ghost_login' (used by s1, s2) is neither defined in the file nor in samdev",
      },
    ]);
    expect(await dumpConfig(app.testDb.db)).toEqual(before);
    await api(app.url, 'POST', `${E}/job-types`, {
      user: 'producer',
      body: { name: 'ghost_jt', launch_script: 'x' },
    });
    await api(app.url, 'POST', `${E}/login-setups`, {
      user: 'producer',
      body: { name: 'ghost_login', launch_host: 'h', launch_account: 'a' },
    });
    const ok = await importIni(app.url, 'samdev', ini);
    expect(ok.status).toBe(201);
    const out = (await exportIni(app.url, 'samdev', ok.json.campaign_id)).text;
    expect(out).toContain('[job_type ghost_jt]');
    expect(out).toContain('[login_setup ghost_login]');
  });

  it('keeps a default job type no stage uses and nothing defines, with a warning', async () => {
    const r = await importIni(
      app.url,
      'samdev',
      `[campaign]\nname=dangling\n\n[campaign_defaults]\njob_type=gone\n\n[campaign_stage s]\njob_type=ghost_jt\nlogin_setup=ghost_login\nvo_role=Analysis\nsoftware_version=v1\ndataset_or_split_data=d\n`,
    );
    expect(r.status).toBe(201);
    expect(r.json.warnings).toEqual([
      {
        line: 5,
        section: 'campaign_defaults',
        key: 'job_type',
        message:
          "The default job type 'gone' exists neither in the file nor in samdev; stages that inherit it cannot launch",
      },
    ]);
    expect((await exportIni(app.url, 'samdev', r.json.campaign_id)).text).toContain('job_type=gone');
  });

  it('warns about names campaign_stage_list gives that no section defines, and about experiment and role', async () => {
    const r = await importIni(
      app.url,
      'samdev',
      readCampaignFile('production-chain.ini')
        .toString()
        .replace(/^name\s*=.*$/m, 'name=chain_again')
        .replace(/^experiment\s*=.*$/m, 'experiment = mu2e'),
    );
    expect(r.status).toBe(201);
    const messages = r.json.warnings.map((w: { message: string }) => w.message);
    expect(messages).toContain(
      "Stage 'ana_missing' is in campaign_stage_list but no [campaign_stage ana_missing] section defines it; ignored",
    );
    expect(messages).toContain("The file names experiment 'mu2e'; the campaign is imported into samdev");
  });
});
