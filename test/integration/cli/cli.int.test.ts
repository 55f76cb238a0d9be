import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fixturePath } from '../../helpers/campaign-files.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { api } from '../../helpers/browser-like-client.js';
import { startApiHarness, type ApiHarness } from '../api/api-harness.js';
import { runCli, startCli, type RunningCli } from './cli-runner.js';

const CORPUS = fixturePath('analysis-tutorial.ini');
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

// The `poms` CLI as a child process against the app wired to the FIFE simulator, with an API
// token: login, import a corpus campaign, launch a demo stage, wait for Located while the test
// drives the simulator clock, the Lens poller and wrapup, and show the file report.
describe('the poms command-line client', () => {
  let h: ApiHarness;
  let home: string;
  let token: string;
  let located: number;
  const poms = (...args: string[]) => runCli(home, args);

  beforeAll(async () => {
    h = await startApiHarness({ sim: true });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-cli-'));
    token = await h.token('producer', { name: 'cli test' });
  });
  afterAll(async () => {
    await h?.services.runner.idle();
    await h?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  /** Advances virtual time and runs the poller and wrapup until `cli` exits. */
  async function driveUntilExit(cli: RunningCli) {
    const t = h.services.tracking!;
    for (let i = 0; i < 600 && !cli.done; i++) {
      h.sim!.clock.advance(30_000);
      await h.services.runner.idle();
      await pollLens(t);
      await wrapUp(t);
      await h.services.runner.idle();
      await sleep(60);
    }
    return cli.result;
  }

  it('logs in, keeping URL and token in ~/.config/poms/config.json readable by its owner only', async () => {
    const r = await poms('login', '--url', h.url, '--token', token);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Logged in to');
    expect(r.stdout).toMatch(/token:\s+cli test \(samdev, at most production\)/);
    const file = path.join(home, '.config', 'poms', 'config.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ url: h.url, token });
    const me = await poms('whoami', '--json');
    expect(JSON.parse(me.stdout)).toMatchObject({
      username: 'producer',
      auth_via: 'token',
      role: 'production',
    });
  });

  it('imports a corpus campaign with its login setup and job types, lists, shows and exports it', async () => {
    const r = await poms('campaign', 'import', CORPUS);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Imported campaign fixture_tutorial \(id \d+\)/);
    expect(r.stdout).toMatch(/login_setup fixture_analysis_login/);
    expect(r.stdout).toMatch(/job_type fixture_ana_reco_jobtype/);

    const list = await poms('campaign', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+ACTIVE\s+STAGES\s+RUNNING/);
    expect(list.stdout).toMatch(/\bfixture_tutorial\s+yes\s+2\b/);
    const json = JSON.parse((await poms('campaign', 'list', '--json')).stdout);
    expect(json.items.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['demo', 'fixture_tutorial']),
    );

    const show = await poms('campaign', 'show', 'fixture_tutorial');
    expect(show.stdout).toMatch(/reco_fcl/);
    expect(show.stdout).toMatch(/reco_fcl → reco/);
    const out = path.join(home, 'export.ini');
    expect((await poms('campaign', 'export', 'fixture_tutorial', '-o', out)).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/\[campaign_stage reco_fcl\]/);
    const stage = await poms('stage', 'show', 'fixture_tutorial/reco', '--json');
    expect(JSON.parse(stage.stdout)).toMatchObject({
      name: 'reco',
      effective: { software_version: 'v1_0' },
    });
    const edit = await poms('stage', 'edit', 'fixture_tutorial/reco', 'software_version=v1_1');
    expect(edit.code).toBe(0);
    expect(edit.stdout).toMatch(/software_version:\s+v1_1/);
  });

  it('launches a stage of the demo campaign, waits for Located printing each status, and shows the files', async () => {
    const launched = await poms('stage', 'launch', 'demo/reco', '--json');
    expect(launched.code).toBe(0);
    const { submissionId, kind } = JSON.parse(launched.stdout);
    expect(kind).toBe('launched');
    located = submissionId;
    const wait = startCli(home, [
      'submission',
      'wait',
      String(submissionId),
      '--interval',
      '0.1',
      '--timeout',
      '600',
    ]);
    const r = await driveUntilExit(wait);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`submission ${submissionId}: Located`);
    const seen = [...r.stderr.matchAll(/submission \d+: (\S+)/g)].map((m) => m[1]);
    expect(seen.at(-1)).toBe('Located');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    const history = await h.testDb
      .db('submission_history')
      .where({ submission_id: submissionId })
      .orderBy('history_id')
      .pluck('status');
    expect(seen.every((s) => history.includes(s))).toBe(true);

    const files = await poms('files', 'demo/reco');
    expect(files.code).toBe(0);
    expect(files.stdout).toMatch(/^stage:\s+demo\/reco \(id \d+\)/);
    expect(files.stdout).toMatch(/files located:\s+\d+/);
    expect(files.stdout).toMatch(new RegExp(`^${submissionId}\\s+Located\\s+\\d+@sim-schedd`, 'm'));
    const one = JSON.parse((await poms('files', String(submissionId), '--json')).stdout);
    expect(one.items[0]).toMatchObject({ submission_id: submissionId, status: 'Located' });
    expect(one.items[0].files_located).toBeGreaterThan(0);
    const show = await poms('submission', 'show', String(submissionId));
    expect(show.stdout).toMatch(/status:\s+Located/);
    expect(show.stdout).toMatch(/WHEN\s+STATUS\s+BY/);
  });

  it('previews, holds and releases, schedules, clones and deletes, and acts on submissions', async () => {
    const preview = await poms('stage', 'preview', 'demo/reco');
    expect(preview.code).toBe(0);
    expect(preview.stdout).toMatch(/command:\s+fife_launch -Oglobal.dataset=demo_raw/);
    expect((await poms('stage', 'hold', 'demo/ana')).stdout).toMatch(/Stage held/);
    expect((await poms('stage', 'release', 'demo/ana')).stdout).toMatch(/Stage released; 0 queued/);
    expect((await poms('stage', 'schedule', 'demo/ana', '0 3 * * *')).stdout).toBe(
      'Launches scheduled: 0 3 * * *\n',
    );
    expect((await poms('stage', 'schedule', 'demo/ana', 'none')).stdout).toBe('Schedule cleared\n');

    const clone = await poms('campaign', 'clone', 'fixture_tutorial', 'tutorial_copy');
    expect(clone.code).toBe(0);
    expect(clone.stdout).toMatch(/^Created campaign tutorial_copy/);
    expect((await poms('campaign', 'delete', 'tutorial_copy')).stdout).toMatch(
      /Deleted campaign tutorial_copy and its 2 stage/,
    );
    expect((await poms('campaign', 'show', 'tutorial_copy')).code).toBe(5);

    const rec = await poms('submission', 'recover', String(located), 'consumed_status', '--preview');
    expect(rec.code).toBe(0);
    expect(rec.stdout).toMatch(/^3 file\(s\) would be recovered by consumed_status/);
    const held = await poms('submission', 'hold', String(located));
    expect(held.code).toBe(0);
    expect(held.stdout).toMatch(/^hold: 0 submission\(s\) affected/);
  });

  it('exits with distinct codes scripts can trust', async () => {
    expect((await poms('bogus')).code).toBe(2);
    const missing = await poms('stage', 'show', 'demo/nosuch');
    expect(missing.code).toBe(5);
    expect(missing.stderr).toMatch(/campaign demo has no stage named nosuch/);
    const elsewhere = await poms('campaign', 'list', '--experiment', 'otherexp');
    expect(elsewhere.code).toBe(4);
    expect(elsewhere.stderr).toMatch(/limited to experiment samdev/);
  });

  it('refuses revoked and expired tokens with a non-zero exit and a clear message', async () => {
    const row = await h.testDb.db('api_tokens').where({ name: 'cli test' }).first();
    await api(h.url, 'DELETE', `/api/v1/tokens/${row.token_id}`, { user: 'producer' });
    const revoked = await poms('campaign', 'list');
    expect(revoked.code).toBe(3);
    expect(revoked.stderr).toMatch(/^poms: the API token "cli test" \(poms_.{7}…\) was revoked on /);
    const relogin = await poms('login', '--url', h.url, '--token', token);
    expect(relogin.code).toBe(3);
    expect(relogin.stderr).toMatch(/login refused: .* was revoked/);

    const soon = await h.token('producer', { name: 'short lived' });
    expect((await poms('login', '--url', h.url, '--token', soon)).code).toBe(0);
    await h.testDb
      .db('api_tokens')
      .where({ name: 'short lived' })
      .update({ expires_at: new Date(Date.now() - 60_000) });
    const expired = await poms('whoami');
    expect(expired.code).toBe(3);
    expect(expired.stderr).toMatch(/"short lived" .* expired on /);
  });
});
