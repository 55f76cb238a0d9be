import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startDemoRun, type DemoRun } from './demo-run.js';
import { getJson, P, signedIn, tableRows } from './page-helpers.js';

// The submissions lists and the submission page on the demo scenario's data: reco #1, its
// consumed_status recovery (↺) and ana launched on reco's output (↳).
describe('submissions lists and the submission page', () => {
  let run: DemoRun;
  let producer: BrowserLikeClient;
  let ids: { reco: number; recovery: number; ana: number };
  beforeAll(async () => {
    run = await startDemoRun();
    producer = await signedIn(run.url, 'producer');
    ids = {
      reco: run.subs.reco.submission_id,
      recovery: run.subs.recovery.submission_id,
      ana: run.subs.ana.submission_id,
    };
  }, 300_000);
  afterAll(async () => run?.close());

  it('nests the recovery (↺) and the dependent launch (↳) under reco on the campaign list', async () => {
    const path = `${P}/campaigns/${run.ids.campaign}/submissions`;
    const page = await producer.get(path);
    expect(page.status).toBe(200);
    const rows = tableRows(page.body, 'submissions-table');
    expect(rows.map((r) => [r.id, r.depth])).toEqual([
      [ids.reco, 0],
      [ids.recovery, 1],
      [ids.ana, 1],
    ]);
    expect(rows[1].html).toContain('↺');
    expect(rows[2].html).toContain('↳');
    expect(rows[0].html).toContain(`>${run.subs.reco.jobsub_job_id}<`);
    // The history popup lists every status the submission went through, from the database.
    const history = await run.h.testDb
      .db('submission_history')
      .where({ submission_id: ids.reco })
      .orderBy('history_id')
      .pluck('status');
    const popup = rows[0].html.slice(rows[0].html.indexOf('poms-history-list'));
    expect([...popup.matchAll(/<li><strong>([^<]+)<\/strong>/g)].map((m) => m[1])).toEqual(history);
    expect(history).toEqual(['New', 'Idle', 'Running', 'Completed', 'Located']);

    const twin = await getJson(run.url, path);
    expect(twin.status).toBe(200);
    expect(twin.json.rows.total).toBe(1); // one root: the other two are nested under it
    expect(twin.json.rows.items.map((r: any) => [r.submission_id, r.depth, r.marker, r.cause])).toEqual([
      [ids.reco, 0, null, null],
      [ids.recovery, 1, '↺', ids.reco],
      [ids.ana, 1, '↳', ids.reco],
    ]);
    expect(twin.json.rows.items[0].creator).toBe('producer');
  });

  it('lists a stage on its own: ana’s launch is a root pointing at its cause in reco', async () => {
    const reco = await getJson(run.url, `${P}/stages/${run.ids.reco}/submissions`);
    expect(reco.json.rows.items.map((r: any) => [r.submission_id, r.depth])).toEqual([
      [ids.reco, 0],
      [ids.recovery, 1],
    ]);
    const ana = await producer.get(`${P}/stages/${run.ids.ana}/submissions`);
    const rows = tableRows(ana.body, 'submissions-table');
    expect(rows.map((r) => [r.id, r.depth])).toEqual([[ids.ana, 0]]);
    expect(rows[0].html).toContain('↳');
    expect(rows[0].html).toContain(`href="${P}/submissions/${ids.reco}"`);
  });

  it('keeps to the time window, sorts, paginates, and refuses bad input with a 400', async () => {
    const base = `${P}/campaigns/${run.ids.campaign}/submissions`;
    const old = await getJson(run.url, `${base}?tmax=2020-01-01&tdays=3`);
    expect(old.json.rows.total).toBe(0);
    expect(old.json.window.label).toBe('3.0 days ending 2020-01-01 00:00:00 UTC');
    const inside = await getJson(run.url, `${base}?tmin=2020-01-01`);
    expect(inside.json.rows.items).toHaveLength(3);
    const byId = await getJson(
      run.url,
      `${P}/stages/${run.ids.reco}/submissions?sort=id&dir=asc&page_size=1`,
    );
    expect(byId.json.rows.items.map((r: any) => r.submission_id)).toEqual([ids.reco, ids.recovery]);
    expect(byId.json.sort).toEqual({ by: 'id', dir: 'asc' });
    const junkSort = await getJson(run.url, `${base}?sort=drop%20table&dir=sideways&page=-3`);
    expect(junkSort.status).toBe(200);
    expect(junkSort.json.sort).toEqual({ by: 'created', dir: 'desc' });

    for (const [q, field] of [
      ['tmin=yesterday', 'tmin'],
      ['tmax=2025-02-31', 'tmax'],
      ['tdays=0', 'tdays'],
      ['tdays=abc', 'tdays'],
      ['tmin=2025-01-02&tmax=2025-01-01', 'tmin'],
    ]) {
      const r = await getJson(run.url, `${base}?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.json.error.details[0].field).toBe(field);
      const html = await producer.get(`${base}?${q}`);
      expect(html.status, q).toBe(400);
      expect(html.body).toContain(field);
    }
    expect((await producer.get(`${P}/campaigns/abc/submissions`)).status).toBe(400);
    expect((await producer.get(`${P}/campaigns/99999999999/submissions`)).status).toBe(400);
    expect((await producer.get(`${P}/campaigns/424242/submissions`)).status).toBe(404);
    expect((await producer.get(`/experiments/nosuch/campaigns/${run.ids.campaign}/submissions`)).status).toBe(
      404,
    );
  });

  it('shows what a submission is: history, command, log, chain, SAM project and files', async () => {
    const db = run.h.testDb.db;
    const page = await producer.get(`${P}/submissions/${ids.reco}`);
    expect(page.status).toBe(200);
    const row = await db('submissions').where({ submission_id: ids.reco }).first();
    const esc = (s: string) =>
      s
        .replaceAll('&', '&amp;')
        .replaceAll('"', '&quot;')
        .replaceAll("'", '&#39;')
        .replaceAll('<', '&lt;')
        .replaceAll('>', '&gt;');
    expect(page.body).toContain(esc(row.command_executed));
    expect(page.body).toContain(`href="${P}/submissions/${ids.reco}/log"`);
    expect(page.body).toContain(`<code>${row.project}</code>`);
    expect(page.body).toContain(`href="${P}/submissions/${ids.recovery}"`);
    expect(page.body).toContain(`href="${P}/submissions/${ids.ana}"`);
    const history = page.body.slice(page.body.indexOf('id="status-history"'));
    expect(
      [...history.slice(0, history.indexOf('</table>')).matchAll(/data-status="([^"]+)"/g)].map((m) => m[1]),
    ).toEqual(['New', 'Idle', 'Running', 'Completed', 'Located']);
    expect((page.body.match(/class="poms-unchanged"/g) ?? []).length).toBe(3);

    const twin = await getJson(run.url, `${P}/submissions/${ids.reco}`);
    expect(twin.status).toBe(200);
    expect(twin.json.submission.command_executed).toBe(row.command_executed);
    expect(twin.json.related.recoveries.map((r: any) => r.submission_id)).toEqual([ids.recovery]);
    expect(twin.json.related.dependents.map((r: any) => r.submission_id)).toEqual([ids.ana]);
    expect(twin.json.snapshots.items.map((s: any) => [s.kind, s.changes])).toEqual([
      ['stage', []],
      ['job_type', []],
      ['login_setup', []],
    ]);
    expect(twin.json.files.row.counts).toMatchObject({ submitted: 40, consumed: 37, failed: 3 });

    const rec = await getJson(run.url, `${P}/submissions/${ids.recovery}`);
    expect(rec.json.related.parent.submission_id).toBe(ids.reco);
    const ana = await producer.get(`${P}/submissions/${ids.ana}`);
    expect(ana.body).toMatch(new RegExp(`Launched on the output of <a href="${P}/submissions/${ids.reco}">`));
  });

  it('shows what changed in the stage since the launch', async () => {
    const db = run.h.testDb.db;
    await db('stages').where({ stage_id: run.ids.reco }).update({ completion_pct: 80 });
    try {
      const twin = await getJson(run.url, `${P}/submissions/${ids.reco}`);
      const stage = twin.json.snapshots.items.find((s: any) => s.kind === 'stage');
      expect(stage.changes).toEqual([
        { path: 'completionPct', then: '90', now: '80' },
        { path: 'completion_pct', then: '90', now: '80' },
      ]);
      const page = await producer.get(`${P}/submissions/${ids.reco}`);
      expect(page.body).toContain('Changed since this launch');
      expect(page.body).toMatch(
        /<td>completionPct<\/td><td><code>90<\/code><\/td><td><code>80<\/code><\/td>/,
      );
    } finally {
      await db('stages').where({ stage_id: run.ids.reco }).update({ completion_pct: null });
    }
  });

  it('offers actions by status and role: producers re-launch, analysts only look', async () => {
    const mine = await getJson(run.url, `${P}/submissions/${ids.reco}`);
    expect(mine.json.actions.map((a: any) => a.act)).toEqual(['relaunch']);
    expect(mine.json.recovery_types).toContain('consumed_status');
    const analyst = await signedIn(run.url, 'analyst');
    const seen = await analyst.get(`${P}/submissions/${ids.reco}`);
    expect(seen.status).toBe(200);
    expect(seen.body).not.toContain('/relaunch"');
    expect(seen.body).not.toContain('id="recover-form"');
    const theirs = await getJson(run.url, `${P}/submissions/${ids.reco}`, 'analyst');
    expect(theirs.json.actions).toEqual([]);
    // A Completed submission offers "kick to Located"; a running one hold and kill.
    const db = run.h.testDb.db;
    const status = (s: string) => db('submissions').where({ submission_id: ids.ana }).update({ status: s });
    try {
      await status('Completed');
      let list = await getJson(run.url, `${P}/stages/${run.ids.ana}/submissions`);
      expect(list.json.rows.items[0].actions.map((a: any) => a.act)).toEqual(['kick_located']);
      await status('Running');
      list = await getJson(run.url, `${P}/stages/${run.ids.ana}/submissions`);
      expect(list.json.rows.items[0].actions.map((a: any) => [a.act, a.url])).toEqual([
        ['hold', `${P}/jobs/submissions/${ids.ana}`],
        ['kill', `${P}/jobs/submissions/${ids.ana}`],
      ]);
      const html = await producer.get(`${P}/stages/${run.ids.ana}/submissions`);
      expect(html.body).toContain(`action="${P}/jobs/submissions/${ids.ana}"`);
    } finally {
      await status('Located');
    }
  });

  it('answers 404 and 400 for submissions that are not there', async () => {
    expect((await producer.get(`${P}/submissions/987654`)).status).toBe(404);
    expect((await producer.get(`${P}/submissions/abc`)).status).toBe(400);
    expect((await producer.get(`${P}/submissions/1e30`)).status).toBe(400);
    expect((await getJson(run.url, `/experiments/nosuch/submissions/${ids.reco}`)).status).toBe(404);
  });
});
