import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { bulkCampaign } from '../overview/overview-fixture.js';

const E = '/experiments/samdev';

// Issue 17: every list downloads whole (all pages, same filters) as CSV or JSON, streamed page by
// page from the list's service; CSV cells that a spreadsheet would run as a formula are quoted.
describe('CSV and JSON downloads of the lists', () => {
  let h: TestApp;
  let campaignId: number;
  let web: BrowserLikeClient;
  const N = 1201; // more than two pages of the 500 rows a download reads at a time

  beforeAll(async () => {
    h = await startTestApp();
    web = new BrowserLikeClient(h.url);
    await web.signIn('producer');
    campaignId = await bulkCampaign(h.testDb.db, 'bulk', N, 5);
    // Values a spreadsheet would evaluate, as a user or the grid could write them.
    const [first] = await h.testDb
      .db('submissions')
      .where({ campaign_id: campaignId })
      .orderBy('submission_id')
      .limit(1)
      .update({ dataset: '=HYPERLINK("http://evil")', jobsub_job_id: '@SUM(1)', project: '-1+2' })
      .returning('submission_id');
    expect(first).toBeDefined();
  }, 120_000);
  afterAll(async () => h?.close());

  const download = async (path: string) => {
    const r = await web.get(path);
    const json = r.headers.get('content-type')?.startsWith('application/json')
      ? JSON.parse(r.body)
      : undefined;
    return { status: r.status, text: r.body, json, headers: r.headers };
  };

  it('streams every submission of a campaign as CSV, with headings, formula cells quoted', async () => {
    const r = await download(`${E}/campaigns/${campaignId}/submissions?tdays=30&download=csv&page=2`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="samdev-campaign-${campaignId}-submissions.csv"`,
    );
    const rows: string[][] = parse(r.text);
    expect(rows[0].slice(0, 3)).toEqual(['Submission', 'Stage', 'Status']);
    const body = rows.slice(1);
    expect(body).toHaveLength(N);
    expect(new Set(body.map((b) => b[0])).size).toBe(N);
    const col = (h: string) => rows[0].indexOf(h);
    const evil = body.find((b) => b[col('Dataset')].includes('HYPERLINK'))!;
    expect(evil[col('Dataset')]).toBe(`'=HYPERLINK("http://evil")`);
    expect(evil[col('Jobsub id')]).toBe(`'@SUM(1)`);
    expect(evil[col('SAM project')]).toBe(`'-1+2`);
    // No cell anywhere starts a formula.
    for (const b of body) for (const c of b) expect(c).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
  });

  it('keeps the list filters: a one-day window downloads only that window', async () => {
    const all = (await download(`${E}/campaigns/${campaignId}/submissions?tdays=30&download=json`)).json;
    const day = (await download(`${E}/campaigns/${campaignId}/submissions?tdays=1&download=json`)).json;
    expect(all).toHaveLength(N);
    expect(day.length).toBeGreaterThan(0);
    expect(day.length).toBeLessThan(N / 2);
    expect(day[0]).toMatchObject({ submission_id: expect.any(Number), status: expect.any(String) });
  });

  it('downloads the campaigns, job types, login setups, members and overview lists', async () => {
    const campaigns = await download(`${E}/campaigns?download=json`);
    expect(campaigns.status).toBe(200);
    expect(campaigns.json.map((c: { name: string }) => c.name)).toContain('bulk');
    expect(Object.keys(campaigns.json[0])).not.toContain('can_modify');
    for (const path of [`${E}/job-types`, `${E}/login-setups`, E, `${E}/overview`, '/experiments']) {
      const csv = await download(`${path}?download=csv`);
      expect(csv.status, path).toBe(200);
      expect(parse(csv.text).length, path).toBeGreaterThan(1);
    }
  });

  it('refuses what the list refuses, as an ordinary error page, not a broken file', async () => {
    const r = await download(`${E}/campaigns/999999/submissions?download=csv`);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-disposition')).toBeNull();
  });
});
