import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTING_COUNTS } from '../../../src/domain/files/file-accounting.js';
import { DEMO_FIRST_PASS_FAILURES } from '../../../src/sim/index.js';
import type { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startDemoRun, type DemoRun } from './demo-run.js';
import { cell, cellHref, getJson, P, signedIn, tableRows } from './page-helpers.js';

type Counts = Record<(typeof ACCOUNTING_COUNTS)[number], number>;

/** delivered = consumed + failed + skipped + cancelled + still delivered, for any row. */
const reconciles = (c: Counts) =>
  c.delivered === c.consumed + c.failed + c.skipped + c.cancelled + c.stillDelivered;
const sum = (list: Counts[]) =>
  Object.fromEntries(ACCOUNTING_COUNTS.map((k) => [k, list.reduce((n, c) => n + c[k], 0)]));
const numbers = (c: Counts) => Object.fromEntries(ACCOUNTING_COUNTS.map((k) => [k, c[k]]));

// File reports on the demo scenario: counted in files, reconciled row by row, stage = sum of its
// submissions, campaign = sum of its stages, every number listing exactly its files in SAM.
describe('file reports', () => {
  let run: DemoRun;
  let producer: BrowserLikeClient;
  beforeAll(async () => {
    run = await startDemoRun();
    producer = await signedIn(run.url, 'producer');
  }, 300_000);
  afterAll(async () => run?.close());

  it('counts reco’s first pass: 40 submitted, 37 consumed, 3 failed; its recovery 3 of 3', async () => {
    const stage = await getJson(run.url, `${P}/stages/${run.ids.reco}/files`);
    expect(stage.status).toBe(200);
    expect(stage.json.sam.state).toBe('ok');
    const byId = new Map(stage.json.rows.items.map((r: any) => [r.submission_id, r.counts as Counts]));
    expect(byId.get(run.subs.reco.submission_id)).toMatchObject({
      submitted: 40,
      delivered: 40,
      consumed: 37,
      failed: 3,
      skipped: 0,
      stillDelivered: 0,
      incomplete: false,
    });
    expect(byId.get(run.subs.recovery.submission_id)).toMatchObject({ submitted: 3, consumed: 3, failed: 0 });
    // The same numbers as wrapup recorded for the Located rule, and now cached on the rows.
    const db = run.h.testDb.db;
    const reco = await db('submissions').where({ submission_id: run.subs.reco.submission_id }).first();
    expect([reco.files_submitted, reco.files_consumed]).toEqual([40, 37]);
    expect(reco.file_counts).toMatchObject({ submitted: 40, consumed: 37, failed: 3 });
    expect(reco.file_counts_at).toBeInstanceOf(Date);
  });

  it('reconciles: each row, stage = its submissions, campaign = its stages', async () => {
    const stages: Record<number, Counts> = {};
    for (const id of [run.ids.reco, run.ids.ana]) {
      const r = await getJson(run.url, `${P}/stages/${id}/files`);
      const rows: Counts[] = r.json.rows.items.map((x: any) => x.counts);
      expect(rows.length).toBe(r.json.rows.total);
      for (const c of [...rows, r.json.totals.counts]) expect(reconciles(c), JSON.stringify(c)).toBe(true);
      expect(numbers(r.json.totals.counts)).toEqual(sum(rows));
      stages[id] = r.json.totals.counts;
    }
    const camp = await getJson(run.url, `${P}/campaigns/${run.ids.campaign}/files`);
    expect(camp.status).toBe(200);
    const rows: Array<{ stage_id: number; counts: Counts }> = camp.json.stages;
    expect(rows.map((s) => s.stage_id)).toEqual([run.ids.reco, run.ids.ana]);
    for (const s of rows) {
      expect(reconciles(s.counts)).toBe(true);
      expect(numbers(s.counts)).toEqual(numbers(stages[s.stage_id]));
    }
    expect(reconciles(camp.json.totals.counts)).toBe(true);
    expect(numbers(camp.json.totals.counts)).toEqual(sum(rows.map((s) => s.counts)));
    expect(camp.json.totals.counts).toMatchObject({ submitted: 83, consumed: 80, failed: 3 });
    expect(camp.json.totals.submissions).toBe(3);
  });

  it('links every number to exactly its files in SAM', async () => {
    const page = await producer.get(`${P}/stages/${run.ids.reco}/files`);
    expect(page.status).toBe(200);
    const [first] = tableRows(page.body, 'file-report-table').filter(
      (r) => r.id === run.subs.reco.submission_id,
    );
    expect(cell(first.html, 'submitted')).toBe(40);
    expect(cell(first.html, 'consumed')).toBe(37);
    expect(cell(first.html, 'failed')).toBe(3);
    expect(cell(first.html, 'delivered')).toBe(40);
    for (const col of ACCOUNTING_COUNTS) {
      const href = cellHref(first.html, col);
      expect(href, col).toMatch(new RegExp(`^${P}/files\\?dims=`));
      const list = await getJson(run.url, href!.replace(P, `${P}`) + '&page_size=500');
      expect(list.status, `${col}: ${JSON.stringify(list.json)}`).toBe(200);
      expect(list.json.total, col).toBe(cell(first.html, col));
    }
    const failed = await producer.get(cellHref(first.html, 'failed')!);
    expect(failed.status).toBe(200);
    for (const f of DEMO_FIRST_PASS_FAILURES) expect(failed.body).toContain(`<code>${f}</code>`);
    // The total row's links cover both submissions (a file of the recovery is listed once).
    const total = page.body.slice(page.body.indexOf('id="file-report-total"'));
    const consumedAll = await getJson(run.url, cellHref(total, 'consumed')!);
    expect(consumedAll.json.total).toBe(40);
  });

  it('shows the campaign and submission reports as pages, with their numbers', async () => {
    const camp = await producer.get(`${P}/campaigns/${run.ids.campaign}/files`);
    expect(camp.status).toBe(200);
    const total = camp.body.slice(camp.body.indexOf('id="file-report-total"'));
    expect(cell(total, 'submitted')).toBe(83);
    expect(cell(total, 'failed')).toBe(3);
    const one = await producer.get(`${P}/submissions/${run.subs.reco.submission_id}/files`);
    expect(one.status).toBe(200);
    expect(cell(one.body, 'consumed')).toBe(37);
    const twin = await getJson(run.url, `${P}/submissions/${run.subs.reco.submission_id}/files?refresh=1`);
    expect(twin.json.row.counts).toMatchObject({ submitted: 40, consumed: 37, failed: 3 });
    expect(twin.json.sam.state).toBe('ok');
  });

  it('shows a file: metadata, parents and children, who made it and who consumed it (issue 17)', async () => {
    const reco = run.subs.reco.submission_id;
    const ana = run.subs.ana.submission_id;
    const outs = await getJson(
      run.url,
      `${P}/files?dims=${encodeURIComponent(`poms.submission_id ${reco}`)}`,
    );
    expect(outs.json.total).toBeGreaterThan(0);
    const out: string = outs.json.items[0];
    const twin = await getJson(run.url, `${P}/files/${encodeURIComponent(out)}`);
    expect(twin.status).toBe(200);
    expect(twin.json.file_name).toBe(out);
    expect(twin.json.produced_by).toMatchObject({
      submission_id: reco,
      stage_id: run.ids.reco,
      stage_name: 'reco',
    });
    expect(twin.json.parents.total).toBe(1);
    expect(twin.json.metadata).toContainEqual(['poms.submission_id', String(reco)]);
    // ana ran on reco's outputs: it consumed this file (its output is a child naming ana).
    expect(twin.json.consumed_by.map((s: { submission_id: number }) => s.submission_id)).toContain(ana);
    // The raw parent: no submission made it, reco consumed it.
    const parent = await getJson(run.url, `${P}/files/${encodeURIComponent(twin.json.parents.items[0])}`);
    expect(parent.json.produced_by).toBeNull();
    expect(parent.json.children.items).toContain(out);
    expect(parent.json.consumed_by.map((s: { submission_id: number }) => s.submission_id)).toContain(reco);
    // The page: the file list links each row to it; it links its lineage, submissions and JSON twin.
    const list = await producer.get(`${P}/files?dims=${encodeURIComponent(`poms.submission_id ${reco}`)}`);
    expect(list.body).toContain(`href="${P}/files/${encodeURIComponent(out)}"`);
    const page = await producer.get(`${P}/files/${encodeURIComponent(out)}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`href="${P}/submissions/${reco}"`);
    expect(page.body).toContain(`href="${P}/files/${encodeURIComponent(twin.json.parents.items[0])}"`);
    expect(page.body).toContain(`href="/api/v1${P}/files/${encodeURIComponent(out)}"`);
    expect((await getJson(run.url, `${P}/files/no_such_file.root`)).status).toBe(404);
    const bad = await getJson(run.url, `${P}/files/${encodeURIComponent('a b')}`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('name');
  });

  it('pages through a file list and refuses bad dims with a 400, never a 500', async () => {
    const dims = encodeURIComponent('defname: demo_raw');
    const p2 = await getJson(run.url, `${P}/files?dims=${dims}&page=2&page_size=15`);
    expect(p2.json).toMatchObject({ total: 40, page: 2, pageSize: 15, pages: 3 });
    expect(p2.json.items).toHaveLength(15);
    const all = await getJson(run.url, `${P}/files?dims=${dims}&page_size=500`);
    expect(all.json.items.slice(15, 30)).toEqual(p2.json.items);
    const beyond = await getJson(run.url, `${P}/files?dims=${dims}&page=99`);
    expect(beyond.json.page).toBe(1);
    const html = await producer.get(`${P}/files?dims=${dims}&label=raw`);
    expect(html.status).toBe(200);
    expect(tableRowsOfFiles(html.body)).toHaveLength(40);
    for (const bad of [
      '',
      '%20%20',
      encodeURIComponent('file_name é'),
      encodeURIComponent('defname: no_such_def'),
      encodeURIComponent('((('),
    ]) {
      const r = await getJson(run.url, `${P}/files?dims=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.json.error.details[0].field).toBe('dims');
      expect((await producer.get(`${P}/files?dims=${bad}`)).status, bad).toBe(400);
    }
    // Longer than the service takes, shorter than Node's header limit (which answers 431 itself).
    expect((await getJson(run.url, `${P}/files?dims=${'x'.repeat(12_500)}`)).status).toBe(400);
  });

  it('shows what it can with a note when SAM is unavailable', { timeout: 120_000 }, async () => {
    const db = run.h.testDb.db;
    run.h.sim.world.faults.patch({ sam: { outage: '5xx' } });
    try {
      // Make every cached number stale so the pages ask SAM.
      await db('submissions').update({ file_counts_at: new Date(Date.now() - 86_400_000) });
      const stage = await getJson(run.url, `${P}/stages/${run.ids.reco}/files`);
      expect(stage.status).toBe(200);
      expect(stage.json.sam.state).toBe('unavailable');
      expect(stage.json.totals.counts).toMatchObject({ submitted: 43, consumed: 40 });
      const page = await producer.get(`${P}/campaigns/${run.ids.campaign}/files`);
      expect(page.status).toBe(200);
      expect(page.body).toContain('SAM unavailable');
      expect(page.body).toContain('Try again now');
      const sub = await producer.get(`${P}/submissions/${run.subs.reco.submission_id}?refresh=1`);
      expect(sub.status).toBe(200);
      expect(sub.body).toContain('SAM unavailable');
      expect(cell(sub.body, 'consumed')).toBe(37);
      const list = await getJson(run.url, `${P}/files?dims=${encodeURIComponent('defname: demo_raw')}`);
      expect(list.status).toBe(503);
      expect(list.json.error.message).toMatch(/SAM unavailable/);
      // Never counted and SAM down: the numbers are missing, not zero, and the totals say so.
      await db('submissions').update({ file_counts: null, file_counts_at: null });
      const empty = await getJson(run.url, `${P}/stages/${run.ids.reco}/files`);
      expect(empty.status).toBe(200);
      expect(empty.json.rows.items.every((r: any) => r.counts === null)).toBe(true);
      expect(empty.json.totals).toMatchObject({ uncounted: 2, counts: { incomplete: true } });
    } finally {
      run.h.sim.world.faults.patch({ sam: { outage: 'off' } });
    }
    // Pages leave SAM alone for a while after it failed; refresh=1 asks again now.
    const later = await getJson(run.url, `${P}/stages/${run.ids.reco}/files`);
    expect(later.json.sam.state).toBe('unavailable');
    const back = await getJson(run.url, `${P}/stages/${run.ids.reco}/files?refresh=1`);
    expect(back.json.sam.state).toBe('ok');
    expect(back.json.totals.counts).toMatchObject({ submitted: 43, consumed: 40, incomplete: false });
  });
});

function tableRowsOfFiles(html: string): string[] {
  const t = html.slice(html.indexOf('id="files-table"'));
  // Each row names its file and links to that file's details page.
  const rows = t
    .slice(0, t.indexOf('</table>'))
    .matchAll(/<td><a href="[^"]*\/files\/([^"]+)"><code>([^<]+)<\/code><\/a><\/td>/g);
  return [...rows].map((m) => {
    expect(decodeURIComponent(m[1])).toBe(m[2]);
    return m[2];
  });
}
