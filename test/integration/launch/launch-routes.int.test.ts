import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

describe('launch pages and API', () => {
  let app: TestApp;
  let launcher: string;
  beforeAll(async () => {
    app = await startTestApp();
    launcher = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'poms-lr-')), 'fake_launch');
    fs.writeFileSync(
      launcher,
      '#!/bin/sh\necho "starting $*"\nsleep 0.3\necho "Use job id 42.0@sim-schedd01.example to retrieve output"\n',
      { mode: 0o755 },
    );
  });
  afterAll(async () => app?.close());

  it('launches through the API with an idempotency key, answering 201 then 200 for the retry', async () => {
    const f = await makeStage(app.testDb.db, { launchScript: launcher });
    const url = `/api/v1/experiments/samdev/stages/${f.stage.stage_id}/launch`;
    const first = await api(app.url, 'POST', url, {
      user: 'producer',
      body: {},
      headers: { 'idempotency-key': 'retry-me-please' },
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ kind: 'launched', dataset: 'demo_raw', duplicate: false });
    const again = await api(app.url, 'POST', url, {
      user: 'producer',
      body: {},
      headers: { 'idempotency-key': 'retry-me-please' },
    });
    expect(again.status).toBe(200);
    expect(again.json.submissionId).toBe(first.json.submissionId);
    await app.services.runner.idle();
    const log = await api(
      app.url,
      'GET',
      `/api/v1/experiments/samdev/submissions/${first.json.submissionId}/log`,
      { user: 'analyst' },
    );
    expect(log.json).toMatchObject({
      jobsub_job_id: '42@sim-schedd01.example',
      running: false,
      launch_exit_code: 0,
    });
    expect(log.json.text).toContain('starting -Oglobal.dataset=demo_raw');
    const tail = await api(
      app.url,
      'GET',
      `/api/v1/experiments/samdev/submissions/${first.json.submissionId}/log?after=${log.json.last_chunk}`,
      { user: 'analyst' },
    );
    expect(tail.json.text).toBe('');
  });

  it('refuses launches to roles that may not operate the stage, naming why', async () => {
    const f = await makeStage(app.testDb.db, { launchScript: launcher });
    const r = await api(app.url, 'POST', `/api/v1/experiments/samdev/stages/${f.stage.stage_id}/launch`, {
      user: 'analyst',
      body: {},
    });
    expect(r.status).toBe(403);
    expect(r.json.error.message).toBe('analysis users may operate only their own analysis objects');
    const bad = await api(app.url, 'POST', `/api/v1/experiments/samdev/stages/${f.stage.stage_id}/launch`, {
      user: 'producer',
      body: { param_overrides: 'not json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0]).toMatchObject({
      field: 'param_overrides',
      message: 'must be a JSON list of [option, value] pairs',
    });
    expect(
      (
        await api(app.url, 'POST', `/api/v1/experiments/samdev/stages/999999/launch`, {
          user: 'producer',
          body: {},
        })
      ).status,
    ).toBe(404);
  });

  it('shows a preview page and launches from it in the browser flow, landing on the live log', async () => {
    const f = await makeStage(app.testDb.db, { launchScript: launcher, splitType: 'list', dataset: 'x1,x2' });
    const c = new BrowserLikeClient(app.url);
    await c.signIn('producer');
    const preview = await c.get(`/experiments/samdev/stages/${f.stage.stage_id}/launch-preview`);
    expect(preview.body).toContain(`${launcher} -Oglobal.dataset=x1`);
    const key = preview.body.match(/name="idempotency_key" value="([^"]+)"/)![1];
    const launched = await c.post(`/experiments/samdev/stages/${f.stage.stage_id}/launch`, {
      test: 'false',
      idempotency_key: key,
    });
    expect(launched.status).toBe(303);
    expect(launched.location).toMatch(/\/experiments\/samdev\/submissions\/\d+\/log$/);
    const page = await c.get(launched.location!);
    expect(page.body).toContain('launch-log-page');
    // The same form sent twice launches once.
    await c.post(`/experiments/samdev/stages/${f.stage.stage_id}/launch`, {
      test: 'false',
      idempotency_key: key,
    });
    await app.services.runner.idle();
    expect(
      await app.testDb.db('submissions').where({ stage_id: f.stage.stage_id }).count({ n: '*' }).first(),
    ).toEqual({ n: 1 });
  });

  it('approves and rejects submissions of approval stages', async () => {
    const f = await makeStage(app.testDb.db, { launchScript: launcher, stageType: 'approval' });
    const base = `/api/v1/experiments/samdev`;
    const a = await api(app.url, 'POST', `${base}/stages/${f.stage.stage_id}/launch`, {
      user: 'producer',
      body: {},
    });
    expect(a.json.kind).toBe('awaiting_approval');
    expect(
      (await api(app.url, 'POST', `${base}/submissions/${a.json.submissionId}/approve`, { user: 'analyst' }))
        .status,
    ).toBe(403);
    const ok = await api(app.url, 'POST', `${base}/submissions/${a.json.submissionId}/approve`, {
      user: 'shifter',
    });
    expect(ok.json).toEqual({ submission_id: a.json.submissionId, status: 'Completed' });
    const again = await api(app.url, 'POST', `${base}/submissions/${a.json.submissionId}/reject`, {
      user: 'producer',
    });
    expect(again.status).toBe(400);
    expect(again.json.error.message).toBe(
      `submission ${a.json.submissionId} is Completed, not Awaiting Approval`,
    );
  });

  it('holds and releases a stage through the API and lists the queue', async () => {
    const f = await makeStage(app.testDb.db, { launchScript: launcher });
    const base = `/api/v1/experiments/samdev/stages/${f.stage.stage_id}`;
    await api(app.url, 'POST', `${base}/hold`, { user: 'producer', body: { held: true } });
    const queued = await api(app.url, 'POST', `${base}/launch`, { user: 'producer', body: {} });
    expect(queued.status).toBe(202);
    const list = await api(app.url, 'GET', '/api/v1/experiments/samdev/held-launches', { user: 'producer' });
    expect(list.json.items.map((i: { stage_id: number }) => i.stage_id)).toContain(f.stage.stage_id);
    const rel = await api(app.url, 'POST', `${base}/hold`, { user: 'producer', body: { held: false } });
    expect(rel.json.released).toHaveLength(1);
    await app.services.runner.idle();
  });

  it('sets and validates a schedule', async () => {
    const f = await makeStage(app.testDb.db, { launchScript: launcher });
    const url = `/api/v1/experiments/samdev/stages/${f.stage.stage_id}/schedule`;
    const bad = await api(app.url, 'PUT', url, { user: 'producer', body: { cron_schedule: '0 25 * * *' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toBe('the schedule "0 25 * * *" is not valid: hour "25"');
    const ok = await api(app.url, 'PUT', url, { user: 'producer', body: { cron_schedule: '0 */6 * * *' } });
    expect(ok.json).toEqual({ cron_schedule: '0 */6 * * *' });
  });

  it('resets and sets the split cursor, refusing bad values and roles that may not edit', async () => {
    const f = await makeStage(app.testDb.db, { launchScript: launcher, splitType: 'list', dataset: 'a,b,c' });
    const url = `/api/v1/experiments/samdev/stages/${f.stage.stage_id}/split-cursor`;
    expect((await api(app.url, 'PUT', url, { user: 'producer', body: { value: 2 } })).json).toEqual({
      stage_id: f.stage.stage_id,
      split_cursor: 2,
    });
    const preview = await api(
      app.url,
      'GET',
      `/api/v1/experiments/samdev/stages/${f.stage.stage_id}/launch-preview`,
      { user: 'producer' },
    );
    expect(preview.json.dataset).toBe('c');
    expect(
      (await api(app.url, 'PUT', url, { user: 'producer', body: { value: '' } })).json.split_cursor,
    ).toBeNull();
    const bad = await api(app.url, 'PUT', url, { user: 'producer', body: { value: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0]).toMatchObject({
      field: 'value',
      message: 'must be a whole number ≥ 0, or empty to start over',
    });
    expect((await api(app.url, 'PUT', url, { user: 'shifter', body: { value: 1 } })).status).toBe(403);
    expect(
      await app.testDb
        .db('audit_log')
        .where({ object_kind: 'stage', object_id: String(f.stage.stage_id) })
        .pluck('action'),
    ).toEqual(['stage.split_set', 'stage.split_reset']);
  });

  it('launches the leading stages of a campaign', async () => {
    const f = await makeStage(app.testDb.db, { launchScript: launcher });
    const [down] = await app.testDb
      .db('stages')
      .insert({
        campaign_id: f.campaign.campaign_id,
        experiment: 'samdev',
        name: 'ana',
        job_type_id: f.jobType.job_type_id,
        login_setup_id: f.loginSetup.login_setup_id,
        creator: f.creatorId,
      })
      .returning('stage_id');
    await app.testDb.db('dependencies').insert({
      upstream_stage_id: f.stage.stage_id,
      downstream_stage_id: down.stage_id,
      file_pattern: '%.root',
    });
    const r = await api(
      app.url,
      'POST',
      `/api/v1/experiments/samdev/campaigns/${f.campaign.campaign_id}/launch`,
      { user: 'shifter' },
    );
    expect(r.status).toBe(201);
    expect(r.json.launches).toHaveLength(1);
    await app.services.runner.idle();
    const subs = await app.testDb
      .db('submissions')
      .where({ campaign_id: f.campaign.campaign_id })
      .select('stage_id', 'launch_kind');
    expect(subs).toEqual([{ stage_id: f.stage.stage_id, launch_kind: 'campaign' }]);
  });
});
