import { SUBMISSION_STATUSES } from '../../../src/domain/submissions/status-machine.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { bulkCampaign, runUntil, stageId, startSimApp, type SimApp } from './overview-fixture.js';

// The demo scenario (reco → its recovery → ana) run on the simulator, then the progress, time bars,
// overview and watching pages and their JSON twins checked against the database.
describe('campaign progress, time bars and overview on the demo run', () => {
  let h: SimApp;
  let campaignId: number;
  const P = '/api/v1/experiments/samdev';
  const subs = () =>
    h.testDb.db<SubmissionRow>('submissions').where({ campaign_id: campaignId }).orderBy('submission_id');
  const get = async (path: string, user = 'producer') => {
    const r = await api(h.url, 'GET', path, { user });
    expect(r.status, `${path}: ${r.text.slice(0, 300)}`).toBe(200);
    return r.json;
  };
  const seen: number[] = [];

  beforeAll(async () => {
    h = await startSimApp();
    campaignId = (await h.testDb.db('campaigns').where({ name: 'demo' }).first('campaign_id')).campaign_id;
    const producer = await h.user('producer');
    const reco = await stageId(h, 'demo', 'reco');
    const ana = await stageId(h, 'demo', 'ana');
    await h.services.launchActions.launch(producer, reco, {}, 'samdev');
    await h.services.runner.idle();
    // Every step: the progress of the campaign and its stages stays within 0..100 %. ana (completion
    // type `complete`) is Located as soon as its jobs end, before SAM has located all its outputs:
    // the run goes on until wrapup's recounts have seen them located.
    const settled = async () =>
      (await subs()).some((s) => s.stage_id === ana && s.status === 'Located') &&
      (await h.services.progress.campaign(producer, 'samdev', campaignId, { hours: 24 })).totals.files.pct ===
        100;
    await runUntil(h, settled, async () => {
      const p = await h.services.progress.campaign(producer, 'samdev', campaignId, { hours: 24 });
      for (const f of [p.totals.files, ...p.stages.map((s) => s.files)]) {
        if (f.pct !== null) seen.push(f.pct);
        expect(f.done).toBeLessThanOrEqual(f.submitted);
        expect(f.done + f.pending).toBe(f.submitted);
      }
    });
  }, 300_000);
  afterAll(async () => h?.close());

  it('reports the finished campaign 100 % complete in files, reco with its 40 input files', async () => {
    const p = await get(`${P}/campaigns/${campaignId}/progress`);
    const all = await subs();
    const stage = (name: string) => p.stages.find((s: { name: string }) => s.name === name);
    const reco = stage('reco');
    const ana = stage('ana');
    const original = all.find((s) => s.stage_id === reco.stage_id && s.parent_submission_id === null)!;
    expect(original.files_submitted).toBe(40);
    expect(reco.files.submitted).toBe(40);
    expect(reco.files.done).toBe(40);
    expect(reco.files.pct).toBe(100);
    expect(p.totals.files.pct).toBe(100);
    // ana read reco's 40 outputs: its files are counted too (wrapup counts every finished project).
    expect(ana.files.submitted).toBe(40);
    expect(ana.files.done).toBe(40);
    expect(p.totals.files.submitted).toBe(80);
    // The campaign total is the sum of the stages.
    expect(p.totals.files.done).toBe(
      p.stages.reduce((t: number, s: { files: { done: number } }) => t + s.files.done, 0),
    );
    // A submission without SAM numbers would show as uncounted, not as 0 of 0; here none is.
    expect(ana.files.uncounted).toBe(0);
    expect(ana.files.uncounted).toBe(
      all.filter((s) => s.stage_id === ana.stage_id && s.files_submitted === null).length,
    );
    // Submission counts per stage are the database's.
    for (const s of p.stages) {
      const own = all.filter((x) => x.stage_id === s.stage_id);
      expect(s.submissions.total).toBe(own.length);
      expect(s.submissions.located).toBe(own.filter((x) => x.status === 'Located').length);
      expect(s.submissions.running + s.submissions.held + s.submissions.failed).toBe(0);
    }
    expect(p.totals.throughput.eta).toBe('done');
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThanOrEqual(100);
    expect(p.layout).toBe('positions');
    expect(p.dependencies).toEqual([{ from: reco.stage_id, to: ana.stage_id, file_pattern: 'reco_%.root' }]);
  });

  it('draws every submission in the time bars, and bucket counts add up to the submission count', async () => {
    const all = await subs();
    const bars = await get(`${P}/campaigns/${campaignId}/timeline`);
    expect(bars.mode).toBe('bars');
    expect(bars.total).toBe(all.length);
    const drawn = bars.stages.flatMap((s: { bars: Array<{ submission_id: number }> }) =>
      s.bars.map((b) => b.submission_id),
    );
    expect(drawn.sort()).toEqual(all.map((s) => s.submission_id).sort());
    const buckets = await get(`${P}/campaigns/${campaignId}/timeline?mode=buckets&width=400`);
    expect(buckets.mode).toBe('buckets');
    expect(buckets.stages[0].buckets).toHaveLength(40);
    for (const s of buckets.stages) {
      const sum = s.buckets.reduce((t: number, b: { total: number }) => t + b.total, 0);
      expect(sum).toBe(all.filter((x) => x.stage_id === s.stage_id).length);
      expect(s.count).toBe(sum);
    }
    expect(buckets.total).toBe(all.length);
    // A window before everything holds nothing; bad times fall back to the default window.
    const empty = await get(`${P}/campaigns/${campaignId}/timeline?tmin=2020-01-01&tmax=2020-01-02`);
    expect(empty.total).toBe(0);
    const bad = await get(`${P}/campaigns/${campaignId}/timeline?tmin=yesterday&tmax=%00&width=abc`);
    expect(bad.total).toBe(all.length);
  });

  it('aggregates a campaign of thousands of submissions into time buckets that add up', async () => {
    const bulk = await bulkCampaign(h.testDb.db, 'bulk', 3000);
    // By default the window is the campaign's last week of activity, and counts what crosses it.
    const ended = ['Located', 'Failed', 'Cancelled', 'Removed', 'LaunchFailed'];
    const rows: SubmissionRow[] = await h.testDb.db('submissions').where({ campaign_id: bulk });
    const crossingIn = (tmin: number, tmax: number) =>
      rows.filter(
        (r) => r.created_at.getTime() <= tmax && (!ended.includes(r.status) || r.status_at.getTime() >= tmin),
      ).length;
    const week = await get(`${P}/campaigns/${bulk}/timeline?width=800`);
    const span = Date.parse(week.window.tmax) - Date.parse(week.window.tmin);
    expect(span).toBeLessThanOrEqual(7 * 86_400_000 + 1000);
    expect(week.total).toBe(crossingIn(Date.parse(week.window.tmin), Date.parse(week.window.tmax)));
    expect(week.total).toBeLessThan(3000);
    // Its whole life, asked for, holds every submission once.
    const t = await get(`${P}/campaigns/${bulk}/timeline?width=800&tmin=2020-01-01`);
    expect(t.mode).toBe('buckets');
    expect(t.total).toBe(3000);
    expect(t.stages.map((s: { count: number }) => s.count)).toEqual([1000, 1000, 1000]);
    const sum = t.stages
      .flatMap((s: { buckets: Array<{ total: number }> }) => s.buckets)
      .reduce((a: number, b: { total: number }) => a + b.total, 0);
    expect(sum).toBe(3000);
    expect(t.stages[0].buckets).toHaveLength(80);
    // Zoomed into one day: the submissions whose bar crosses it (unfinished ones run to now), each once.
    const [tmin, tmax] = [Date.now() - 3 * 86_400_000, Date.now() - 2 * 86_400_000];
    const day = await get(
      `${P}/campaigns/${bulk}/timeline?tmin=${new Date(tmin).toISOString()}&tmax=${new Date(tmax).toISOString()}`,
    );
    expect(day.total).toBe(crossingIn(tmin, tmax));
    expect(day.stages.reduce((a: number, s: { count: number }) => a + s.count, 0)).toBe(day.total);
    expect(day.total).toBeLessThan(3000);
    const p = await get(`${P}/campaigns/${bulk}/progress`);
    expect(p.totals.submissions.total).toBe(3000);
    expect(p.totals.files.pct).toBeLessThanOrEqual(100);
    expect(p.layout).toBe('hierarchical');
  });

  it('lists the campaign on the overview with its progress and no problems, sortable and paginated', async () => {
    const o = await get(`${P}/overview?sort=files&dir=desc`);
    const demo = o.items.find((c: { name: string }) => c.name === 'demo');
    expect(demo.files.pct).toBe(100);
    expect(demo.files.submitted).toBe(80); // reco's 40 inputs + ana's 40 (reco's outputs)
    expect(demo.active_submissions).toBe(0);
    expect(demo.problems.total).toBe(0);
    expect(demo.submissions.total).toBe((await subs()).length);
    expect(o.items[0].name).toBe('demo'); // complete: sorts first by files, descending
    expect(o.total).toBe(
      await h.testDb
        .db('campaigns')
        .where({ experiment: 'samdev', active: true })
        .count({ n: '*' })
        .first()
        .then((r) => Number(r!.n)),
    );
    const paged = await get(`${P}/overview?page_size=2&page=2&sort=name`);
    expect(paged.items.map((c: { name: string }) => c.name)).toEqual(
      o.items
        .map((c: { name: string }) => c.name)
        .sort()
        .slice(2, 4),
    );
    // Root's overview of every experiment; refused to others.
    expect((await get('/api/v1/overview', 'admin')).total).toBe(o.total);
    expect((await api(h.url, 'GET', '/api/v1/overview', { user: 'producer' })).status).toBe(403);
  });

  it('watches and unwatches a campaign; the watching page lists it with its progress', async () => {
    const put = (watched: boolean) =>
      api(h.url, 'PUT', `${P}/campaigns/${campaignId}/watch`, { user: 'shifter', body: { watched } });
    expect((await put(true)).json).toMatchObject({ campaign_id: campaignId, watched: true });
    const w = await get('/api/v1/watching', 'shifter');
    expect(w.items.map((c: { name: string }) => c.name)).toEqual(['demo']);
    expect(w.items[0].files.pct).toBe(100);
    expect(
      await h.testDb
        .db('watches')
        .count({ n: '*' })
        .first()
        .then((r) => Number(r!.n)),
    ).toBe(1);
    await put(false);
    expect((await get('/api/v1/watching', 'shifter')).items).toEqual([]);
    expect(
      (await api(h.url, 'PUT', `${P}/campaigns/999999/watch`, { user: 'shifter', body: { watched: true } }))
        .status,
    ).toBe(404);
    expect(
      (
        await api(h.url, 'PUT', `${P}/campaigns/${campaignId}/watch`, {
          user: 'shifter',
          body: { watched: 'maybe' },
        })
      ).status,
    ).toBe(400);
  });

  it('renders the pages with the same numbers, and the watch toggle works from a form', async () => {
    const web = new BrowserLikeClient(h.url);
    await web.signIn('producer');
    const base = `/experiments/samdev/campaigns/${campaignId}`;
    const progress = await web.get(`${base}/progress`);
    expect(progress.status).toBe(200);
    expect(progress.body).toMatch(/id="campaign-pct"><div class="value">100%</);
    expect(progress.body).toContain('/vendor/vis-network/vis-network.min.js');
    expect(progress.body).toContain('id="progress-table"');
    const timeline = await web.get(`${base}/timeline`);
    expect(timeline.status).toBe(200);
    // One bar per submission, cut into the statuses it went through (issue 17); recoveries apart.
    const pieces = [...timeline.body.matchAll(/data-status="([^"]+)" data-submission="(\d+)"/g)];
    const allSubs = await subs();
    expect(new Set(pieces.map((m) => Number(m[2])))).toEqual(new Set(allSubs.map((s) => s.submission_id)));
    const located = allSubs.find((s) => s.status === 'Located')!;
    const its = pieces.filter((m) => Number(m[2]) === located.submission_id).map((m) => m[1]);
    expect(its).toContain('Running');
    expect(its.length).toBeGreaterThan(1);
    expect(its).not.toContain('Located'); // Located is where the bar ends
    expect(timeline.body).toContain('class="poms-tl-reco"');
    // The legend names every status, each in its own colour; Failed and LaunchFailed also by pattern.
    const legend = [
      ...timeline.body.matchAll(/class="poms-legend-item" data-status="([^"]+)" data-colour="([^"]+)"/g),
    ];
    expect(legend.map((m) => m[1])).toEqual([...SUBMISSION_STATUSES]);
    expect(new Set(legend.map((m) => m[2])).size).toBe(SUBMISSION_STATUSES.length);
    expect(timeline.body).toMatch(/data-status="Failed"[^>]*data-pattern="hatch"/);
    expect(timeline.body).toMatch(/data-status="LaunchFailed"[^>]*data-pattern="cross"/);
    expect(timeline.body).not.toContain('vis-network');
    const overview = await web.get('/experiments/samdev/overview');
    expect(overview.status).toBe(200);
    expect(overview.body).toContain(`href="${base}/progress"`);
    const watch = await web.post(
      `${base}/watch`,
      { watched: 'true' },
      { referer: '/experiments/samdev/overview' },
    );
    expect(watch.status).toBe(303);
    expect((await web.get('/watching')).body).toContain(`${base}/progress`);
    // Bad input never gives a 500.
    for (const path of [
      `${base}/progress?hours=-3`,
      `${base}/timeline?tmin=2026-13-45&width=1e9`,
      '/experiments/samdev/overview?sort=evil&page=x',
    ])
      expect((await web.get(path)).status).toBe(200);
    expect((await web.get('/experiments/samdev/campaigns/abc/progress')).status).toBe(400);
    expect((await web.get('/experiments/samdev/campaigns/424242/timeline')).status).toBe(404);
    // Empty lists say so; root's overview of every experiment has an experiment column.
    expect((await web.get('/experiments/samdev/overview?state=inactive')).body).toContain('No campaigns.');
    const shifter = new BrowserLikeClient(h.url);
    await shifter.signIn('shifter');
    expect((await shifter.get('/watching')).body).toContain('You watch no campaign yet.');
    expect((await shifter.get('/overview')).status).toBe(403);
    const admin = new BrowserLikeClient(h.url);
    await admin.signIn('admin');
    const all = await admin.get('/overview?sort=experiment');
    expect(all.status).toBe(200);
    expect(all.body).toContain('<td data-label="Experiment">samdev</td>');
  });
});
