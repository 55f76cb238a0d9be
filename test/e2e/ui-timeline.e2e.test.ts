import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import { makeStage } from '../helpers/config-fixtures.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

interface Piece {
  submission: number;
  parent: number | null;
  lane: number;
  top: number;
  height: number;
}

// Issue 17, time bars: a recovery is drawn on its own lane directly under the submission it
// recovers, even when another submission of the stage overlaps that one (then the other goes
// below the whole family), at both widths.
describe('time bars: recoveries under their parents', () => {
  let app: TestApp;
  let browser: Browser;
  let campaignId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app = await startTestApp();
    const db = app.testDb.db;
    const { campaign, stage, creatorId } = await makeStage(db, { campaign: 'lanes', stage: 'reco' });
    campaignId = campaign.campaign_id;
    const now = Date.now();
    const at = (min: number) => new Date(now - min * 60_000);
    const add = async (name: string, from: number, to: number, status: string, parent?: string) => {
      const [row] = await db('submissions')
        .insert({
          stage_id: stage.stage_id,
          campaign_id: campaignId,
          experiment: 'samdev',
          creator: creatorId,
          created_at: at(from),
          status,
          status_at: at(to),
          parent_submission_id: parent ? ids[parent] : null,
          recovery_type: parent ? 'consumed_status' : null,
        })
        .returning('submission_id');
      ids[name] = row.submission_id;
    };
    // a and b overlap; ra recovers a, rb recovers b, rra recovers ra.
    await add('a', 120, 90, 'Located');
    await add('b', 110, 60, 'Located');
    await add('ra', 85, 50, 'Located', 'a');
    await add('rb', 55, 0, 'Running', 'b');
    await add('rra', 45, 20, 'Located', 'ra');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  for (const [width, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(
      `draws each recovery's lane right under its parent's lane (${width})`,
      { timeout: 120_000 },
      async () => {
        const page: Page = await browser.newPage({ viewport });
        try {
          page.setDefaultTimeout(60_000);
          const errors = watchErrors(page);
          await signIn(page, app.url, 'producer');
          await page.goto(`${app.url}/experiments/samdev/campaigns/${campaignId}/timeline`);
          await page.waitForSelector('#timeline[data-mode="bars"] rect[data-submission]');
          const pieces: Piece[] = await page.locator('#timeline rect[data-submission]').evaluateAll((rs) =>
            rs.map((r) => {
              const box = r.getBoundingClientRect();
              const parent = r.getAttribute('data-parent');
              return {
                submission: Number(r.getAttribute('data-submission')),
                parent: parent ? Number(parent) : null,
                lane: Number(r.getAttribute('data-lane')),
                top: box.top,
                height: box.height,
              };
            }),
          );
          const of = (name: string) => pieces.find((p) => p.submission === ids[name])!;
          expect(new Set(pieces.map((p) => p.submission))).toEqual(new Set(Object.values(ids)));
          const laneOrder = Object.keys(ids).sort((x, y) => of(x).lane - of(y).lane);
          expect(laneOrder).toEqual(['a', 'ra', 'rra', 'b', 'rb']);
          for (const p of pieces.filter((q) => q.parent !== null)) {
            const parent = pieces.find((q) => q.submission === p.parent)!;
            expect(p.lane, `#${p.submission} under #${p.parent}`).toBe(parent.lane + 1);
            // Drawn there too: the next lane down (one lane height, bar plus its gap, below).
            const laneHeight = parent.height + 2;
            expect(Math.abs(p.top - (parent.top + laneHeight)), `#${p.submission}`).toBeLessThan(1);
          }
          // Recovery lanes are shaded: one band per lane holding recoveries.
          expect(await page.locator('#timeline .poms-tl-reco').count()).toBe(3);
          await screenshot(page, `timeline-recovery-lanes-${width}`);
          expect(errors).toEqual([]);
        } finally {
          await page.close();
        }
      },
    );
  }
});
