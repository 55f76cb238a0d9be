import fs from 'node:fs';
import { fixturePath } from '../../helpers/campaign-files.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';
import { pomsCall } from './poms-client-call.js';

// poms_client's configuration calls, each with exactly the fields the client sends
// (fermitools/poms poms_client/python/poms_client.py): experiment and role on every call, None
// fields left out, pcl_call=1 where it sets it.
const CORPUS = fixturePath('analysis-tutorial.ini');
const EXP = { experiment: 'samdev', role: 'production' };

describe('poms_client configuration calls', () => {
  let h: ApiHarness;
  let token: string;
  const call = (
    method: string,
    fields: Record<string, any>,
    files?: Record<string, { name: string; content: string }>,
  ) => pomsCall(h.url, method, { ...EXP, ...fields }, { token, files });
  const db = () => h.testDb.db;
  let campaignId: number;

  beforeAll(async () => {
    h = await startApiHarness();
    await seedDemoCampaigns(h.testDb.db);
    token = await h.token('producer');
  });
  afterAll(async () => h?.close());

  it('upload_wf (ini_to_campaign): the .ini as multipart field "upload"', async () => {
    const r = await call(
      'ini_to_campaign',
      { pcl_call: 1, replace: false },
      { upload: { name: 'analysis-tutorial.ini', content: fs.readFileSync(CORPUS, 'utf8') } },
    );
    expect(r.status).toBe(200); // poms_client raises on 201
    expect(r.json()).toMatchObject({ campaign: 'fixture_tutorial', status: '201 Created' });
    campaignId = r.json().campaign_id;
    expect((await db()('stages').where({ campaign_id: campaignId }).pluck('name')).sort()).toEqual([
      'reco',
      'reco_fcl',
    ]);
    const again = await call(
      'ini_to_campaign',
      { pcl_call: 1, replace: true },
      { upload: { name: 'a.ini', content: fs.readFileSync(CORPUS, 'utf8') } },
    );
    expect(again.status).toBe(200);
    const bad = await call(
      'ini_to_campaign',
      { pcl_call: 1 },
      { upload: { name: 'bad.ini', content: '[campaign]\nname=x\n[campaign_stage y]\nbogus\n' } },
    );
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/line \d/);
  });

  it('show_campaigns and show_campaign_stages (fmt=json)', async () => {
    const r = await call('show_campaigns', { fmt: 'json' });
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body.msg).toBe('OK');
    expect(body.tl.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['demo', 'fixture_tutorial']),
    );
    expect(body.data.authorized).toHaveLength(body.tl.length);
    const stages = await call('show_campaign_stages', { fmt: 'json', campaign_name: 'fixture_tutorial' });
    const rows = stages.json().campaign_stages;
    expect(rows.map((s: { name: string }) => s.name)).toEqual(['reco_fcl', 'reco']);
    expect(rows[0]).toMatchObject({
      campaign_obj: { name: 'fixture_tutorial' },
      software_version: 'v1_0',
      login_setup: 'fixture_analysis_login',
    });
    const text = await call('show_campaign_stages', {});
    expect(text.text).toContain('demo/reco');
  });

  it('campaign_list_json, get_campaign_id, get_campaign_name, get_campaign_stage_id, get_campaign_stage_name', async () => {
    const list = await pomsCall(h.url, 'campaign_list_json', EXP, { token });
    const reco = await db()('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id', 'c.campaign_id');
    expect(list.json()).toContainEqual(
      expect.objectContaining({ campaign_stage_id: reco.stage_id, name: 'reco', experiment: 'samdev' }),
    );
    // The list is kept between calls, and answers the change as soon as a stage or campaign changes.
    const again = await pomsCall(h.url, 'campaign_list_json', EXP, { token });
    expect(again.json()).toEqual(list.json());
    await db()('stages').where({ stage_id: reco.stage_id }).update({ name: 'reco_renamed' });
    await db()('campaigns').where({ campaign_id: reco.campaign_id }).update({ name: 'demo_renamed' });
    const renamed = (await pomsCall(h.url, 'campaign_list_json', EXP, { token })).json();
    expect(renamed).toContainEqual(
      expect.objectContaining({
        campaign_stage_id: reco.stage_id,
        name: 'reco_renamed',
        campaign_name: 'demo_renamed',
      }),
    );
    await db()('stages').where({ stage_id: reco.stage_id }).update({ name: 'reco' });
    await db()('campaigns').where({ campaign_id: reco.campaign_id }).update({ name: 'demo' });
    expect((await pomsCall(h.url, 'campaign_list_json', EXP, { token })).json()).toEqual(list.json());
    const id = await call('get_campaign_id', { campaign_name: 'demo' });
    expect(Number(id.text)).toBe(reco.campaign_id);
    expect((await call('get_campaign_name', { campaign_id: reco.campaign_id })).text).toBe('demo');
    const sid = await call('get_campaign_stage_id', { campaign_name: 'demo', campaign_stage_name: 'reco' });
    expect(Number(sid.text)).toBe(reco.stage_id);
    expect((await call('get_campaign_stage_name', { campaign_stage_id: reco.stage_id })).json()).toEqual([
      'demo',
      'reco',
    ]);
    const missing = await call('get_campaign_id', { campaign_name: 'nope' });
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(/campaign nope/);
  });

  it('login_setup_edit and job_type_edit (add, edit), modify_job_type_recoveries', async () => {
    const ls = await call('login_setup_edit', {
      pcl_call: 1,
      pc_username: 'producer',
      action: 'add',
      ae_launch_name: 'compat_ls',
      ae_launch_host: 'localhost',
      ae_launch_account: 'samdevpro',
      ae_launch_setup: 'source /tmp/x',
    });
    expect(ls.status).toBe(200);
    await call('login_setup_edit', {
      pcl_call: 1,
      action: 'edit',
      ae_launch_name: 'compat_ls',
      ae_launch_host: 'host2.example',
    });
    expect(await db()('login_setups').where({ name: 'compat_ls' }).first()).toMatchObject({
      launch_host: 'host2.example',
      launch_account: 'samdevpro',
      launch_setup: 'source /tmp/x',
    });

    const jt = await call('job_type_edit', {
      pcl_call: 1,
      pc_username: 'producer',
      action: 'add',
      ae_definition_name: 'compat_jt',
      ae_output_file_patterns: '%.root',
      ae_launch_script: 'fife_launch ',
      ae_definition_parameters: JSON.stringify([['-c ', 'x.cfg']]),
      ae_definition_recovery: '[["consumed_status", []]]',
    });
    expect(jt.status).toBe(200);
    const row = await db()('job_types').where({ name: 'compat_jt' }).first();
    expect(row).toMatchObject({
      launch_script: 'fife_launch',
      output_file_patterns: '%.root',
      parameters: [['-c ', 'x.cfg']],
    });
    await call('job_type_edit', {
      pcl_call: 1,
      action: 'edit',
      ae_definition_name: 'compat_jt',
      ae_definition_parameters: 'null',
      ae_output_file_patterns: '%.art',
    });
    expect((await db()('job_types').where({ name: 'compat_jt' }).first()).output_file_patterns).toBe('%.art');

    const rec = await call('modify_job_type_recoveries', {
      job_type_id: row.job_type_id,
      recoveries: JSON.stringify([
        ['consumed_status', [['-Oa=', '1']]],
        ['proj_status', []],
      ]),
    });
    expect(rec.status).toBe(200);
    expect(rec.json()).toEqual([
      ['consumed_status', [['-Oa=', '1']]],
      ['process_status', []],
    ]);
    const ladder = await db()('job_type_recoveries as r')
      .join('recovery_types as t', 't.recovery_type_id', 'r.recovery_type_id')
      .where('r.job_type_id', row.job_type_id)
      .orderBy('r.position')
      .pluck('t.name');
    expect(ladder).toEqual(['consumed_status', 'process_status']);
  });

  it('campaign_stage_edit (add with dependencies, edit, delete) and update_stage_param_overrides', async () => {
    const add = await call('campaign_stage_edit', {
      pcl_call: 1,
      action: 'add',
      ae_campaign_name: campaignId,
      ae_stage_name: 'extra',
      pc_username: 'producer',
      ae_vo_role: 'Analysis',
      ae_dataset: 'extra_input',
      ae_split_type: 'None',
      ae_software_version: 'v9',
      ae_completion_type: 'located',
      ae_completion_pct: '95',
      ae_param_overrides: '[["--stage ", "extra"]]',
      ae_test_param_overrides: '[["--stage ", "extra"]]',
      ae_depends: JSON.stringify({ campaign_stages: ['reco'], file_patterns: ['%.art'] }),
      ae_launch_name: 'compat_ls',
      ae_campaign_definition: 'compat_jt',
      ae_cronjob: true,
    });
    expect(add.status).toBe(200);
    const stage = await db()('stages').where({ campaign_id: campaignId, name: 'extra' }).first();
    expect(stage).toMatchObject({
      dataset: 'extra_input',
      software_version: 'v9',
      param_overrides: [['--stage ', 'extra']],
    });
    const deps = await db()('dependencies as d')
      .join('stages as u', 'u.stage_id', 'd.upstream_stage_id')
      .where('d.downstream_stage_id', stage.stage_id)
      .select('u.name', 'd.file_pattern');
    expect(deps).toEqual([{ name: 'reco', file_pattern: '%.art' }]);

    const edit = await call('campaign_stage_edit', {
      pcl_call: 1,
      action: 'edit',
      ae_campaign_name: 'fixture_tutorial',
      ae_stage_name: 'extra',
      ae_dataset: 'other_input',
    });
    expect(edit.status).toBe(200);
    expect(await db()('stages').where({ stage_id: stage.stage_id }).first()).toMatchObject({
      dataset: 'other_input',
      software_version: 'v9',
    });

    const po = await call('update_stage_param_overrides', {
      campaign_stage: stage.stage_id,
      param_overrides: "[('-Oa=', 'b'), ('--stage ', '')]",
    });
    expect(po.status).toBe(200);
    expect(JSON.parse(po.text)).toEqual([[['-Oa=', 'b']], null]);
    const byName = await call('update_stage_param_overrides', {
      campaign_stage: ['fixture_tutorial', 'extra'],
      test_param_overrides: "{'-Ot=': 'x'}",
    });
    expect(JSON.parse(byName.text)).toEqual([
      null,
      [
        ['--stage ', 'extra'],
        ['-Ot=', 'x'],
      ],
    ]);
    expect(await db()('stages').where({ stage_id: stage.stage_id }).first()).toMatchObject({
      param_overrides: [['-Oa=', 'b']],
      test_param_overrides: [
        ['--stage ', 'extra'],
        ['-Ot=', 'x'],
      ],
    });

    const del = await call('campaign_stage_edit', {
      pcl_call: 1,
      action: 'delete',
      ae_campaign_name: campaignId,
      ae_stage_name: 'extra',
    });
    expect(del.status).toBe(200);
    expect(await db()('stages').where({ stage_id: stage.stage_id }).first()).toBeUndefined();
  });

  it('campaign_stage_edit with a bad ae_depends writes nothing', async () => {
    const tables = async () => ({
      stages: await db()('stages').where({ campaign_id: campaignId }).orderBy('stage_id'),
      deps: await db()('dependencies').orderBy('dependency_id'),
    });
    const before = await tables();
    const add = await call('campaign_stage_edit', {
      pcl_call: 1,
      action: 'add',
      ae_campaign_name: campaignId,
      ae_stage_name: 'half_made',
      ae_dataset: 'extra_input',
      ae_launch_name: 'compat_ls',
      ae_campaign_definition: 'compat_jt',
      ae_depends: JSON.stringify({ campaign_stages: ['reco', 'no_such_stage'], file_patterns: ['%', '%'] }),
    });
    expect(add.status).toBe(400);
    expect(add.text).toContain('no_such_stage');
    const reco = before.stages.find((s) => s.name === 'reco')!;
    const edit = await call('campaign_stage_edit', {
      pcl_call: 1,
      action: 'edit',
      ae_campaign_name: campaignId,
      ae_stage_name: 'reco',
      ae_dataset: 'changed_then_refused',
      ae_depends: JSON.stringify({ campaign_stages: ['no_such_stage'], file_patterns: ['%'] }),
    });
    expect(edit.status).toBe(400);
    expect(await tables()).toEqual(before);
    expect(reco.dataset).not.toBe('changed_then_refused');
  });

  it('link_tags (tag_campaigns)', async () => {
    const r = await pomsCall(
      h.url,
      'link_tags',
      { campaign_id: String(campaignId), tag_name: 'compat', experiment: 'samdev', role: 'production' },
      { token },
    );
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ tag_name: 'compat', msg: 'OK', tag_id: expect.any(Number) });
    const tags = await db()('campaign_tags as ct')
      .join('tags as t', 't.tag_id', 'ct.tag_id')
      .where('ct.campaign_id', campaignId)
      .pluck('t.name');
    expect(tags).toEqual(['compat']);
  });

  it('job_type_rm and login_setup_rm', async () => {
    const jt = await call('job_type_rm', { pcl_call: 1, ae_definition_name: 'compat_jt' });
    expect(jt.status).toBe(200);
    expect(jt.json().message).toBe("The job type 'compat_jt' has been deleted.");
    const ls = await call('login_setup_rm', { pcl_call: 1, ae_launch_name: 'compat_ls' });
    expect(ls.json().message).toBe("The login setup 'compat_ls' has been deleted.");
    expect(await db()('login_setups').where({ name: 'compat_ls' }).first()).toBeUndefined();
    expect((await call('job_type_rm', { pcl_call: 1, ae_definition_name: 'compat_jt' })).status).toBe(404);
  });

  it('campaign_rm (show_campaigns action=delete)', async () => {
    const r = await call('show_campaigns', {
      pcl_call: 1,
      action: 'delete',
      fmt: 'json',
      del_campaign_name: 'fixture_tutorial',
    });
    expect(r.status).toBe(200);
    expect(r.json().msg).toMatch(
      /^Campaign named fixture_tutorial with campaign_id \d+ and its 2 campaign stages were deleted/,
    );
    expect(await db()('campaigns').where({ name: 'fixture_tutorial' }).first()).toBeUndefined();
    const gone = await call('show_campaigns', {
      pcl_call: 1,
      action: 'delete',
      fmt: 'json',
      del_campaign_name: 'fixture_tutorial',
    });
    expect(gone.json().msg).toBe("The campaign 'fixture_tutorial' does not exist.");
  });
});
