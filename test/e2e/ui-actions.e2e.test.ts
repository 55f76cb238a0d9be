import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../src/db/stores/submission-store.js';
import { DESKTOP, launchBrowser, PHONE, screenshot, signIn, watchErrors } from '../helpers/browser.js';
import {
  runUntil,
  stageId,
  startSimApp,
  step,
  type SimApp,
} from '../integration/overview/overview-fixture.js';

const E = '/experiments/samdev';

// Issue 17 defects on the pages people act from: the launch log right after a launch, and hold /
// release / kill on a submission and on the shifter page (stay on the page, say what happened).
describe('launch log and job actions in a real browser (simulator, manual clock)', () => {
  let h: SimApp;
  let browser: Browser;
  let reco: number;
  const pages: Page[] = [];
  const sub = (id: number) => h.testDb.db<SubmissionRow>('submissions').where({ submission_id: id }).first();

  beforeAll(async () => {
    h = await startSimApp();
    browser = await launchBrowser();
    reco = await stageId(h, 'demo', 'reco');
  }, 120_000);
  afterEach(async () => {
    for (const p of pages.splice(0)) await p.close();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function open(viewport: typeof DESKTOP, user: string, path: string) {
    const page = await browser.newPage({ viewport });
    pages.push(page);
    page.setDefaultTimeout(60_000);
    const errors = watchErrors(page);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, h.url, user);
    await page.goto(h.url + path);
    await page.waitForLoadState('networkidle');
    return { page, errors };
  }
  const flashes = (page: Page) =>
    page
      .locator('.poms-flash')
      .evaluateAll((els) =>
        els.map((e) => ({ cls: e.className, text: e.textContent!.replace(/\s+/g, ' ').trim() })),
      );

  it('shows the real status on the launch log right after a launch, and its change without reload', async () => {
    const { page, errors } = await open(DESKTOP, 'producer', `${E}/stages/${reco}`);
    await Promise.all([
      page.waitForURL(/\/submissions\/\d+\/log$/),
      page.locator('form[action$="/launch"]:not(:has(input[name=test])) button').first().click(),
    ]);
    const sid = Number(/submissions\/(\d+)\/log/.exec(page.url())![1]);
    await h.services.runner.idle();
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect((await sub(sid))!.status).toBe('New');
    expect(await page.locator('#launch-state').textContent()).toMatch(
      /^finished, exit code 0: submitted as \S+, waiting for the grid to report its jobs$/,
    );
    expect(await page.locator('#abort-form').isVisible()).toBe(false);
    expect(await page.locator('#launch-status [data-status]').getAttribute('data-status')).toBe('New');
    await screenshot(page, 'launch-log-desktop');
    // The grid reports the jobs: the page shows it without a reload.
    await runUntil(h, async () => (await sub(sid))!.status !== 'New');
    const now = (await sub(sid))!.status;
    await expect
      .poll(() => page.locator('#launch-status [data-status]').getAttribute('data-status'), {
        timeout: 30_000,
      })
      .toBe(now);
    expect(await page.locator('#abort-form').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('holds, releases and kills from the submission page, staying there and saying what happened', async () => {
    const producer = await h.user('producer');
    const out = (await h.services.launchActions.launch(producer, reco, {}, 'samdev')) as {
      submissionId: number;
    };
    const sid = out.submissionId;
    await runUntil(h, async () => (await sub(sid))!.status === 'Running');
    const path = `${E}/submissions/${sid}`;
    const { page, errors } = await open(PHONE, 'producer', path);
    const act = async (label: string) => {
      await Promise.all([
        page.waitForURL((u) => u.pathname === path, { waitUntil: 'load' }),
        page.locator('#submission-actions button', { hasText: new RegExp(`^${label}$`) }).click(),
      ]);
      return flashes(page);
    };
    const held = await act('Hold');
    expect(held).toHaveLength(1);
    expect(held[0]).toEqual({
      cls: expect.stringContaining('positive'),
      text: 'Held 4 of 4 jobs of submission ' + sid + '.',
    });
    await runUntil(h, async () => (await sub(sid))!.status === 'Held');
    await page.reload();
    const released = await act('Release');
    expect(released).toEqual([
      { cls: expect.stringContaining('positive'), text: `Released 4 of 4 jobs of submission ${sid}.` },
    ]);
    await runUntil(h, async () => (await sub(sid))!.status === 'Running');
    await page.reload();
    await screenshot(page, 'submission-after-release-phone');
    const killed = await act('Kill');
    expect(killed).toEqual([
      { cls: expect.stringContaining('positive'), text: `Killed 4 of 4 jobs of submission ${sid}.` },
    ]);
    expect((await sub(sid))!.status).toBe('Removed');
    expect(errors).toEqual([]);
  });

  it('releases from the shifter page and stays on it', async () => {
    const producer = await h.user('producer');
    const out = (await h.services.launchActions.launch(producer, reco, {}, 'samdev')) as {
      submissionId: number;
    };
    const sid = out.submissionId;
    await runUntil(h, async () => (await sub(sid))!.status === 'Running');
    await h.services.jobs.control(producer, 'samdev', { kind: 'submission', id: sid }, 'hold');
    await runUntil(h, async () => (await sub(sid))!.status === 'Held');
    await step(h);
    const { page, errors } = await open(DESKTOP, 'shifter', `${E}/shifter`);
    const release = async () => {
      await Promise.all([
        page.waitForURL((u) => u.pathname === `${E}/shifter`, { waitUntil: 'load' }),
        page
          .locator(`.poms-item:has(a[href$="/submissions/${sid}"])`)
          .first()
          .locator('button', { hasText: 'Release' })
          .click(),
      ]);
      return flashes(page);
    };
    expect(await release()).toEqual([
      { cls: expect.stringContaining('positive'), text: `Released 4 of 4 jobs of submission ${sid}.` },
    ]);
    // A second shifter, or a second tap, before Lens has seen the release: nothing left to release.
    expect(await release()).toEqual([
      {
        cls: expect.stringContaining('info'),
        text: `Nothing to release: jobsub found no held jobs in submission ${sid}.`,
      },
    ]);
    await screenshot(page, 'shifter-after-release-desktop');
    expect(errors).toEqual([]);
  });
});
