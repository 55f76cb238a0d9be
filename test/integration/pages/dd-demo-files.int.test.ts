import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { DD_DEMO_CAMPAIGN, seedDdDemo } from '../../../src/services/demo/dd-demo.js';
import {
  activeDefinitionName,
  maintainActiveStageDefinitions,
} from '../../../src/services/housekeeping/active-stage-definitions.js';
import { pollLens } from '../../../src/services/tracking/lens-poller.js';
import { wrapUp } from '../../../src/services/tracking/wrapup.js';
import { DD_DEMO_FIRST_PASS_FAILURES, ddDemoRawName } from '../../../src/sim/demo/dd-demo-world.js';
import { api } from '../../helpers/browser-like-client.js';
import { startApiHarness, type ApiHarness } from '../api/api-harness.js';
import { pomsCall } from '../api/poms-client-call.js';
import { cell, cellHref, signedIn, tableRows, unescapeHtml } from './page-helpers.js';

// The file pages of a MetaCat experiment (issue 19) on the dd_demo campaign, each page with its
// JSON twin, over HTTP on the simulator: the stage page's Available output and its link, the file
// list of that link and of an MQL query, a file's details (MetaCat metadata, parents and children,
// Rucio replicas, who made it and who was handed it), poms_client's available_output, and the
// housekeeping of the stage's active definition as a MetaCat named query.
const EXP = 'dune';
const E = `/experiments/${EXP}`;

describe('file pages of the dd_demo campaign (MetaCat, Data Dispatcher, Rucio)', () => {
  let h: ApiHarness;
  const ids = { reco: 0, ana: 0, campaign: 0 };
  const run = { reco: 0, recovery: 0 };
  const db = () => h.testDb.db;
  const subs = () => db()<SubmissionRow>('submissions').orderBy('submission_id');
  const json = async (path: string) => {
    const r = await api(h.url, 'GET', `/api/v1${path}`, { user: 'producer' });
    expect(r.status, r.text).toBe(200);
    return r.json;
  };
  const housekeeping = () =>
    maintainActiveStageDefinitions({
      db: db(),
      data: h.services.tracking!.data,
      log: pino({ level: 'silent' }),
    });
  const activeName = () => `${EXP}:${activeDefinitionName(ids.reco)}`;

  beforeAll(async () => {
    h = await startApiHarness({ sim: true });
    expect(await seedDdDemo(db())).toEqual([DD_DEMO_CAMPAIGN]);
    for (const name of ['reco', 'ana'] as const) {
      const s = await db()('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': DD_DEMO_CAMPAIGN, 's.name': name })
        .first('s.stage_id', 'c.campaign_id');
      ids[name] = s.stage_id;
      ids.campaign = s.campaign_id;
    }
  });
  afterAll(async () => h?.close());

  it('housekeeping keeps the in-flight stage as a MetaCat named query of its DD project input', async () => {
    const producer = (await h.services.identity.loadUser('producer', { experiment: EXP }))!;
    const out = await h.services.launchActions.launch(producer, ids.reco, {}, EXP);
    expect(out.kind).toBe('launched');
    await h.services.runner.idle();
    run.reco = (out as { submissionId: number }).submissionId;
    expect(await housekeeping()).toMatch(/^1 stage\(s\) in flight, 1 definition\(s\) written/);
    const mc = h.services.fife.metacat!;
    expect(await mc.namedQuery(activeName())).toBe('files from dune:dd_demo_raw');
    expect(await mc.count(`files selected by ${activeName()}`)).toBe(20);
    expect(await housekeeping()).toMatch(/0 definition\(s\) written, 0 deleted/);

    // Run the chain: reco, its recovery and ana Located.
    const t = h.services.tracking!;
    for (let i = 0; ; i++) {
      const all = await subs();
      if (all.some((s) => s.stage_id === ids.ana && s.status === 'Located')) break;
      if (i > 600) throw new Error(`dd_demo did not finish: ${JSON.stringify(all.map((s) => s.status))}`);
      h.sim!.clock.advance(30_000);
      await h.services.runner.idle();
      await pollLens(t);
      await wrapUp(t);
      await h.services.runner.idle();
    }
    run.recovery = (await subs()).find((s) => s.parent_submission_id === run.reco)!.submission_id;

    // Nothing in flight: the named query selects nothing and POMS forgets it.
    expect(await housekeeping()).toMatch(/0 stage\(s\) in flight, 0 definition\(s\) written, 1 deleted/);
    expect(await mc.count(`files selected by ${activeName()}`)).toBe(0);
    expect(await db()('stage_active_definitions').where({ stage_id: ids.reco }).first()).toBeUndefined();
  }, 300_000);

  it("the stage page's Available output counts reco's located outputs and links to them", async () => {
    await json(`${E}/stages/${ids.reco}/files?refresh=1`);
    const page = await json(`${E}/stages/${ids.reco}/page?next=false`);
    const row = page.overview.recent.find((r: any) => r.submission_id === run.reco);
    expect(row.output).toEqual({ count: 18, dims: null, column: 'outputsLocated' });
    const html = (await (await signedIn(h.url, 'producer')).get(`${E}/stages/${ids.reco}`)).body;
    const link = `${E}/files?submission=${run.reco}&column=outputsLocated&label=`;
    expect(unescapeHtml(html)).toContain(link);

    // The submissions list shows the same.
    const list = await json(`${E}/stages/${ids.reco}/submissions`);
    const listed = list.rows.items.find((r: any) => r.submission_id === run.reco);
    expect(listed.output).toEqual(row.output);
  });

  it("lists the files behind the link: reco's outputs with a Rucio replica, paginated", async () => {
    const q = `submission=${run.reco}&column=outputsLocated&page_size=5`;
    const first = await json(`${E}/files?${q}`);
    expect(first).toMatchObject({ language: 'MQL', total: 18, pages: 4, page: 1, submission: run.reco });
    const all: string[] = [];
    for (let p = 1; p <= 4; p++) all.push(...(await json(`${E}/files?${q}&page=${p}`)).items);
    const failed = new Set(DD_DEMO_FIRST_PASS_FAILURES.map((n) => `${EXP}:reco_${n}`));
    expect(new Set(all).size).toBe(18);
    expect(all.every((f) => f.startsWith(`${EXP}:reco_`) && !failed.has(f))).toBe(true);
    const html = (await (await signedIn(h.url, 'producer')).get(`${E}/files?${q}&page=2`)).body;
    expect(html).toContain('18 files behind <code>outputsLocated</code>');
    expect(html).toContain(`/files/${encodeURIComponent(all[5])}`);

    const failedInputs = await json(`${E}/files?submission=${run.reco}&column=failed`);
    expect(failedInputs.items.sort()).toEqual(DD_DEMO_FIRST_PASS_FAILURES.map((n) => `${EXP}:${n}`).sort());
    const bad = await api(h.url, 'GET', `/api/v1${E}/files?submission=${run.reco}&column=nope`, {
      user: 'producer',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].field).toBe('column');
  });

  it("the stage's file report links each number of a MetaCat submission to its files", async () => {
    const report = await json(`${E}/stages/${ids.reco}/files`);
    const row = report.rows.items.find((r: any) => r.submission_id === run.reco);
    expect(row).toMatchObject({ dims: null, column_lists: true, counts: { consumed: 18, failed: 2 } });
    const html = (await (await signedIn(h.url, 'producer')).get(`${E}/stages/${ids.reco}/files`)).body;
    const tr = tableRows(html, 'file-report-table').find((r) => r.id === run.reco)!;
    for (const [col, n] of [
      ['consumed', 18],
      ['failed', 2],
      ['outputsLocated', 18],
    ] as const) {
      expect(cell(tr.html, col)).toBe(n);
      const href = cellHref(tr.html, col)!;
      expect(href).toContain(`/files?submission=${run.reco}&column=${col}`);
      expect((await json(href.replace(/&label=.*$/, ''))).total).toBe(n);
    }
    expect(cellHref(tr.html, 'pending')).toBeNull();
  });

  it('lists an MQL query one page at a time and refuses bad MQL naming dims', async () => {
    const q = encodeURIComponent('files from dune:dd_demo_raw');
    const page2 = await json(`${E}/files?dims=${q}&page_size=15&page=2`);
    expect(page2).toMatchObject({
      language: 'MQL',
      total: 20,
      pages: 2,
      dims: 'files from dune:dd_demo_raw',
    });
    expect(page2.items).toHaveLength(5);
    const html = (await (await signedIn(h.url, 'producer')).get(`${E}/files?dims=${q}`)).body;
    expect(html).toContain('20 files in MetaCat match this query.');
    const bad = await api(h.url, 'GET', `/api/v1${E}/files?dims=${encodeURIComponent('files frm x')}`, {
      user: 'producer',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].field).toBe('dims');
  });

  it('shows an output: MetaCat metadata, its parent, Rucio replicas, and reco as its producer', async () => {
    const raw = ddDemoRawName(1);
    const f = await json(`${E}/files/${encodeURIComponent(`${EXP}:reco_${raw}`)}`);
    expect(f).toMatchObject({
      file_name: `${EXP}:reco_${raw}`,
      data_service: 'metacat',
      parents: { total: 1, items: [`${EXP}:${raw}`] },
      children: { total: 1 },
      produced_by: { submission_id: run.reco, stage_id: ids.reco },
      attribution_param: 'poms.submission_id',
    });
    expect(f.children.items[0]).toMatch(new RegExp(`^${EXP}:ana_`)); // ana ran on reco's outputs
    expect(f.locations.length).toBeGreaterThan(0);
    expect(f.metadata).toEqual(
      expect.arrayContaining([expect.arrayContaining(['core.application.version'])]),
    );
    const html = (
      await (await signedIn(h.url, 'producer')).get(`${E}/files/${encodeURIComponent(f.file_name)}`)
    ).body;
    expect(html).toContain('As MetaCat knows it');
    expect(html).toContain(`<code>${f.locations[0]}</code>`);
    expect(html).toContain(`/submissions/${run.reco}`);
  });

  it('shows a raw input failed once: reco was handed it, its recovery consumed it; a bare name works too', async () => {
    const raw = DD_DEMO_FIRST_PASS_FAILURES[0];
    const f = await json(`${E}/files/${encodeURIComponent(raw)}`);
    expect(f.file_name).toBe(`${EXP}:${raw}`);
    expect(f.children.items).toEqual([`${EXP}:reco_${raw}`]);
    expect(f.produced_by).toBeNull();
    const handed = f.delivered_to.map((d: any) => [d.submission_id, d.consumed]);
    expect(handed).toEqual([
      [run.reco, false],
      [run.recovery, true],
    ]);
    expect(f.consumed_by.map((d: any) => d.submission_id)).toEqual([run.recovery]);
    const missing = await api(h.url, 'GET', `/api/v1${E}/files/nothing_here.root`, { user: 'producer' });
    expect(missing.status).toBe(404);
  });

  it("poms_client's campaign_stage_submissions answers reco's available_output from MetaCat's numbers", async () => {
    const token = await h.token('producer', { experiment: EXP });
    const r = await pomsCall(
      h.url,
      'campaign_stage_submissions',
      {
        experiment: EXP,
        role: 'production',
        campaign_name: DD_DEMO_CAMPAIGN,
        stage_name: 'reco',
        fmt: 'json',
      },
      { token },
    );
    expect(r.status, r.text).toBe(200);
    const rows = r.json().data.submissions;
    expect(rows.find((s: any) => s.submission_id === run.reco)).toMatchObject({ available_output: 18 });
    expect(rows.find((s: any) => s.submission_id === run.recovery)).toMatchObject({ available_output: 2 });
  });
});
