import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { jwt, PROXY_PEM, VAULT_TOKEN } from '../../helpers/credentials.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';
import { pomsCall } from './poms-client-call.js';

// The uploads area and the credential check, through HTTP as the original poms_client and a
// browser use them. Every poms_client answer must be one the client accepts (200, 202, 303).
describe('uploads and launch credentials over HTTP', () => {
  let h: ApiHarness;
  let token: string;
  let reco: number;
  const dir = mkdtempSync(join(tmpdir(), 'uploads-'));
  const remote = mkdtempSync(join(tmpdir(), 'remote-'));
  const call = (
    method: string,
    fields: Record<string, string | string[]>,
    files?: Record<string, { name: string; content: string }>,
  ) => pomsCall(h.url, method, { experiment: 'samdev', role: 'production', ...fields }, { token, files });

  beforeAll(async () => {
    h = await startApiHarness({
      sim: true,
      overrides: {
        credentials: {
          enabled: 'true',
          uploads_dir: dir,
          uploads_quota_bytes: '4096',
          remote_dir: remote,
          managed_tokens_server: 'fermicloud543.fnal.gov',
        },
        jobsub: { analysis_launch_hosts: 'localhost' },
      },
    });
    token = await h.token('producer');
    reco = (
      await h.testDb
        .db('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': 'demo', 's.name': 'reco' })
        .first('s.stage_id')
    ).stage_id;
  });
  afterAll(async () => {
    await h?.services.runner.idle();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(remote, { recursive: true, force: true });
  });

  it('upload_file answers 303 to the listing; file_uploads lists [name, size, date]; download_file gives it back', async () => {
    const up = await call('upload_file', {}, { filename: { name: 'job.fcl', content: 'physics: {}\n' } });
    expect(up.status).toBe(303);
    expect(up.location).toBe('/poms/file_uploads/samdev/production/producer');
    const listed = await fetch(`${h.url}${up.location}?fmt=json`, {
      headers: { authorization: `BEARER ${token}` },
    });
    expect(listed.status).toBe(200);
    const body = await listed.json();
    expect(body).toMatchObject({
      total: 12,
      quota: 4096,
      file_stat_list: [['job.fcl', 12, expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)]],
    });
    expect((await call('file_uploads_json', {})).json().file_stat_list).toHaveLength(1);
    const down = await call('download_file', { filename: 'job.fcl' });
    expect([down.status, down.text]).toEqual([200, 'physics: {}\n']);
  });

  it('refuses over quota (nothing written), bad names, another user’s listing, and GET of upload_file', async () => {
    const big = await call('upload_file', {}, { filename: { name: 'big.dat', content: 'x'.repeat(5000) } });
    expect(big.status).toBe(413);
    expect(big.text).toMatch(/Upload exceeds quota of 4 KiB/);
    expect(readdirSync(join(dir, 'samdev', 'producer'))).toEqual(['job.fcl']);
    const bad = await call('upload_file', {}, { filename: { name: '.bashrc', content: 'x' } });
    expect(bad.status).toBe(400);
    const other = await fetch(`${h.url}/poms/file_uploads/samdev/analysis/analyst?fmt=json`, {
      headers: { authorization: `BEARER ${token}` },
    });
    expect(other.status).toBe(403);
    const get = await fetch(`${h.url}/poms/upload_file`);
    expect(get.status).toBe(405);
  });

  it('remove_uploaded_files as the client sends it (action=delete, redirect=0) answers 200 Ok.', async () => {
    const r = await call('remove_uploaded_files', { filename: 'job.fcl', action: 'delete', redirect: '0' });
    expect([r.status, r.text]).toEqual([200, 'Ok.']);
    expect(readdirSync(join(dir, 'samdev', 'producer'))).toEqual([]);
  });

  it('an analysis launch without a vault token is refused, saying what to renew; then one that expires soon', async () => {
    // An analysis launch: the demo configuration made as analysis (the launch role is the stage's
    // creator role), on an analysis host, with the launching person's own credentials.
    for (const table of ['campaigns', 'stages', 'login_setups'])
      await h.testDb.db(table).update({ creator_role: 'analysis' });
    const before = await h.testDb.db('submissions').count({ n: '*' }).first();
    const refused = await call('launch_jobs', { campaign_stage_id: String(reco) });
    expect(refused.status).toBe(409);
    // The launch preview says so before anyone presses the button, and shows the rest.
    const b = new BrowserLikeClient(h.url);
    await b.signIn('producer');
    const preview = await b.get(`/experiments/samdev/stages/${reco}/launch-preview`);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatch(
      /id="preview-credentials">A launch now would be refused: .*vault token vt_samdev_Analysis_producer is missing/,
    );
    expect(refused.text).toMatch(
      /your vault token vt_samdev_Analysis_producer is missing: get a new vault token \(htgettoken\) and upload it/,
    );
    const soon = new Date(h.services.launches.now().getTime() + 20 * 60_000);
    await call('upload_file', {}, { filename: { name: 'vt_samdev_Analysis_producer', content: jwt(soon) } });
    const again = await call('launch_jobs', { campaign_stage_id: String(reco) });
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/the vault token vt_samdev_Analysis_producer expires at .*, within 1 h/);
    expect(await h.testDb.db('submissions').count({ n: '*' }).first()).toEqual(before);
  });

  it('with a fresh vault token and proxy the launch goes, the files reach the launch and are removed after', async () => {
    await call(
      'upload_file',
      {},
      { filename: { name: 'vt_samdev_Analysis_producer', content: VAULT_TOKEN } },
    );
    await call(
      'upload_file',
      {},
      { filename: { name: 'x509up_voms_samdev_Analysis_producer', content: PROXY_PEM } },
    );
    const r = await call('launch_jobs', { campaign_stage_id: String(reco) });
    expect(r.status).toBe(303);
    await h.services.runner.idle();
    const id = Number(r.location!.slice(r.location!.lastIndexOf('_') + 1));
    const sub = await h.testDb.db('submissions').where({ submission_id: id }).first();
    expect(sub.launch_exit_code).toBe(0);
    expect(readdirSync(remote)).toEqual([]);
  });

  it('the profile page lists uploads, uploads through its form (with the CSRF token) and removes', async () => {
    const b = new BrowserLikeClient(h.url);
    await b.signIn('producer');
    let page = await b.get('/profile');
    expect(page.body).toContain('data-upload="vt_samdev_Analysis_producer"');
    const form = new FormData();
    form.append('_csrf', b.csrf);
    form.append('experiment', 'samdev');
    form.append('filename', new Blob(['a: 1\n']), 'extra.cfg');
    const noToken = new FormData();
    noToken.append('experiment', 'samdev');
    noToken.append('filename', new Blob(['a']), 'nope.cfg');
    expect((await b.postForm('/profile/uploads', noToken)).status).toBe(403);
    const up = await b.postForm('/profile/uploads', form);
    expect([up.status, up.location]).toEqual([303, '/profile#uploads']);
    page = await b.get('/profile');
    expect(page.body).toContain('data-upload="extra.cfg"');
    expect(page.body).not.toContain('nope.cfg');
    const rm = await b.post('/profile/uploads/remove', { experiment: 'samdev', filename: 'extra.cfg' });
    expect(rm.status).toBe(303);
    expect((await b.get('/profile')).body).not.toContain('data-upload="extra.cfg"');
  });
});
