import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { dumpConfig, importIni } from './campaign-test-helpers.js';

/** A valid file; each case below breaks one thing in it. */
const GOOD = `[campaign]
name=errs
campaign_stage_list=gen,reco

[campaign_defaults]
vo_role=Production
software_version=v1
dataset_or_split_data=raw
login_setup=ls
job_type=jt

[campaign_stage gen]
cs_split_type=nfiles(5)

[campaign_stage reco]
param_overrides=[["--stage=", "reco"]]

[dependencies reco]
campaign_stage_1=gen
file_pattern_1=%.root

[login_setup ls]
host=localhost
account=me
setup=

[job_type jt]
launch_script=fife_launch
parameters=[]
recoveries=[]
`;

interface Case {
  name: string;
  body: string | Uint8Array;
  status: number;
  code: string;
  /** Expected first detail (subset). */
  detail: Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'bad JSON in a value',
    body: GOOD.replace('param_overrides=[["--stage=", "reco"]]', 'param_overrides=[["--stage=", "reco"]'),
    status: 400,
    code: 'invalid_input',
    detail: { line: 16, section: 'campaign_stage reco', key: 'param_overrides' },
  },
  {
    name: 'unknown section',
    body: `${GOOD}\n[campaign_stuff]\nx=1\n`,
    status: 400,
    code: 'invalid_input',
    detail: { line: 32, section: 'campaign_stuff' },
  },
  {
    name: 'duplicate section',
    body: `${GOOD}\n[campaign_stage gen]\ncs_split_type=None\n`,
    status: 400,
    code: 'invalid_input',
    detail: { line: 32, section: 'campaign_stage gen' },
  },
  {
    name: 'dependency cycle',
    body: `${GOOD}\n[dependencies gen]\ncampaign_stage_1=reco\nfile_pattern_1=%\n`,
    status: 400,
    code: 'invalid_input',
    detail: {
      section: 'dependencies reco',
      key: 'campaign_stage_1',
      message: 'Dependency cycle: gen → reco → gen',
    },
  },
  {
    name: 'unknown job type',
    body: GOOD.replace('[campaign_stage gen]\n', '[campaign_stage gen]\njob_type=nowhere\n'),
    status: 400,
    code: 'invalid_input',
    detail: {
      line: 13,
      section: 'campaign_stage gen',
      key: 'job_type',
      message: "Job type 'nowhere' (used by gen) is neither defined in the file nor in samdev",
    },
  },
  {
    name: 'missing required field after defaults',
    body: GOOD.replace('vo_role=Production\n', ''),
    status: 400,
    code: 'invalid_input',
    detail: { section: 'campaign_stage gen', key: 'vo_role', line: 11 },
  },
  {
    name: 'unusable split type',
    body: GOOD.replace('cs_split_type=nfiles(5)', 'cs_split_type=nfiles(many)'),
    status: 400,
    code: 'invalid_input',
    detail: { line: 13, section: 'campaign_stage gen', key: 'cs_split_type' },
  },
  {
    name: 'a number PostgreSQL cannot hold',
    body: GOOD.replace(
      'cs_split_type=nfiles(5)',
      'cs_split_type=nfiles(5)\noutput_ancestor_depth=99999999999',
    ),
    status: 400,
    code: 'invalid_input',
    detail: { line: 14, section: 'campaign_stage gen', key: 'output_ancestor_depth' },
  },
  {
    name: 'non-UTF-8 bytes',
    // "café" in Latin-1 on the setup line.
    body: Buffer.concat([
      Buffer.from(GOOD.split('\nsetup=')[0] + '\nsetup=caf'),
      Buffer.from([0xe9]),
      Buffer.from(GOOD.split('\nsetup=')[1]),
    ]),
    status: 400,
    code: 'invalid_input',
    detail: { line: 25 },
  },
  {
    name: 'NUL in a JSON value',
    body: GOOD.replace('[["--stage=", "reco"]]', '[["--stage=", "re\\u0000co"]]'),
    status: 400,
    code: 'invalid_input',
    detail: {
      line: 15,
      section: 'campaign_stage reco',
      message: 'Text with NUL characters cannot be stored',
    },
  },
  {
    name: 'empty file',
    body: '  \n\n',
    status: 400,
    code: 'invalid_input',
    detail: { message: 'The .ini file is empty' },
  },
  {
    name: '5 MB file',
    body: GOOD + `# ${'x'.repeat(100)}\n`.repeat((5 * 1024 * 1024) / 100),
    status: 413,
    code: 'too_large',
    detail: { message: expect.stringMatching(/too large: \d+ bytes, the limit is 5242880 bytes/) },
  },
];

describe('refused .ini imports leave the database as it was', () => {
  let app: TestApp;
  let before: Record<string, unknown[]>;
  beforeAll(async () => {
    app = await startTestApp();
    // Something to be left alone: a first import of the good file, then the broken variants of it.
    expect((await importIni(app.url, 'samdev', GOOD)).status).toBe(201);
  });
  beforeEach(async () => {
    before = await dumpConfig(app.testDb.db);
  });
  afterAll(async () => app?.close());

  it.each(cases)('$name → $status naming where', async ({ body, status, code, detail }) => {
    // Also as a re-import of the campaign that exists: nothing of it may change either.
    const r = await importIni(app.url, 'samdev', body);
    expect(r.status, r.text.slice(0, 500)).toBe(status);
    expect(r.json.error.code).toBe(code);
    expect(typeof r.json.error.message).toBe('string');
    expect(r.json.error.details[0]).toMatchObject(detail);
    for (const d of r.json.error.details)
      expect(Object.keys(d).every((k) => ['line', 'section', 'key', 'message'].includes(k))).toBe(true);
    expect(await dumpConfig(app.testDb.db)).toEqual(before);
  });

  it('refuses a body above the transport limit (6 MiB) with 413 as well', async () => {
    const r = await importIni(app.url, 'samdev', 'x'.repeat(7 * 1024 * 1024));
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('too_large');
    expect(await dumpConfig(app.testDb.db)).toEqual(before);
  });

  it('asks for the file as text/plain when sent as something else', async () => {
    const r = await importIni(app.url, 'samdev', GOOD, { contentType: 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(400);
    expect(r.json.error.details[0]).toMatchObject({ field: 'content-type' });
    const raw = await importIni(app.url, 'samdev', GOOD.replace('name=errs', 'name=errs_octets'), {
      contentType: 'application/octet-stream',
    });
    expect(raw.status).toBe(201);
  });

  it('refuses an import by a shifter, writing nothing', async () => {
    const r = await importIni(app.url, 'samdev', GOOD.replace('name=errs', 'name=by_shifter'), {
      user: 'shifter',
    });
    expect(r.status).toBe(403);
    expect(await dumpConfig(app.testDb.db)).toEqual(before);
  });

  it('rolls back everything when a late step fails (job types created earlier in the same import included)', async () => {
    // The new job type would be created before the stage of another owner is found unchangeable.
    const db = app.testDb.db;
    await db('stages').where({ name: 'gen' }).update({ creator_role: 'analysis' });
    before = await dumpConfig(db);
    const r = await importIni(
      app.url,
      'samdev',
      GOOD.replace('[job_type jt]', '[job_type jt_new]\nlaunch_script=x\n\n[job_type jt]').replace(
        'cs_split_type=nfiles(5)',
        'cs_split_type=nfiles(6)',
      ),
    );
    expect(r.status).toBe(403);
    expect(r.json.error.message).toMatch(/^stage gen: /);
    expect(await dumpConfig(db)).toEqual(before);
    expect(await db('job_types').where({ name: 'jt_new' }).first()).toBeUndefined();
  });

  it('answers the upload form with the text kept and the problems beside it, writing nothing', async () => {
    const c = new BrowserLikeClient(app.url);
    await c.signIn('producer');
    await c.get('/experiments/samdev/campaigns');
    const sent = GOOD.replace('vo_role=Production\n', '');
    const r = await c.post(
      '/experiments/samdev/campaigns/import',
      { ini: sent },
      { referer: '/experiments/samdev/campaigns' },
    );
    expect(r.status).toBe(400);
    expect(r.body).toContain('id="import-problems"');
    expect(r.body).toMatch(
      /<a href="#f-ini" data-ini-line="11">line 11<\/a> <code>\[campaign_stage gen\]<\/code> <code>vo_role<\/code>/,
    );
    // The text comes back as sent (escaped into the text area).
    expect(r.body).toContain(
      `>${sent.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}</textarea>`,
    );
    expect(await dumpConfig(app.testDb.db)).toEqual(before);
  });
});
