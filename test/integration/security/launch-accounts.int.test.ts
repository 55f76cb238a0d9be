import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CronScheduler } from '../../../src/services/launch/cron-scheduler.js';
import { api } from '../../helpers/browser-like-client.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import pino from 'pino';

// Finding 2 of the security review, through HTTP with the demo roles: analysis users launch only
// on analysis hosts under their own account, never with production's login setups or accounts;
// production launches never go to an analysis host; a schedule stops when its person loses the right.

describe('launch accounts and hosts', () => {
  let app: TestApp;
  let launcher: string;
  const launch = (user: string, stageId: number, body: object = {}) =>
    api(app.url, 'POST', `/api/v1/experiments/samdev/stages/${stageId}/launch`, { user, body });
  const analysisStage = (over: Parameters<typeof makeStage>[1] = {}) =>
    makeStage(app.testDb.db, {
      launchScript: launcher,
      creator: 'analyst',
      creatorRole: 'analysis',
      account: 'analyst',
      host: 'ana-host',
      ...over,
    });

  beforeAll(async () => {
    app = await startTestApp({ jobsub: { analysis_launch_hosts: 'ana-host, localhost' } });
    launcher = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'poms-acct-')), 'fake_launch');
    fs.writeFileSync(
      launcher,
      '#!/bin/sh\necho "Use job id 42.0@sim-schedd01.example to retrieve output"\n',
      {
        mode: 0o755,
      },
    );
  });
  afterAll(async () => app?.close());

  it('an analysis user cannot create a login setup with a production account', async () => {
    const url = '/api/v1/experiments/samdev/login-setups';
    const body = { name: 'mine', launch_host: 'ana-host', launch_setup: 'true' };
    const bad = await api(app.url, 'POST', url, {
      user: 'analyst',
      body: { ...body, launch_account: 'samdevpro' },
    });
    expect(bad.status, bad.text).toBe(400);
    expect(bad.json.error.message).toBe(
      "an analysis user's login setup runs under their own account: launch_account must be analyst, not samdevpro",
    );
    expect(bad.json.error.details[0].field).toBe('launch_account');
    const good = await api(app.url, 'POST', url, {
      user: 'analyst',
      body: { ...body, launch_account: 'analyst' },
    });
    expect(good.status, good.text).toBe(201);
    const prod = await api(app.url, 'POST', url, {
      user: 'producer',
      body: { ...body, name: 'prod', launch_account: 'samdevpro' },
    });
    expect(prod.status, prod.text).toBe(201);
  });

  it("an analysis stage cannot be saved or launched with production's login setup", async () => {
    const f = await analysisStage({ loginSetupOwner: { creator: 'producer', creatorRole: 'production' } });
    const r = await launch('analyst', f.stage.stage_id);
    expect(r.status, r.text).toBe(403);
    expect(r.json.error.message).toBe(
      `login setup ${f.loginSetup.name} belongs to production and can be used only by production stages; this stage was created by an analysis user`,
    );
    const save = await api(app.url, 'PUT', `/api/v1/experiments/samdev/stages/${f.stage.stage_id}`, {
      user: 'analyst',
      body: { name: 'reco', login_setup: f.loginSetup.name },
    });
    expect(save.status, save.text).toBe(400);
    expect(save.json.error.details).toContainEqual({
      field: 'login_setup',
      message: `login setup ${f.loginSetup.name} belongs to production and can be used only by production campaigns`,
    });
    expect(await app.testDb.db('submissions').where({ stage_id: f.stage.stage_id }).first()).toBeUndefined();
  });

  it('an analysis launch goes only to an analysis host, under the launching user own account', async () => {
    const off = await analysisStage({ host: 'prod-host' });
    const refused = await launch('analyst', off.stage.stage_id);
    expect(refused.status, refused.text).toBe(403);
    expect(refused.json.error.message).toBe(
      'analysis launches go only to the analysis launch hosts (ana-host, localhost); prod-host is not one',
    );
    // vo_role says Production: the role still comes from the stage's creator role.
    const on = await analysisStage({ host: 'localhost', account: 'analyst' });
    await app.testDb.db('stages').where({ stage_id: on.stage.stage_id }).update({ vo_role: 'Production' });
    await app.testDb.db('login_setups').where({ login_setup_id: on.loginSetup.login_setup_id }).update({
      launch_account: 'someone_else',
    });
    const ok = await launch('analyst', on.stage.stage_id);
    expect(ok.status, ok.text).toBe(201);
    await app.services.runner.idle();
    const sub = await app.testDb.db('submissions').where({ submission_id: ok.json.submissionId }).first();
    expect(sub.launch_account).toBe('analyst');
    expect(sub.jobsub_job_id).toBe('42@sim-schedd01.example');
  });

  it('a production launch never goes to an analysis host; elsewhere it runs as the login setup account', async () => {
    const f = await makeStage(app.testDb.db, {
      launchScript: launcher,
      host: 'ana-host',
      account: 'samdevpro',
    });
    const r = await launch('shifter', f.stage.stage_id);
    expect(r.status, r.text).toBe(403);
    expect(r.json.error.message).toBe(
      'production launches never go to an analysis launch host; ana-host is one',
    );
    const ok = await makeStage(app.testDb.db, {
      launchScript: launcher,
      host: '127.0.0.1',
      account: 'samdevpro',
    });
    const good = await launch('shifter', ok.stage.stage_id);
    expect(good.status, good.text).toBe(201);
    await app.services.runner.idle();
    expect(
      (await app.testDb.db('submissions').where({ submission_id: good.json.submissionId }).first())
        .launch_account,
    ).toBe('samdevpro');
  });

  it('an inactive login setup refuses to launch, saying so', async () => {
    const f = await makeStage(app.testDb.db, { launchScript: launcher });
    await app.testDb
      .db('login_setups')
      .where({ login_setup_id: f.loginSetup.login_setup_id })
      .update({ active: false });
    const r = await launch('producer', f.stage.stage_id);
    expect(r.status, r.text).toBe(400);
    expect(r.json.error.message).toBe(
      `login setup ${f.loginSetup.name} is inactive: activate it or choose another before launching`,
    );
  });

  it("a scheduled launch re-checks the scheduler's membership at each tick", async () => {
    const db = app.testDb.db;
    const f = await analysisStage({ host: 'localhost' });
    const analyst = await db('experimenters').where({ username: 'analyst' }).first();
    await db('stages')
      .where({ stage_id: f.stage.stage_id })
      .update({ schedule_experimenter_id: analyst.experimenter_id });
    const cron = new CronScheduler(db, app.services.launches, pino({ level: 'silent' }), 'test');
    expect(await cron.tick(f.stage.stage_id, new Date('2026-12-06T08:00:00Z'))).toMatch(/^launched \d+$/);
    await app.services.runner.idle();
    await db('memberships')
      .where({ experimenter_id: analyst.experimenter_id, experiment: 'samdev' })
      .update({ active: false });
    try {
      const outcome = await cron.tick(f.stage.stage_id, new Date('2026-12-06T08:01:00Z'));
      expect(outcome).toBe('failed: analyst is not a member of samdev');
      expect(await db('submissions').where({ stage_id: f.stage.stage_id }).count({ n: '*' }).first()).toEqual(
        {
          n: 1,
        },
      );
    } finally {
      await db('memberships')
        .where({ experimenter_id: analyst.experimenter_id, experiment: 'samdev' })
        .update({ active: true });
    }
  });
});
