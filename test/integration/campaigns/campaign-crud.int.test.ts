import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const E = '/api/v1/experiments/samdev';

describe('campaigns, stages, dependencies, job types and login setups (API)', () => {
  let app: TestApp;
  const as = (user: string, method: string, path: string, body?: unknown) =>
    api(app.url, method, path, { user, body });

  beforeAll(async () => {
    app = await startTestApp();
    const ls = await as('producer', 'POST', `${E}/login-setups`, {
      name: 'prod_login',
      launch_host: 'localhost',
      launch_account: 'samdevpro',
      launch_setup: 'source /setup.sh\nsetup code %(version)s',
    });
    expect(ls.status).toBe(201);
    const jt = await as('producer', 'POST', `${E}/job-types`, {
      name: 'reco_jt',
      launch_script: 'fife_launch',
      parameters: [
        ['-c ', 'reco.cfg'],
        ['-Oglobal.dataset=', '%(dataset)s'],
      ],
      output_file_patterns: 'reco_%.root',
      recoveries: [
        ['proj_status', [['-Oglobal.x=', '1']]],
        ['consumed_status', []],
      ],
    });
    expect(jt.status).toBe(201);
  });
  afterAll(async () => app?.close());

  it('keeps job type parameters in order, with proj_status read as process_status', async () => {
    const list = await as('analyst', 'GET', `${E}/job-types`);
    expect(list.json.items).toMatchObject([
      { name: 'reco_jt', recoveries: ['process_status', 'consumed_status'] },
    ]);
    const jt = await as('analyst', 'GET', `${E}/job-types/${list.json.items[0].job_type_id}`);
    expect(jt.json).toMatchObject({
      parameters: [
        ['-c ', 'reco.cfg'],
        ['-Oglobal.dataset=', '%(dataset)s'],
      ],
      recoveries: [
        ['process_status', [['-Oglobal.x=', '1']]],
        ['consumed_status', []],
      ],
      can_modify: false,
    });
    const bad = await as('producer', 'POST', `${E}/job-types`, {
      name: 'x',
      launch_script: 'x',
      recoveries: [['no_such_type', []]],
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].field).toBe('recoveries.0.0');
    const dup = await as('producer', 'POST', `${E}/job-types`, { name: 'reco_jt', launch_script: 'x' });
    expect(dup.status).toBe(409);
  });

  it('creates a campaign with defaults, stages that inherit them, and dependencies', async () => {
    const c = await as('producer', 'POST', `${E}/campaigns`, {
      name: 'chain',
      keywords: { version: 'v2' },
      defaults: {
        software_version: '%(version)s',
        vo_role: 'Production',
        dataset_or_split_data: 'None',
        job_type: 'reco_jt',
        login_setup: 'prod_login',
        completion_pct: 90,
      },
    });
    expect(c.status).toBe(201);
    expect(c.json.defaults).toMatchObject({ completion_pct: 90, dataset_or_split_data: 'None' });
    const id = c.json.campaign_id;
    const gen = await as('producer', 'POST', `${E}/campaigns/${id}/stages`, {
      name: 'gen',
      dataset_or_split_data: 'demo_gen_cfg',
      cs_split_type: 'nfiles(1)',
      test_split_type: 'nfiles(2)',
    });
    expect(gen.status).toBe(201);
    expect(gen.json.fields).toEqual({
      dataset_or_split_data: 'demo_gen_cfg',
      cs_split_type: 'nfiles(1)',
      test_split_type: 'nfiles(2)',
    });
    expect(gen.json.effective).toMatchObject({
      job_type: 'reco_jt',
      completion_pct: 90,
      completion_type: 'located',
    });
    expect(gen.json.inherited).toContain('job_type');
    const reco = await as('producer', 'POST', `${E}/campaigns/${id}/stages`, {
      name: 'reco',
      completion_type: 'complete',
      merge_overrides: 'True',
      param_overrides: '[["--stage=", "reco"]]',
    });
    expect(reco.status).toBe(201);
    expect(reco.json.fields).toEqual({
      completion_type: 'complete',
      merge_overrides: true,
      param_overrides: [['--stage=', 'reco']],
    });
    const dep = await as('producer', 'POST', `${E}/stages/${reco.json.stage_id}/dependencies`, {
      upstream: 'gen',
      file_pattern: 'gen_%.root',
    });
    expect(dep.status).toBe(201);
    const cycle = await as('producer', 'POST', `${E}/stages/${gen.json.stage_id}/dependencies`, {
      upstream: 'reco',
    });
    expect(cycle.status).toBe(400);
    expect(cycle.json.error.message).toBe('that dependency would close a cycle: gen → reco → gen');
    const selfNone = await as('producer', 'POST', `${E}/stages/${reco.json.stage_id}/dependencies`, {
      upstream: 'reco',
    });
    expect(selfNone.status).toBe(400);
    expect(selfNone.json.error.message).toMatch(/split type that advances \(not None\)/);
    const selfOk = await as('producer', 'POST', `${E}/stages/${gen.json.stage_id}/dependencies`, {
      upstream: 'gen',
    });
    expect(selfOk.status).toBe(201);
    // Now gen may not lose its split type while it depends on itself.
    const unsplit = await as('producer', 'PUT', `${E}/stages/${gen.json.stage_id}`, {
      name: 'gen',
      cs_split_type: 'None',
    });
    expect(unsplit.status).toBe(400);
    const view = await as('analyst', 'GET', `${E}/campaigns/${id}`);
    expect(
      view.json.dependencies.map(
        (d: { upstream: string; downstream: string }) => `${d.upstream}>${d.downstream}`,
      ),
    ).toEqual(['gen>gen', 'gen>reco']);
  });

  it('refuses stages that miss required fields or have unusable split types, naming the field', async () => {
    const c = await as('producer', 'POST', `${E}/campaigns`, { name: 'bare' });
    const id = c.json.campaign_id;
    const missing = await as('producer', 'POST', `${E}/campaigns/${id}/stages`, { name: 's1' });
    expect(missing.status).toBe(400);
    // completion_pct and completion_type have built-in defaults (95, located).
    expect(missing.json.error.details.map((d: { field: string }) => d.field)).toEqual([
      'dataset_or_split_data',
      'job_type',
      'login_setup',
      'software_version',
      'vo_role',
    ]);
    const full = {
      name: 's1',
      dataset_or_split_data: 'd',
      job_type: 'reco_jt',
      login_setup: 'prod_login',
      software_version: 'v1',
      vo_role: 'Production',
    };
    const badSplit = await as('producer', 'POST', `${E}/campaigns/${id}/stages`, {
      ...full,
      cs_split_type: 'mod_3',
    });
    expect(badSplit.status).toBe(400);
    expect(badSplit.json.error.details).toEqual([
      { field: 'cs_split_type', message: "Split type 'mod_3' is not valid: write mod(3)" },
    ]);
    const badPct = await as('producer', 'POST', `${E}/campaigns/${id}/stages`, {
      ...full,
      completion_pct: 150,
    });
    expect(badPct.status).toBe(400);
    expect(badPct.json.error.details[0].field).toBe('completion_pct');
    const unknownJt = await as('producer', 'POST', `${E}/campaigns/${id}/stages`, {
      ...full,
      job_type: 'nope',
    });
    expect(unknownJt.json.error.details).toEqual([
      { field: 'job_type', message: 'no job type named nope in samdev' },
    ]);
    const ok = await as('producer', 'POST', `${E}/campaigns/${id}/stages`, full);
    expect(ok.status).toBe(201);
    const dupName = await as('producer', 'POST', `${E}/campaigns/${id}/stages`, full);
    expect(dupName.status).toBe(409);
    // Defaults may not be emptied from under a stage that inherits them... here s1 sets its own.
    const noDefaults = await as('producer', 'PUT', `${E}/campaigns/${id}`, { name: 'bare', defaults: {} });
    expect(noDefaults.status).toBe(200);
  });

  it('restarts the split cursor when a stage’s dataset or split type changes', async () => {
    const c = await as('producer', 'GET', `${E}/campaigns?name=chain`);
    const camp = await as('producer', 'GET', `${E}/campaigns/${c.json.items[0].campaign_id}`);
    const gen = camp.json.stages.find((s: { name: string }) => s.name === 'gen');
    await app.testDb
      .db('stages')
      .where({ stage_id: gen.stage_id })
      .update({ split_cursor: 3, test_split_cursor: 1 });
    const same = await as('producer', 'PUT', `${E}/stages/${gen.stage_id}`, { name: 'gen', ...gen.fields });
    expect(same.json).toMatchObject({ split_cursor: 3, test_split_cursor: 1 });
    const changed = await as('producer', 'PUT', `${E}/stages/${gen.stage_id}`, {
      ...gen.fields,
      name: 'gen',
      cs_split_type: 'nfiles(2)',
    });
    expect(changed.json).toMatchObject({ split_cursor: null, test_split_cursor: 1 });
  });

  it('renames a job type everywhere its name is a campaign default, and refuses deleting it while used', async () => {
    const jts = await as('producer', 'GET', `${E}/job-types?name=reco_jt`);
    const jtId = jts.json.items[0].job_type_id;
    const current = await as('producer', 'GET', `${E}/job-types/${jtId}`);
    const {
      name: _n,
      job_type_id: _i,
      experiment: _e,
      creator: _c,
      creator_role: _r,
      created_at: _a,
      updated_at: _u,
      can_modify: _m,
      usage: _g,
      ...rest
    } = current.json;
    const renamed = await as('producer', 'PUT', `${E}/job-types/${jtId}`, { ...rest, name: 'reco_jt2' });
    expect(renamed.status).toBe(200);
    const c = await as('producer', 'GET', `${E}/campaigns?name=chain`);
    const camp = await as('producer', 'GET', `${E}/campaigns/${c.json.items[0].campaign_id}`);
    expect(camp.json.defaults.job_type).toBe('reco_jt2');
    const del = await as('producer', 'DELETE', `${E}/job-types/${jtId}`);
    expect(del.status).toBe(409);
    expect(del.json.error.message).toMatch(
      /job type reco_jt2 is still used \(\d+ stages, 1 campaign defaults/,
    );
    const spare = await as('producer', 'POST', `${E}/job-types/${jtId}/clone`, { name: 'spare' });
    expect(spare.status).toBe(201);
    expect(spare.json.recoveries).toEqual(current.json.recoveries);
    expect((await as('producer', 'DELETE', `${E}/job-types/${spare.json.job_type_id}`)).status).toBe(204);
  });

  it('renames a login setup in campaign defaults too; deletes stages and dependencies', async () => {
    const ls = (await as('producer', 'GET', `${E}/login-setups?name=prod_login`)).json.items[0];
    const renamed = await as('producer', 'PUT', `${E}/login-setups/${ls.login_setup_id}`, {
      name: 'prod_login2',
      launch_host: 'localhost',
      launch_account: 'samdevpro',
    });
    expect(renamed.json).toMatchObject({ name: 'prod_login2', launch_setup: '' });
    const c = await as('producer', 'GET', `${E}/campaigns?name=chain`);
    const camp = await as('producer', 'GET', `${E}/campaigns/${c.json.items[0].campaign_id}`);
    expect(camp.json.defaults.login_setup).toBe('prod_login2');
    expect((await as('producer', 'DELETE', `${E}/login-setups/${ls.login_setup_id}`)).status).toBe(409);

    const extra = await as('producer', 'POST', `${E}/campaigns/${camp.json.campaign_id}/stages`, {
      name: 'extra',
    });
    expect(extra.status).toBe(201);
    const dep = await as('producer', 'POST', `${E}/stages/${extra.json.stage_id}/dependencies`, {
      upstream: 'reco',
    });
    expect(dep.json).toMatchObject({ upstream: 'reco', downstream: 'extra', file_pattern: '%' });
    expect((await as('producer', 'DELETE', `${E}/dependencies/${dep.json.dependency_id}`)).status).toBe(200);
    const dep2 = await as('producer', 'POST', `${E}/stages/${extra.json.stage_id}/dependencies`, {
      upstream: 'gen',
    });
    expect((await as('producer', 'DELETE', `${E}/stages/${extra.json.stage_id}`)).json).toEqual({
      stage_id: extra.json.stage_id,
    });
    expect(
      await app.testDb.db('dependencies').where({ dependency_id: dep2.json.dependency_id }).first(),
    ).toBeUndefined();
    expect((await as('producer', 'GET', `${E}/stages/${extra.json.stage_id}`)).status).toBe(404);
    expect((await as('producer', 'GET', `/api/v1/experiments/nowhere/campaigns`)).status).toBe(404);
    expect((await as('producer', 'GET', `${E}/campaigns/99999999999`)).status).toBe(400);
    expect((await as('producer', 'GET', `${E}/campaigns/12345`)).status).toBe(404);
  });

  it('clones a campaign renaming every stage, and keeps the copy independent', async () => {
    const c = await as('producer', 'GET', `${E}/campaigns?name=chain`);
    const id = c.json.items[0].campaign_id;
    const clone = await as('producer', 'POST', `${E}/campaigns/${id}/clone`, {
      name: 'chain_b',
      from: 'gen',
      to: 'make',
    });
    expect(clone.status).toBe(201);
    const copy = await as('producer', 'GET', `${E}/campaigns/${clone.json.campaign_id}`);
    expect(copy.json.stages.map((s: { name: string }) => s.name)).toEqual(['make', 'clone_of_reco']);
    expect(
      copy.json.dependencies.map((d: { upstream: string; downstream: string; file_pattern: string }) => [
        d.upstream,
        d.downstream,
        d.file_pattern,
      ]),
    ).toEqual([
      ['make', 'make', '%'],
      ['make', 'clone_of_reco', 'gen_%.root'],
    ]);
    expect(copy.json.keywords).toEqual({ version: 'v2' });
    expect(copy.json.stages[0].fields).toMatchObject({ test_split_type: 'nfiles(2)' });
    const again = await as('producer', 'POST', `${E}/campaigns/${id}/clone`, { name: 'chain_b' });
    expect(again.status).toBe(409);
    const byDefault = await as('producer', 'POST', `${E}/campaigns/${id}/clone`, { name: 'chain_c' });
    expect(
      byDefault.json.created
        .filter((o: { kind: string }) => o.kind === 'stage')
        .map((o: { name: string }) => o.name),
    ).toEqual(['clone_of_gen', 'clone_of_reco']);
  });

  it('marks campaigns active and inactive, and tags them', async () => {
    const c = await as('producer', 'GET', `${E}/campaigns?name=chain_b`);
    const id = c.json.items[0].campaign_id;
    expect((await as('producer', 'POST', `${E}/campaigns/${id}/active`, { active: false })).json).toEqual({
      campaign_id: id,
      active: false,
    });
    expect((await as('producer', 'GET', `${E}/campaigns?name=chain_b`)).json.total).toBe(0);
    expect((await as('producer', 'GET', `${E}/campaigns?name=chain_b&state=inactive`)).json.total).toBe(1);
    expect((await as('producer', 'POST', `${E}/campaigns/${id}/tags`, { tag: 'mc2026' })).json.tags).toEqual([
      'mc2026',
    ]);
    expect((await as('producer', 'POST', `${E}/campaigns/${id}/tags`, { tag: 'mc2026' })).json.tags).toEqual([
      'mc2026',
    ]);
    expect((await as('producer', 'POST', `${E}/campaigns/${id}/tags`, { tag: 'two words' })).status).toBe(
      400,
    );
    expect((await as('producer', 'DELETE', `${E}/campaigns/${id}/tags/mc2026`)).json.tags).toEqual([]);
    expect(await app.testDb.db('tags').where({ name: 'mc2026' }).first()).toBeUndefined();
  });

  it('makes a campaign a test campaign, whose every launch is flagged as a test', async () => {
    await as('producer', 'POST', `${E}/login-setups`, {
      name: 'dry_login',
      launch_host: 'localhost',
      launch_account: 'samdevpro',
    });
    await as('producer', 'POST', `${E}/job-types`, { name: 'dry_jt', launch_script: 'fife_launch' });
    const defaults = {
      job_type: 'dry_jt',
      login_setup: 'dry_login',
      vo_role: 'Production',
      software_version: 'v1',
    };
    const c = await as('producer', 'POST', `${E}/campaigns`, {
      name: 'dry_runs',
      test_campaign: true,
      defaults,
    });
    expect(c.status).toBe(201);
    expect(c.json.test_campaign).toBe(true);
    const id = c.json.campaign_id;
    const st = await as('producer', 'POST', `${E}/campaigns/${id}/stages`, {
      name: 'only',
      dataset_or_split_data: 'some_dataset',
    });
    expect(st.status).toBe(201);
    const preview = await as('producer', 'GET', `${E}/stages/${st.json.stage_id}/launch-preview`);
    expect(JSON.stringify(preview.json)).toContain('POMS4_TEST_LAUNCH=True');
    // A replacement that leaves the flag out keeps it; false clears it, and the launch is a real one.
    const copy = await as('producer', 'POST', `${E}/campaigns/${id}/clone`, { name: 'dry_runs_copy' });
    expect(copy.status).toBe(201);
    const copied = await as('producer', 'GET', `${E}/campaigns/${copy.json.campaign_id}`);
    expect(copied.json.test_campaign).toBe(true);
    const put = (body: object) =>
      as('producer', 'PUT', `${E}/campaigns/${id}`, { name: 'dry_runs', defaults, ...body });
    expect((await put({})).json.test_campaign).toBe(true);
    expect((await put({ test_campaign: false })).json.test_campaign).toBe(false);
    const real = await as('producer', 'GET', `${E}/stages/${st.json.stage_id}/launch-preview`);
    expect(JSON.stringify(real.json)).toContain('POMS4_TEST_LAUNCH=False');
    expect(await app.testDb.db('campaigns').where({ campaign_id: id }).first('campaign_type')).toEqual({
      campaign_type: null,
    });
    expect((await put({ test_campaign: 'maybe' })).status).toBe(400);
  });

  it('deletes a campaign with its stages and dependencies, but not once it has submissions', async () => {
    const db = app.testDb.db;
    const c = await as('producer', 'GET', `${E}/campaigns?name=chain_c`);
    const id = c.json.items[0].campaign_id;
    const stageIds = await db('stages').where({ campaign_id: id }).pluck('stage_id');
    const del = await as('producer', 'DELETE', `${E}/campaigns/${id}`);
    expect(del.json).toEqual({ campaign_id: id, name: 'chain_c', stages: 2 });
    expect(await db('stages').whereIn('stage_id', stageIds).count({ n: '*' }).first()).toEqual({ n: 0 });
    expect(
      await db('dependencies').whereIn('downstream_stage_id', stageIds).count({ n: '*' }).first(),
    ).toEqual({ n: 0 });

    const chain = (await as('producer', 'GET', `${E}/campaigns?name=chain`)).json.items.find(
      (x: { name: string }) => x.name === 'chain',
    );
    const stage = await db('stages').where({ campaign_id: chain.campaign_id }).first();
    await db('submissions').insert({
      stage_id: stage.stage_id,
      campaign_id: chain.campaign_id,
      experiment: 'samdev',
      status: 'Running',
    });
    const refused = await as('producer', 'DELETE', `${E}/campaigns/${chain.campaign_id}`);
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toBe(
      'campaign chain cannot be deleted: it has 1 submission; mark it inactive instead',
    );
    expect((await as('producer', 'DELETE', `${E}/stages/${stage.stage_id}`)).status).toBe(409);
    const listed = await as('analyst', 'GET', `${E}/campaigns?name=chain`);
    expect(listed.json.items.find((x: { name: string }) => x.name === 'chain')).toMatchObject({
      running: 1,
      stages: 2,
    });
  });

  it('audits every change in the same transaction', async () => {
    const actions = await app.testDb.db('audit_log').where({ experiment: 'samdev' }).pluck('action');
    for (const a of [
      'login_setup.create',
      'job_type.create',
      'job_type.update',
      'job_type.delete',
      'campaign.create',
      'campaign.update',
      'campaign.deactivate',
      'campaign.tag',
      'campaign.untag',
      'campaign.import',
      'campaign.delete',
      'stage.create',
      'stage.update',
      'dependency.create',
    ])
      expect(actions).toContain(a);
  });
});
