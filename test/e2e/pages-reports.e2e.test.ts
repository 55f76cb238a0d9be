import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import { axeProblems, smallTargets } from '../helpers/page-checks.js';
import { startDemoRun, type DemoRun } from '../integration/pages/demo-run.js';

const P = '/experiments/samdev';

/** How far the page is wider than the window (> 0: the phone user must scroll sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Where a stage of the neighbourhood graph is drawn on the page (vis-network canvas coordinates). */
const graphNodePoint = (page: Page, id: number) =>
  page.evaluate((nodeId) => {
    const network = (window as any).stageNeighbourhood.network;
    const p = network.canvasToDOM(network.getPositions([nodeId])[nodeId]);
    const box = document.getElementById('stage-neighbourhood-graph')!.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);

// The stage, submissions, submission, job-log and file pages in Chromium on the demo scenario's data, at
// desktop and phone width: key numbers from the database, clean consoles, no serious or critical
// axe-core findings, no sideways scrolling and 44 px controls on a phone, screenshots kept in
// test-results/screenshots.
describe('stage, submission and file pages in a real browser', () => {
  let run: DemoRun;
  let browser: Browser;
  let pages: Array<{ name: string; path: string; check: (page: Page) => Promise<void> }>;
  const stageId = async (campaign: string, name: string): Promise<number> =>
    (
      await run.h.testDb
        .db('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': campaign, 's.name': name })
        .first('s.stage_id')
    ).stage_id;
  /** The stage's neighbourhood in the database: itself and the stages at the other end of its dependencies. */
  const neighbourhood = async (sid: number) => {
    const deps = await run.h.testDb
      .db('dependencies')
      .where({ upstream_stage_id: sid })
      .orWhere({ downstream_stage_id: sid })
      .select('upstream_stage_id', 'downstream_stage_id');
    const ids = new Set([sid, ...deps.flatMap((d) => [d.upstream_stage_id, d.downstream_stage_id])]);
    return { nodes: String(ids.size), edges: String(deps.length) };
  };
  /** Waits for the neighbourhood graph and checks its counts against the database and its fit. */
  const checkGraph = async (page: Page, sid: number) => {
    const graph = page.locator('#stage-neighbourhood-graph[data-drawn="1"]');
    await graph.waitFor();
    expect({
      nodes: await graph.getAttribute('data-nodes'),
      edges: await graph.getAttribute('data-edges'),
    }).toEqual(await neighbourhood(sid));
    const fit = await graph.evaluate((el) => ({
      box: el.clientWidth,
      canvas: el.querySelector('canvas')!.getBoundingClientRect().width,
      column: el.parentElement!.clientWidth,
    }));
    expect(fit.canvas).toBeLessThanOrEqual(fit.box);
    expect(fit.box).toBeLessThanOrEqual(fit.column);
  };
  beforeAll(async () => {
    run = await startDemoRun();
    browser = await launchBrowser();
    const { reco, recovery, ana } = run.subs;
    const db = run.h.testDb.db;
    const dbStatus = async (id: number) =>
      (await db('submissions').where({ submission_id: id }).first('status')).status;
    pages = [
      {
        name: 'stage',
        path: `${P}/stages/${run.ids.reco}`,
        check: async (page) => {
          expect(await page.locator('#stage-recent tbody tr').count()).toBe(2);
          expect(await page.locator('#stage-next').textContent()).toContain('demo_raw');
          expect(await page.locator('#stage-actions form').count()).toBe(2);
          expect(await page.locator('#stage-danger form').count()).toBeGreaterThanOrEqual(4);
          // reco → ana: the graph draws both stages and the arrow; the list below keeps the link.
          await checkGraph(page, run.ids.reco);
          expect(await page.locator('#stage-neighbourhood-graph').getAttribute('data-edges')).toBe('1');
          expect(
            await page.locator(`#stage-neighbourhood a[href="${P}/stages/${run.ids.ana}"]`).count(),
          ).toBe(1);
        },
      },
      {
        name: 'campaign-submissions',
        path: `${P}/campaigns/${run.ids.campaign}/submissions`,
        check: async (page) => {
          const rows = page.locator('#submissions-table tbody tr');
          expect(
            await rows.evaluateAll((trs) =>
              trs.map((tr) => [tr.getAttribute('data-submission'), tr.getAttribute('data-depth')]),
            ),
          ).toEqual([
            [String(reco.submission_id), '0'],
            [String(recovery.submission_id), '1'],
            [String(ana.submission_id), '1'],
          ]);
          // The history popup opens and lists the statuses from the database.
          const first = rows.first();
          await first.locator('.poms-history summary').click();
          expect(await first.locator('.poms-history-list li').count()).toBe(5);
          expect(await first.locator('.poms-status').first().textContent()).toBe(
            await dbStatus(reco.submission_id),
          );
        },
      },
      {
        name: 'stage-submissions',
        path: `${P}/stages/${run.ids.ana}/submissions`,
        check: async (page) => {
          expect(await page.locator('#submissions-table tbody tr .poms-marker').textContent()).toBe('↳');
        },
      },
      {
        name: 'submission',
        path: `${P}/submissions/${reco.submission_id}`,
        check: async (page) => {
          expect(await page.locator('#status-history tbody tr').count()).toBe(5);
          expect(await page.locator('#file-counts [data-col="consumed"]').textContent()).toBe('37');
          expect(await page.locator('#command-executed').textContent()).toBe(reco.command_executed);
          expect(await page.locator('.poms-unchanged').count()).toBe(3);
        },
      },
      {
        name: 'job-logs',
        path: `${P}/submissions/${reco.submission_id}/job-logs`,
        check: async (page) => {
          // jobsub_fetchlog on the launch host (the simulator's, over SSH) returned the job's logs.
          expect(await page.locator('#job-log-files tbody tr').count()).toBeGreaterThan(0);
        },
      },
      {
        name: 'stage-files',
        path: `${P}/stages/${run.ids.reco}/files`,
        check: async (page) => {
          const row = page.locator(`#file-report-table tr[data-submission="${reco.submission_id}"]`);
          expect(await row.locator('[data-col="submitted"]').textContent()).toBe('40');
          expect(await row.locator('[data-col="failed"]').textContent()).toBe('3');
          expect(await page.locator('#file-report-total [data-col="submitted"]').textContent()).toBe('43');
        },
      },
      {
        name: 'campaign-files',
        path: `${P}/campaigns/${run.ids.campaign}/files`,
        check: async (page) => {
          expect(await page.locator('#file-report-table tbody tr').count()).toBe(2);
          const cached = await db('submissions')
            .sum({ n: db.raw(`(file_counts->>'submitted')::int`) })
            .first();
          expect(await page.locator('#file-report-total [data-col="submitted"]').textContent()).toBe(
            String(cached!.n),
          );
        },
      },
      {
        name: 'check-chain',
        path: `${P}/campaigns/${run.ids.campaign}/check-chain`,
        check: async (page) => {
          await page.locator('#check-chain-page #chain-stages').waitFor();
        },
      },
      {
        name: 'file-list',
        path: `${P}/files?dims=${encodeURIComponent(`snapshot_for_project_name '${recovery.project}'`)}`,
        check: async (page) => {
          expect(await page.locator('#files-table tbody tr').count()).toBe(3);
        },
      },
      {
        name: 'file',
        path: '', // set below: one of the files the recovery was delivered
        check: async (page) => {
          const delivered = page.locator('#file-delivered-to [data-submission]');
          expect(
            await delivered.evaluateAll((els) => els.map((e) => e.getAttribute('data-submission'))),
          ).toEqual([String(reco.submission_id), String(recovery.submission_id)]);
          expect(await page.locator('#file-metadata tbody tr').count()).toBeGreaterThan(3);
        },
      },
    ];
    const [failed] = await run.h.services.fife.sam!.listFiles(
      'samdev',
      `snapshot_for_project_name '${recovery.project}'`,
    );
    pages[pages.length - 1].path = `${P}/files/${encodeURIComponent(failed)}`;
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await run?.close();
  });

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)
    it(`shows every page at ${label} width`, { timeout: 300_000 }, async () => {
      const page = await browser.newPage({ viewport });
      page.setDefaultTimeout(60_000); // the CI machine may be busy: generous, not a speed assertion
      const errors = watchErrors(page);
      await signIn(page, run.url, 'producer');
      for (const p of pages) {
        const res = await page.goto(run.url + p.path);
        expect(res?.status(), p.name).toBe(200);
        await p.check(page);
        if (label === 'phone') {
          expect(await overflow(page), p.name).toBeLessThanOrEqual(0);
          expect(await smallTargets(page), `${p.name}: controls under 44 px`).toEqual([]);
        }
        expect(await axeProblems(page), `${p.name} (${label})`).toEqual([]);
        await screenshot(page, `pages-${p.name}-${label}`);
      }
      expect(errors).toEqual([]);
      await page.close();
    });

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const)
    it(
      `draws the dependency neighbourhood and opens a stage from it at ${label} width`,
      { timeout: 120_000 },
      async () => {
        const page = await browser.newPage({ viewport });
        page.setDefaultTimeout(60_000); // the CI machine may be busy: generous, not a speed assertion
        const errors = watchErrors(page);
        await signIn(page, run.url, 'producer');
        // gen → reco → ana: one stage on each side of reco.
        const [gen, reco, ana] = await Promise.all(
          ['gen', 'reco', 'ana'].map((n) => stageId('gen_reco_ana', n)),
        );
        await page.goto(`${run.url}${P}/stages/${reco}`);
        await checkGraph(page, reco);
        expect(await page.locator('#stage-neighbourhood-graph').getAttribute('data-nodes')).toBe('3');
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, `pages-stage-neighbourhood-${label}`);
        // The arrows go left to right: gen, then reco, then ana.
        await page.locator('#stage-neighbourhood-graph').scrollIntoViewIfNeeded();
        const [g, r, a] = await Promise.all([gen, reco, ana].map((id) => graphNodePoint(page, id)));
        expect(g.x).toBeLessThan(r.x);
        expect(r.x).toBeLessThan(a.x);
        // Clicking the stage itself goes nowhere; clicking gen opens gen's page (as its label links).
        await page.mouse.click(r.x, r.y);
        expect(new URL(page.url()).pathname).toBe(`${P}/stages/${reco}`);
        expect(await page.locator(`#stage-neighbourhood a[href="${P}/stages/${gen}"]`).count()).toBe(1);
        await Promise.all([page.waitForURL(`**${P}/stages/${gen}`), page.mouse.click(g.x, g.y)]);
        await checkGraph(page, gen);

        // A self-dependency (the next split runs on the previous one's output) is a loop on the stage.
        const split = await stageId('split_types', 'by_nfiles');
        await page.goto(`${run.url}${P}/stages/${split}`);
        await checkGraph(page, split);
        expect(await page.locator('#stage-neighbourhood-graph').getAttribute('data-nodes')).toBe('1');
        expect(await page.locator('#stage-neighbourhood-graph').getAttribute('data-edges')).toBe('1');
        expect(await page.locator('#stage-neighbourhood').textContent()).toContain('itself');
        expect(await overflow(page)).toBeLessThanOrEqual(0);
        await screenshot(page, `pages-stage-loop-${label}`);

        // A stage without dependencies keeps the list only (no graph, no vis-network).
        await page.goto(`${run.url}${P}/stages/${await stageId('single_stage', 'reco')}`);
        expect(await page.locator('#stage-neighbourhood').textContent()).toContain('no upstream stage');
        expect(await page.locator('#stage-neighbourhood-graph').count()).toBe(0);
        expect(errors).toEqual([]);
        await page.close();
      },
    );

  it('follows a number of the report to exactly its files', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: PHONE });
    const errors = watchErrors(page);
    await signIn(page, run.url, 'producer');
    await page.goto(`${run.url}${P}/stages/${run.ids.reco}/files`);
    await page.click(
      `#file-report-table tr[data-submission="${run.subs.reco.submission_id}"] [data-col="failed"] a`,
    );
    await page.waitForURL(/\/files\?dims=/);
    expect(await page.locator('#files-table tbody tr').count()).toBe(3);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'pages-files-phone');
    expect(errors).toEqual([]);
  });
});
