import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../helpers/campaign-files.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';
import { PomsClientError, pomsClient } from './poms-client-functions.js';

// Every poms_client function a production script uses (poms-inventory.md section 8, "C"), and the
// calls scripts make by hand (update_campaign_stage, kill_jobs, mark_campaign_hold), each exactly as
// the original client sends it and read exactly as the client reads it: a status other than 200,
// 202 or 303, or a body the client cannot parse, fails here. The upload calls are tested with the
// uploads area.
const CORPUS = fixturePath('analysis-tutorial.ini');

describe('the original poms_client, function by function', () => {
  let h: ApiHarness;
  let client: ReturnType<typeof pomsClient>;
  const db = () => h.testDb.db;
  let reco: { stage_id: number; campaign_id: number };

  beforeAll(async () => {
    h = await startApiHarness({ sim: true });
    client = pomsClient(h.url, await h.token('producer'), { experiment: 'samdev', role: 'production' });
    reco = await db()('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id', 'c.campaign_id');
  });
  afterAll(async () => {
    await h?.services.runner.idle();
    await h?.close();
  });

  it('upload_wf answers 200 (not 201) for a new campaign and for a re-import', async () => {
    const ini = fs.readFileSync(CORPUS, 'utf8');
    const [ok, data] = await client.upload_wf('tutorial.ini', ini);
    expect(ok).toBe(true);
    expect(data).toMatchObject({ campaign: 'fixture_tutorial' });
    const [again] = await client.upload_wf('tutorial.ini', ini, true);
    expect(again).toBe(true);
  });

  it('the lookups: show_campaigns, show_campaign_stages, get_campaign_list, ids and names', async () => {
    const [ok, shown] = await client.show_campaigns();
    expect(ok).toBe(true);
    expect(shown.tl.map((c: { name: string }) => c.name)).toContain('demo');
    const [ok2, stages] = await client.show_campaign_stages('demo');
    expect(ok2).toBe(true);
    expect(stages.campaign_stages.map((s: { name: string }) => s.name)).toContain('reco');
    expect(await client.get_campaign_list()).toMatchObject({ reco: expect.any(Number) });
    expect(await client.get_campaign_id('demo')).toBe(reco.campaign_id);
    expect(await client.get_campaign_name(reco.campaign_id)).toBe('demo');
    expect(await client.get_campaign_stage_id('demo', 'reco')).toBe(reco.stage_id);
    expect(await client.get_campaign_stage_name(reco.stage_id)).toEqual(['demo', 'reco']);
    expect(await client.tag_campaigns('client-tag', [reco.campaign_id])).toBe(true);
  });

  it('the editors: login setups, job types (and their old names), stages, overrides, recoveries', async () => {
    expect(await client.login_setup_edit('localhost', 'samdevpro', 'setup fife_utils', 'add', 'cl_ls')).toBe(
      200,
    );
    expect(await client.launch_template_edit('edit', 'cl_ls', 'localhost', 'samdevpro', ['echo', 'hi'])).toBe(
      200,
    );
    expect(
      await client.job_type_edit('%.root', 'fife_launch -c x.cfg', [['-Ox=', '1']], 'add', 'cl_jt'),
    ).toBe(200);
    expect(
      await client.job_type_edit(
        '%',
        'fife_launch -c y.cfg',
        [],
        'edit',
        'cl_jt',
        'campaign_definition_edit',
      ),
    ).toBe(200);
    const jt = await db()('job_types').where({ experiment: 'samdev', name: 'cl_jt' }).first('job_type_id');
    const [recs, st] = await client.modify_job_type_recoveries(jt.job_type_id, [
      ['consumed_status', [['-Oa=', 'b']]],
    ]);
    expect(st).toBe(200);
    expect(recs).toBeTruthy();

    expect(
      await client.campaign_stage_edit('add', 'demo', 'cl_stage', {
        ae_vo_role: 'Production',
        ae_dataset: 'demo_input',
        ae_software_version: 'v1',
        ae_completion_type: 'located',
        ae_completion_pct: '95',
        ae_param_overrides: '[]',
        ae_test_param_overrides: '[]',
        ae_depends: '{"campaign_stages": [], "file_patterns": []}',
        ae_launch_name: 'cl_ls',
        ae_campaign_definition: 'cl_jt',
      }),
    ).toBe(200);
    const id = await client.get_campaign_stage_id('demo', 'cl_stage');
    expect(await client.update_stage_param_overrides(id, "[('-Ofoo=', 'bar')]")).toMatch(/-Ofoo=/);

    // update_campaign_stage: by id and by [campaign, stage]; columns by the original's names.
    expect(await client.update_campaign_stage(id, { software_version: 'v2', completion_pct: '80' })).toBe(
      200,
    );
    expect(
      await client.update_campaign_stage(['demo', 'cl_stage'], {
        param_overrides: "[('-Oglobal.x=', '1')]",
        cs_split_type: 'nfiles(5)',
      }),
    ).toBe(200);
    const view = await h.services.stages.get(
      (await h.services.identity.loadUser('producer', { experiment: 'samdev' }))!,
      'samdev',
      id,
    );
    expect(view.fields).toMatchObject({
      software_version: 'v2',
      completion_pct: 80,
      cs_split_type: 'nfiles(5)',
      param_overrides: [['-Oglobal.x=', '1']],
    });
    // A name that is no column is a clear 400 (which the client raises), and nothing changed.
    const bad = await client.update_campaign_stage(id, { softwre_version: 'v9' }).catch((e) => e);
    expect(bad).toBeInstanceOf(PomsClientError);
    expect(bad.status).toBe(400);
    expect(bad.message).toMatch(/softwre_version/);

    expect(await client.campaign_stage_edit('delete', 'demo', 'cl_stage', {})).toBe(200);
    expect((await client.job_type_rm('cl_jt'))[1]).toBe(200);
    expect((await client.login_setup_rm('cl_ls'))[1]).toBe(200);
  });

  it('launches, the wrapper calls, submission pages', async () => {
    const [loc, status, sid] = await client.launch_campaign_stage_jobs(reco.stage_id);
    expect(status).toBe(303);
    expect(loc).toMatch(/_\d+$/);
    expect(sid).toBeGreaterThan(0);
    const [, s2, sid2] = await client.launch_campaign_jobs(reco.campaign_id, true);
    expect(s2).toBe(303);
    expect(sid2).toBeGreaterThan(sid!);
    await h.services.runner.idle();

    const own = await client.get_submission_id_for(reco.stage_id, {
      user: 'producer',
      command_executed: 'jobsub_submit -G fermilab file://x.sh',
    });
    expect(await client.get_submission_id_for(reco.stage_id, { submission_id: own })).toBe(own);
    const [ok, said] = await client.update_submission(own, '777.0@sim-schedd01.example', 'Idle', 'p_cl');
    expect([ok, said]).toEqual([true, 'Ok.']);
    const [ok3, subs] = await client.campaign_stage_submissions('demo', 'reco');
    expect(ok3).toBe(true);
    expect(subs.data.submissions.map((x: { submission_id: number }) => x.submission_id)).toContain(own);
    const [ok4, details] = await client.submission_details(own);
    expect(ok4).toBe(true);
    expect(details.submission).toMatchObject({
      submission_id: own,
      jobsub_job_id: '777@sim-schedd01.example',
    });
  });

  it('mark_campaign_hold: Hold and Release answer 303, and hold or release the stages', async () => {
    const held = await client.make('mark_campaign_hold', { ids2HR: String(reco.stage_id), is_hold: 'Hold' });
    expect(held[1]).toBe(303);
    expect(
      (await db()('stages').where({ stage_id: reco.stage_id }).first()).hold_experimenter_id,
    ).not.toBeNull();
    const [loc] = await client.make('mark_campaign_hold', { ids2HR: `${reco.stage_id}`, is_hold: 'Release' });
    expect(loc).toMatch(/show_campaign_stages\/samdev\/production$/);
    expect((await db()('stages').where({ stage_id: reco.stage_id }).first()).hold_experimenter_id).toBeNull();
    const bad = await client
      .make('mark_campaign_hold', { ids2HR: `${reco.stage_id}`, is_hold: 'Pause' })
      .catch((e) => e);
    expect(bad.status).toBe(400);
  });

  it('mark_campaign_hold clears the held stages’ launch schedules unless clear_cron is false, as the original', async () => {
    // fermitools/poms StagesPOMS.mark_campaign_hold(…, clear_cron=True): Hold and Queue delete the
    // stages' cron entries by default; Release leaves the schedule alone.
    const cron = async () => (await db()('stages').where({ stage_id: reco.stage_id }).first()).cron_schedule;
    const schedule = () =>
      db()('stages').where({ stage_id: reco.stage_id }).update({ cron_schedule: '0 3 * * *' });
    const hold = (extra: Record<string, string> = {}, how = 'Hold') =>
      client.make('mark_campaign_hold', { ids2HR: String(reco.stage_id), is_hold: how, ...extra });
    await schedule();
    await hold();
    expect(await cron()).toBeNull();
    await hold({}, 'Release');
    await schedule();
    await hold({ clear_cron: 'False' }, 'Queue');
    expect(await cron()).toBe('0 3 * * *');
    await hold({}, 'Release');
    expect(await cron()).toBe('0 3 * * *');
    await hold({ clear_cron: '1' });
    expect(await cron()).toBeNull();
    await hold({}, 'Release');
  });

  it('kill_jobs: a confirmation first (nothing done), then with confirm=y the jobs are removed', async () => {
    const [, , sid] = await client.launch_campaign_stage_jobs(reco.stage_id);
    await h.services.runner.idle();
    const ask = await client.make('kill_jobs', { submission_id: sid, act: 'kill', fmt: 'json' });
    expect(ask[1]).toBe(200);
    expect(JSON.parse(ask[0])).toMatchObject({ confirm: false, submissions: [sid] });
    expect((await db()('submissions').where({ submission_id: sid }).first()).status).toBe('New');
    const done = await client.make('kill_jobs', {
      submission_id: sid,
      act: 'kill',
      confirm: 'y',
      fmt: 'json',
    });
    expect(done[1]).toBe(200);
    expect(JSON.parse(done[0])).toMatchObject({ confirm: true, submissions: [sid], changed: [sid] });
    expect((await db()('submissions').where({ submission_id: sid }).first()).status).toBe('Removed');
  });

  it('campaign_rm (show_campaigns action=delete) answers 200 with a message', async () => {
    const [d, s] = await client.campaign_rm('fixture_tutorial');
    expect(s).toBe(200);
    expect(JSON.parse(d).msg).toMatch(/deleted/);
  });
});
