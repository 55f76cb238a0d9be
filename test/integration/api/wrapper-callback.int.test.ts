import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submissionStore } from '../../../src/db/stores/submission-store.js';
import { submissionTokens } from '../../../src/services/tokens/submission-token.js';
import { jwt } from '../../helpers/credentials.js';
import { startLabIssuer, type LabIssuer } from '../../helpers/lab-issuer.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';
import { pomsCall } from './poms-client-call.js';

// The wrapper's job-id callback (poms-inventory.md 3.6): each launch gets its own short-lived
// token (POMS_SUBMISSION_TOKEN); the simulator's wrapper sends it with update_submission, and the
// id arrives through the callback, not only from the launch log.
describe('the wrappers report the job id with the submission token', () => {
  let h: ApiHarness;
  let token: string;
  let stageId: number;
  const db = () => h.testDb.db;

  beforeAll(async () => {
    h = await startApiHarness({ sim: true, callback: true });
    token = await h.token('producer');
    stageId = (
      await db()('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': 'demo', 's.name': 'reco' })
        .first('s.stage_id')
    ).stage_id;
  });
  afterAll(async () => {
    await h?.services.runner.idle();
    await h?.close();
  });

  async function launch(): Promise<number> {
    const r = await pomsCall(
      h.url,
      'launch_jobs',
      { experiment: 'samdev', role: 'production', campaign_stage_id: stageId },
      { token },
    );
    expect(r.status).toBe(303);
    await h.services.runner.idle();
    return Number(r.location!.slice(r.location!.lastIndexOf('_') + 1));
  }

  it('a launch log shows the callback accepted, and the id was reported through update_submission', async () => {
    const sid = await launch();
    const log = (await submissionStore(db()).log(sid)).text;
    expect(log).toMatch(/For Status, use URL: http:\/\/127\.0\.0\.1:\d+\/poms\/submission_details/);
    expect(log).not.toMatch(/could not report/);
    const row = await db()('submissions').where({ submission_id: sid }).first();
    expect(row.jobsub_job_id).toMatch(/^\d+@sim-schedd/);
    const reported = await db()('audit_log').where({
      action: 'submission.job_reported',
      object_id: String(sid),
    });
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ actor: 'producer' });
    expect(reported[0].details.jobsub_job_ids).toEqual([row.jobsub_job_id]);
  });

  it('the token reports on its own submission only, through the wrapper calls only', async () => {
    const sid = await launch();
    const other = await launch();
    // Minted as the launch did (same secret): what the wrapper found in POMS_SUBMISSION_TOKEN.
    const tok = submissionTokens(h.config.server.session_secret, 60_000).mint(sid);
    const report = (fields: Record<string, string | number>, method = 'update_submission') =>
      pomsCall(h.url, method, fields, { token: tok });
    const ok = await report({ submission_id: sid, jobsub_job_id: '91.0@sim-schedd01.example' });
    expect([ok.status, ok.text]).toEqual([200, 'Ok.']);
    const wrongSub = await report({ submission_id: other, status: 'Completed' });
    expect(wrongSub.status).toBe(403);
    expect(wrongSub.text).toMatch(/only reports on its own submission/);
    const wrongCall = await report({ campaign_stage_id: stageId, submission_id: sid }, 'launch_jobs');
    expect(wrongCall.status).toBe(403);
    const api = await fetch(`${h.url}/api/v1/experiments/samdev/submissions/${sid}`, {
      headers: { authorization: `Bearer ${tok}` },
    });
    expect(api.status).toBe(403);
    const forged = await pomsCall(
      h.url,
      'update_submission',
      { submission_id: sid },
      { token: tok.replace(/_(\d+)_(\d+)_/, `_${other}_$2_`) },
    );
    expect(forged.status).toBe(401);
    // Without any credential the callback is refused, as before.
    const none = await pomsCall(h.url, 'update_submission', { submission_id: sid });
    expect(none.status).toBe(401);
  });
});

// The released poms_jobsub_wrapper (fermitools/poms poms_jobsub_wrapper/bin/poms_job_info) reports
// with `curl -H "Authorization: Bearer $(cat ${BEARER_TOKEN_FILE})" "$baseurl/update_submission?
// submission_id=…&jobsub_job_id=…&status=New"`: the grid's SciToken, here the experiment's managed
// production token. It goes through the same bearer middleware as every scripted call, so it is
// accepted when it verifies against the lab's issuer ([lab_tokens]) and refused otherwise.
describe('the released wrapper reports with the SciToken in BEARER_TOKEN_FILE', () => {
  const AUD = 'https://poms.example.org';
  let issuer: LabIssuer;
  let h: ApiHarness;

  beforeAll(async () => {
    issuer = await startLabIssuer();
    h = await startApiHarness({
      sim: true,
      overrides: { lab_tokens: { issuer: issuer.url, audience: AUD } },
    });
    const [x] = await h.testDb
      .db('experimenters')
      .insert({ username: 'samdevpro', last_name: 'samdev production' })
      .returning('experimenter_id');
    await h.testDb.db('memberships').insert({ ...x, experiment: 'samdev', role: 'production' });
  });
  afterAll(async () => {
    await h?.services.runner.idle();
    await h?.close();
    await issuer?.close();
  });

  /** What poms_job_info sends: a GET with the fields in the query, the token file's text as bearer. */
  const jobInfo = (sid: number, token: string) =>
    fetch(
      `${h.url}/poms/update_submission?submission_id=${sid}&jobsub_job_id=4242@sim-schedd01.example&status=New`,
      { headers: { authorization: `Bearer ${token.trim()}` }, redirect: 'manual' },
    ).then(async (r) => ({ status: r.status, text: await r.text() }));

  it('accepts the managed production token the site issued, and refuses one it did not sign', async () => {
    const producer = (await h.services.identity.loadUser('producer', { experiment: 'samdev' }))!;
    const stage = await h.testDb
      .db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    const launched = await h.services.launchActions.launch(producer, stage.stage_id, {}, 'samdev');
    await h.services.runner.idle();
    const sid = (launched as { submissionId: number }).submissionId;

    const unsigned = await jobInfo(
      sid,
      jwt(new Date(Date.now() + 3_600_000), { scope: 'storage.create:/samdev/' }),
    );
    expect(unsigned.status).toBe(401);
    const scitoken = await issuer.mint({
      aud: AUD,
      sub: 'a6a3e1b2-managed-token',
      scope: 'compute.create compute.read storage.create:/samdev/ storage.read:/samdev',
      'wlcg.ver': '1.0',
    });
    const ok = await jobInfo(sid, `${scitoken}\n`);
    expect([ok.status, ok.text]).toEqual([200, 'Ok.']);
    const row = await h.testDb.db('submissions').where({ submission_id: sid }).first();
    expect(row.jobsub_cluster_ids).toContain('4242@sim-schedd01.example');
    const audit = await h.testDb
      .db('audit_log')
      .where({ action: 'submission.job_reported', object_id: String(sid) })
      .orderBy('audit_id', 'desc')
      .first();
    expect(audit).toMatchObject({ actor: 'samdevpro' });
  });
});
