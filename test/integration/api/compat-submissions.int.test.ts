import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApiHarness, type ApiHarness } from './api-harness.js';
import { pomsCall } from './poms-client-call.js';

// poms_client's launch and submission calls, and the wrappers' callbacks (external-apis.md 1.10),
// with the exact fields they send, on the app wired to the FIFE simulator.
const EXP = { experiment: 'samdev', role: 'production' };

describe('poms_client launch and submission calls', () => {
  let h: ApiHarness;
  let token: string;
  let reco: { stage_id: number; campaign_id: number };
  const db = () => h.testDb.db;
  const call = (method: string, fields: Record<string, any>, as = token) =>
    pomsCall(h.url, method, { ...EXP, ...fields }, { token: as });
  /** What poms_client does with a launch's 303: the id after the last underscore of Location. */
  const sidOf = (location: string | null) => Number(location!.slice(location!.lastIndexOf('_') + 1));

  beforeAll(async () => {
    h = await startApiHarness({ sim: true });
    token = await h.token('producer');
    reco = await db()('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id', 'c.campaign_id');
  });
  afterAll(async () => {
    await h?.services.runner.idle();
    await h?.close();
  });

  it('launch_campaign_stage_jobs (launch_jobs): 303 whose Location ends with _<submission id>', async () => {
    const r = await call('launch_jobs', { campaign_stage_id: reco.stage_id, test_launch: null });
    expect(r.status).toBe(303);
    expect(r.location).toMatch(/fname=\d{8}_\d{6}_producer_\d+$/);
    const sid = sidOf(r.location);
    const row = await db()('submissions').where({ submission_id: sid }).first();
    expect(row).toMatchObject({ stage_id: reco.stage_id, test: false });
    await h.services.runner.idle();
    expect((await db()('submissions').where({ submission_id: sid }).first()).jobsub_job_id).toMatch(
      /@sim-schedd/,
    );
  });

  it('launch_campaign_jobs (launch_campaign) and a test launch', async () => {
    const r = await call('launch_campaign', { campaign_id: reco.campaign_id, test_launch: null });
    expect(r.status).toBe(303);
    expect(
      (
        await db()('submissions')
          .where({ submission_id: sidOf(r.location) })
          .first()
      ).stage_id,
    ).toBe(reco.stage_id);
    const t = await call('launch_jobs', { campaign_stage_id: reco.stage_id, test_launch: true });
    expect(t.status).toBe(303);
    expect(
      (
        await db()('submissions')
          .where({ submission_id: sidOf(t.location) })
          .first()
      ).test,
    ).toBe(true);
    await h.services.runner.idle();
  });

  it('refuses a launch while held with 423', async () => {
    await db()('experiments')
      .where({ experiment: 'samdev' })
      .update({ launches_held_by: 1, launches_held_at: new Date() });
    try {
      const r = await call('launch_jobs', { campaign_stage_id: reco.stage_id });
      expect(r.status).toBe(423);
      expect(r.text).toMatch(/held/);
    } finally {
      await db()('experiments')
        .where({ experiment: 'samdev' })
        .update({ launches_held_by: null, launches_held_at: null });
      await db()('held_launches').delete();
    }
  });

  it('campaign_stage_submissions and submission_details (fmt=json)', async () => {
    const r = await call('campaign_stage_submissions', {
      fmt: 'json',
      campaign_name: 'demo',
      stage_name: 'reco',
    });
    expect(r.status).toBe(200);
    const subs = r.json().data.submissions;
    expect(subs.length).toBeGreaterThanOrEqual(3);
    expect(subs[0]).toMatchObject({
      campaign_stage_id: reco.stage_id,
      campaign_stage_name: 'reco',
      campaign_name: 'demo',
    });
    // Available output is the lists' number (located output files, from the file-count cache), not
    // the input files done: a launch whose 40 inputs made 80 located outputs shows 80.
    await db()('submissions')
      .where({ submission_id: subs[0].submission_id })
      .update({ files_located: 40, file_counts: JSON.stringify({ outputsLocated: 80 }) });
    const again = await call('campaign_stage_submissions', {
      fmt: 'json',
      campaign_name: 'demo',
      stage_name: 'reco',
    });
    const first = again.json().data.submissions.find((s: any) => s.submission_id === subs[0].submission_id);
    expect(first).toMatchObject({ available_output: 80, files_located: 40 });
    const star = await call('campaign_stage_submissions', {
      fmt: 'json',
      campaign_name: 'demo',
      stage_name: '*',
    });
    expect(star.json().data.submissions.length).toBe(subs.length);
    const none = await call('campaign_stage_submissions', {
      fmt: 'json',
      campaign_name: 'nope',
      stage_name: 'reco',
    });
    expect(none.json().data.submissions).toEqual([]);

    const d = await call('submission_details', { submission_id: subs[0].submission_id, fmt: 'json' });
    expect(d.status).toBe(200);
    expect(d.json()).toMatchObject({
      submission: { submission_id: subs[0].submission_id, campaign_stage_id: reco.stage_id },
      recovery_ids: [],
      depend_ids: [],
    });
    expect(d.json().history[0]).toMatchObject({ status: 'New' });
  });

  it('get_submission_id_for: a new submission for work launched elsewhere, then its command registered', async () => {
    const r = await call('get_submission_id_for', {
      campaign_stage_id: reco.stage_id,
      user: 'producer',
      command_executed: 'jobsub_submit -G samdev file://x.sh',
    });
    expect(r.status).toBe(200);
    const id = Number(/^Task=(\d+)$/.exec(r.text)![1]);
    expect(await db()('submissions').where({ submission_id: id }).first()).toMatchObject({
      stage_id: reco.stage_id,
      status: 'New',
      command_executed: 'jobsub_submit -G samdev file://x.sh',
    });
    const again = await call('get_submission_id_for', {
      campaign_stage_id: reco.stage_id,
      submission_id: id,
      command_executed: 'jobsub_submit --project_name=p77 x',
    });
    expect(again.text).toBe(`Task=${id}`);
    expect(await db()('submissions').where({ submission_id: id }).first()).toMatchObject({
      command_executed: 'jobsub_submit --project_name=p77 x',
      project: 'p77',
    });
    // The deprecated spelling.
    const old = await call('get_task_id_for', {
      campaign: reco.stage_id,
      task_id: id,
      command_executed: null,
    });
    expect(old.text).toBe(`Task=${id}`);
  });

  it('update_submission: jobsub id (.0@ → @, every cluster kept), project, status through the status machine', async () => {
    const id = Number(
      (await call('get_submission_id_for', { campaign_stage_id: reco.stage_id })).text.slice(5),
    );
    const r = await call('update_submission', {
      submission_id: id,
      jobsub_job_id: '9001.0@sim-schedd01.example',
      status: 'Idle',
      project: 'proj_a',
    });
    expect(r.status).toBe(200);
    expect(r.text).toBe('Ok.');
    await call('update_submission', {
      submission_id: id,
      jobsub_job_id: '9002.0@sim-schedd02.example',
      status: 'Running',
      pct_complete: '10',
    });
    const row = await db()('submissions').where({ submission_id: id }).first();
    expect(row).toMatchObject({
      jobsub_job_id: '9001@sim-schedd01.example',
      jobsub_cluster_ids: ['9001@sim-schedd01.example', '9002@sim-schedd02.example'],
      project: 'proj_a',
      status: 'Running',
    });
    const hist = await db()('submission_history')
      .where({ submission_id: id })
      .orderBy('history_id')
      .select('status', 'actor_kind');
    expect(hist.map((x) => `${x.status}:${x.actor_kind}`)).toEqual([
      'New:person',
      'Idle:person',
      'Running:person',
    ]);
    expect(
      await db()('audit_log').where({ action: 'submission.status', object_id: String(id) }),
    ).toHaveLength(2);

    // The service account reports as the poller; a backward move is refused by the machine (still "Ok.").
    const [poms] = await db()('experimenters')
      .insert({ username: 'poms', last_name: 'service', root: true })
      .returning('experimenter_id');
    expect(poms.experimenter_id).toBeGreaterThan(0);
    const agent = await h.token('poms', { experiment: 'all', max_role: 'superuser' });
    expect((await call('update_submission', { submission_id: id, status: 'Completed' }, agent)).text).toBe(
      'Ok.',
    );
    expect((await call('update_submission', { submission_id: id, status: 'Idle' }, agent)).text).toBe('Ok.');
    const last = await db()('submission_history')
      .where({ submission_id: id })
      .orderBy('history_id', 'desc')
      .first();
    expect(last).toMatchObject({ status: 'Completed', actor_kind: 'poller' });

    expect((await call('update_submission', { submission_id: 999999, jobsub_job_id: '1@x' })).text).toBe(
      'Unknown.',
    );
    const bad = await call('update_submission', { submission_id: id, status: 'Exploded' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/Unknown submission status "Exploded"/);
  });

  it('a GET works too, as the wrappers call it (wget)', async () => {
    const id = Number(
      (await call('get_submission_id_for', { campaign_stage_id: reco.stage_id })).text.slice(5),
    );
    const res = await fetch(
      `${h.url}/poms/update_submission?submission_id=${id}&jobsub_job_id=4242.0%40s.example&status=New`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(await res.text()).toBe('Ok.');
    expect((await db()('submissions').where({ submission_id: id }).first()).jobsub_job_id).toBe(
      '4242@s.example',
    );
  });
});
