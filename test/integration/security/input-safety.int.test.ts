import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

// Issue 12 finding 5: deeply nested values, stored non-http links and racing duplicate names answer
// a 4xx naming what is wrong; nothing is half written.
const SAMPLE = fs.readFileSync(path.resolve('src/services/samples/demo.ini'), 'utf8');
const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('hostile input answers 4xx, never 500', () => {
  let app: TestApp;
  const rows = async () => {
    const db = app.testDb.db;
    const n = async (t: string) => Number((await db(t).count({ n: '*' }).first())!.n);
    return { campaigns: await n('campaigns'), stages: await n('stages'), job_types: await n('job_types') };
  };
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('refuses an .ini value nested 200 000 deep with 400 naming line and key, writing nothing', async () => {
    const before = await rows();
    const ini = SAMPLE.replace(/^parameters=.*$/m, `parameters=${nested(200_000)}`);
    const line = ini.split('\n').findIndex((l) => l.startsWith('parameters=')) + 1;
    const res = await fetch(`${app.url}/api/v1/experiments/samdev/campaigns/import`, {
      method: 'POST',
      body: ini,
      headers: { 'content-type': 'text/plain', 'x-remote-user': 'producer', accept: 'application/json' },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.details).toContainEqual(
      expect.objectContaining({ line, key: 'parameters', message: 'JSON nested deeper than 32 levels' }),
    );
    expect(await rows()).toEqual(before);
  });

  it('refuses a JSON request body nested 200 000 deep with 400', async () => {
    const res = await fetch(`${app.url}/api/v1/experiments/samdev/login-setups`, {
      method: 'POST',
      body: `{"name": ${nested(200_000)}}`,
      headers: {
        'content-type': 'application/json',
        'x-remote-user': 'producer',
        accept: 'application/json',
      },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/nested deeper than 32 levels/);
  });

  it('refuses a javascript: logbook link on save, and never renders a stored one as a link', async () => {
    const bad = await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'evilexp', name: 'Evil', logbook_url: 'javascript:alert(document.cookie)' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toContainEqual(
      expect.objectContaining({ field: 'logbook_url', message: 'must be an http:// or https:// address' }),
    );
    const ok = await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'goodexp', name: 'Good', logbook_url: 'https://logbook.example/good' },
    });
    expect(ok.status).toBe(201);
    // A value stored before the check (or by hand) is shown as text.
    await app.testDb
      .db('experiments')
      .where({ experiment: 'samdev' })
      .update({ logbook_url: 'javascript:alert(1)' });
    const b = new BrowserLikeClient(app.url);
    await b.signIn('admin');
    const page = await b.get('/experiments/samdev');
    expect(page.status).toBe(200);
    expect(page.body).not.toMatch(/href="javascript:/i);
    expect(page.body).toContain('not an http(s) address, so not a link');
    expect((await b.get('/experiments/goodexp')).body).toContain('href="https://logbook.example/good"');
  });

  it('answers racing creations of one name with one 201 and 409s naming the field, never 500', async () => {
    const create = () =>
      api(app.url, 'POST', '/api/v1/experiments/samdev/login-setups', {
        user: 'producer',
        body: { name: 'racer', launch_host: 'localhost', launch_account: 'samdevpro' },
      });
    const answers = await Promise.all(Array.from({ length: 12 }, create));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.json.error.details).toContainEqual(expect.objectContaining({ field: 'name' }));
  });
});
