import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startDemoRun, type DemoRun } from './demo-run.js';
import { getJson, P, signedIn, tableRows } from './page-helpers.js';

const section = (html: string, id: string) => {
  const at = html.indexOf(`id="${id}"`);
  return at < 0 ? '' : html.slice(at, at + 6000);
};

// The stage page after the demo run: configuration with inherited values, job type and login
// setup, split state and the next launch, holds and schedule, neighbours, recent launches, and
// the actions the viewer's role allows.
describe('the stage page', () => {
  let run: DemoRun;
  let producer: BrowserLikeClient;
  beforeAll(async () => {
    run = await startDemoRun();
    producer = await signedIn(run.url, 'producer');
  }, 300_000);
  afterAll(async () => run?.close());

  it('shows how the stage launches and what it launched', async () => {
    const page = await producer.get(`${P}/stages/${run.ids.reco}`);
    expect(page.status).toBe(200);
    // Effective fields with inherited ones marked (the colleague's table), extended with ours.
    expect(section(page.body, 'stage-fields')).toContain('inherited');
    const cfg = section(page.body, 'stage-launch-config');
    expect(cfg).toContain('demo_reco');
    expect(cfg).toContain('samdevpro@localhost');
    expect(cfg).toContain('reco_%.root');
    expect(section(page.body, 'stage-next')).toContain('<code>demo_raw</code>');
    const recent = tableRows(page.body, 'stage-recent').map((r) => r.id);
    expect(recent).toEqual([run.subs.recovery.submission_id, run.subs.reco.submission_id]);
    expect(page.body).toContain(`href="${P}/submissions/${run.subs.reco.submission_id}/log"`);
    expect(section(page.body, 'stage-neighbourhood')).toContain(`href="${P}/stages/${run.ids.ana}"`);
    expect(page.body).toContain(`href="${P}/stages/${run.ids.reco}/submissions"`);
    expect(page.body).toContain(`href="${P}/stages/${run.ids.reco}/files"`);
    const ana = await producer.get(`${P}/stages/${run.ids.ana}`);
    expect(section(ana.body, 'stage-neighbourhood')).toContain(`href="${P}/stages/${run.ids.reco}"`);

    const twin = await getJson(run.url, `${P}/stages/${run.ids.reco}/page`);
    expect(twin.status).toBe(200);
    expect(twin.json.stage.name).toBe('reco');
    expect(twin.json.overview.split.next).toMatchObject({ dataset: 'demo_raw', exhausted: false });
    expect(twin.json.overview.recent.map((r: any) => r.submission_id)).toEqual(recent);
    expect(twin.json.overview.submissions_by_status).toEqual([{ status: 'Located', n: 2 }]);
  });

  it('shows the next split without taking it', async () => {
    const db = run.h.testDb.db;
    const s = await db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'split_types', 's.name': 'by_nfiles' })
      .first('s.stage_id', 's.split_cursor');
    for (let i = 0; i < 2; i++) {
      const twin = await getJson(run.url, `${P}/stages/${s.stage_id}/page`);
      expect(twin.json.overview.split).toMatchObject({
        type: 'nfiles(10)',
        cursor: null,
        test_type: 'nfiles(2)',
      });
      expect(twin.json.overview.split.next.dataset).toBe('demo_raw_slice0_files10');
      expect(twin.json.overview.split.next.definitions[0].dims).toMatch(
        /defname: ?'?demo_raw'? with limit 10 offset 0/,
      );
    }
    expect((await db('stages').where({ stage_id: s.stage_id }).first('split_cursor')).split_cursor).toBe(
      s.split_cursor,
    );
    const page = await producer.get(`${P}/stages/${s.stage_id}`);
    expect(section(page.body, 'stage-next')).toContain('demo_raw_slice0_files10');
  });

  it('offers the actions the role allows, and shows holds and schedules', async () => {
    const page = await producer.get(`${P}/stages/${run.ids.reco}`);
    // Routine actions apart from those that stop work or remove the stage (issue 17).
    // Sections and words (issue 17): what it is, what it is doing, what you can do; upstream/downstream.
    for (const id of ['stage-what', 'stage-doing', 'stage-can']) expect(page.body).toContain(`id="${id}"`);
    expect(page.body).not.toMatch(/Runs? (after|before)/);
    expect(section(page.body, 'stage-dependencies')).toMatch(/>Upstream <.*>Downstream </s);
    const actions = section(page.body, 'stage-actions').split('</div>')[0];
    const danger = section(page.body, 'stage-danger');
    expect(actions).toContain(`action="${P}/stages/${run.ids.reco}/launch"`);
    expect(actions).toContain('name="test" value="true"');
    for (const a of [`${P}/stages/${run.ids.reco}/hold"`, `${P}/jobs/stages/${run.ids.reco}"`]) {
      expect(danger).toContain(`action="${a}`);
      expect(actions).not.toContain(`action="${a}`);
    }
    expect(danger).toMatch(/data-confirm="Kill jobs of every running submission of reco\?"/);
    expect(page.body).toContain('id="schedule-form"');
    expect(page.body).toContain(`href="${P}/stages/${run.ids.reco}/launch-preview?test=true"`);

    const analyst = await signedIn(run.url, 'analyst');
    const seen = await analyst.get(`${P}/stages/${run.ids.reco}`);
    expect(seen.status).toBe(200);
    expect(seen.body).not.toContain('id="stage-actions"');
    expect(seen.body).not.toContain('id="stage-danger"');
    expect(seen.body).not.toContain('id="schedule-form"');
    expect(
      (await getJson(run.url, `${P}/stages/${run.ids.reco}/page`, 'analyst')).json.overview.can.operate,
    ).toBe(false);

    const ref = `${P}/stages/${run.ids.reco}`;
    expect((await producer.post(`${ref}/hold`, { held: 'true' }, { referer: ref })).status).toBe(303);
    expect(
      (await producer.post(`${ref}/schedule`, { cron_schedule: '0 */6 * * *' }, { referer: ref })).status,
    ).toBe(303);
    const held = await producer.get(ref);
    expect(section(held.body, 'stage-held')).toContain('held by producer');
    expect(section(held.body, 'stage-scheduled')).toContain('0 */6 * * *');
    expect(section(held.body, 'stage-scheduled')).toContain('UTC'); // the schedules' time zone
    expect(held.body).toContain('Release launches');
    const twin = await getJson(run.url, `${ref}/page`);
    expect(twin.json.overview.hold).toMatchObject({ held: true, by: 'producer' });
    expect(twin.json.overview.schedule).toEqual({ cron: '0 */6 * * *', by: 'producer' });
    await producer.post(`${ref}/hold`, { held: 'false' }, { referer: ref });
    await producer.post(`${ref}/schedule`, { cron_schedule: '' }, { referer: ref });
    expect((await getJson(run.url, `${ref}/page`)).json.overview.hold.held).toBe(false);
  });

  it('answers 404 and 400 for stages that are not there', async () => {
    expect((await getJson(run.url, `${P}/stages/424242/page`)).status).toBe(404);
    expect((await getJson(run.url, `${P}/stages/abc/page`)).status).toBe(400);
    expect((await producer.get(`${P}/stages/424242`)).status).toBe(404);
  });
});
