import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { seedDemoCampaigns } from '../../src/services/demo/demo-campaigns.js';
import { DESKTOP, launchBrowser, signIn, watchErrors } from '../helpers/browser.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Driving the campaign editor page in the browser tests (test/e2e/editor-*.e2e.test.ts).

export interface EditorSession {
  readonly app: TestApp;
  /** The demo campaigns' ids by name (gen_reco_ana, single_stage, …). */
  readonly ids: Record<string, number>;
  /** A new page signed in as `username`, collecting its console errors. */
  signedInPage(username?: string, viewport?: typeof DESKTOP): Promise<{ page: Page; errors: string[] }>;
}

/**
 * For a describe block: starts the app with the demo campaigns and a browser before its tests,
 * closes both after them.
 */
export function useEditorSession(): EditorSession {
  let app: TestApp;
  let browser: Browser;
  let ids: Record<string, number>;
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemoCampaigns(app.testDb.db);
    const rows = await app.testDb.db('campaigns').select('name', 'campaign_id');
    ids = Object.fromEntries(rows.map((r: { name: string; campaign_id: number }) => [r.name, r.campaign_id]));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      return app;
    },
    get ids() {
      return ids;
    },
    async signedInPage(username = 'producer', viewport = DESKTOP) {
      const page = await browser.newPage({ viewport });
      page.setDefaultTimeout(60_000); // the CI machine may be busy: generous, not a speed assertion
      const errors = watchErrors(page);
      await signIn(page, app.url, username);
      return { page, errors };
    },
  };
}

export const editorUrl = (base: string, id: number | 'new', exp = 'samdev') =>
  `${base}/experiments/${exp}/campaigns/${id}/editor`;

/** Opens the editor and waits until vis-network has drawn the graph and the text view holds the .ini. */
export async function openEditor(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('#editor-graph[data-drawn="1"]');
  // Conditions, not times: the text holds the .ini and the graph is not moving (fit animation).
  await page.waitForFunction(() =>
    (document.getElementById('ini-text') as HTMLTextAreaElement).value.includes('[campaign]'),
  );
  await graphAtRest(page);
}

/** Waits until the graph is not being fitted (nodes moving on the screen, where clicks miss). */
export async function graphAtRest(page: Page): Promise<void> {
  await page.waitForSelector('#editor-graph[data-drawn="1"]:not([data-fitting])');
}

export async function graphCounts(page: Page): Promise<{ nodes: number; edges: number }> {
  const d = await page.locator('#editor-graph').evaluate((el: HTMLElement) => ({ ...el.dataset }));
  return { nodes: Number(d.nodes), edges: Number(d.edges) };
}

/** Where a graph node is on the page (vis-network canvas coordinates → page coordinates). */
export async function nodePoint(page: Page, id: string): Promise<{ x: number; y: number }> {
  await graphAtRest(page);
  // data-drawn stays from the last drawing: a node just added may not have a position yet.
  await page.waitForFunction(
    (nodeId) => (window as any).campaignEditor?.network?.getPositions([nodeId])[nodeId] !== undefined,
    id,
  );
  return page.evaluate((nodeId) => {
    const network = (window as any).campaignEditor.network;
    const p = network.canvasToDOM(network.getPositions([nodeId])[nodeId]);
    const box = document.getElementById('editor-graph')!.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
}

export async function clickNode(page: Page, id: string): Promise<void> {
  const p = await nodePoint(page, id);
  await page.mouse.click(p.x, p.y);
}

/** Clicks an arrow halfway between its nodes (where its label is). */
export async function clickArrow(page: Page, from: string, to: string): Promise<void> {
  const a = await nodePoint(page, from);
  const b = await nodePoint(page, to);
  await page.mouse.click((a.x + b.x) / 2, (a.y + b.y) / 2);
}

export const stageNode = (name: string) => `s:${name}`;

/** Waits for the modal form of `kind` (stage, campaign, arrow, …) to be open. */
export async function formOpen(page: Page, kind: string): Promise<void> {
  await page.waitForSelector(`#editor-modal.visible.active[data-form="${kind}"]`);
}

/** Waits until the modal and its dimmer are gone (a click during the fade lands on the dimmer). */
export async function modalClosed(page: Page): Promise<void> {
  await page.waitForSelector('#editor-modal', { state: 'hidden' });
  await page.waitForFunction(() => {
    const dimmer = document.querySelector('.ui.dimmer.modals');
    return !dimmer || !(dimmer.classList.contains('active') || dimmer.classList.contains('animating'));
  });
}

export async function applyForm(page: Page): Promise<void> {
  await page.click('#editor-modal #form-apply');
  await modalClosed(page);
}

/** Closes the open form with one of its buttons (cancel, delete, duplicate). */
export async function formButton(page: Page, button: 'cancel' | 'delete' | 'duplicate'): Promise<void> {
  await page.click(`#editor-modal #form-${button}`);
  await modalClosed(page);
}

export const shownText = (page: Page) => page.inputValue('#ini-text');

export async function message(page: Page): Promise<{ kind: string; text: string }> {
  const box = page.locator('#editor-message');
  return { kind: (await box.getAttribute('data-kind')) ?? '', text: (await box.textContent()) ?? '' };
}

/** Waits until the text view holds `text` (the editor re-renders it after each change). */
export async function textShows(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (t) => (document.getElementById('ini-text') as HTMLTextAreaElement).value.includes(t),
    text,
  );
}

/**
 * Clicks `selector` and waits for the editor to open another campaign's editor page (a save that
 * creates one), returning its id; fails at once with the editor's message if the save is refused.
 */
export async function createdFrom(page: Page, selector: string, from: number | 'new'): Promise<number> {
  const created = (u: URL) => {
    const m = /\/campaigns\/(\d+)\/editor$/.exec(u.pathname);
    return m !== null && m[1] !== String(from);
  };
  const navigated = page.waitForURL(created, { waitUntil: 'load' });
  const refused = page
    .waitForSelector('#editor-message[data-kind="negative"]')
    .then(async () => `refused: ${(await message(page)).text}`);
  navigated.catch(() => {});
  refused.catch(() => {});
  await page.click(selector);
  const outcome = await Promise.race([navigated.then(() => 'created'), refused]);
  expect(outcome).toBe('created');
  return Number(/\/campaigns\/(\d+)\/editor$/.exec(new URL(page.url()).pathname)![1]);
}

export async function save(page: Page): Promise<void> {
  await page.click('#save');
  // However long a loaded machine takes to answer: the test's own timeout bounds the wait.
  await page.waitForFunction(() =>
    /Saved\.|Not saved/.test(document.getElementById('editor-message')?.textContent ?? ''),
  );
  expect((await message(page)).text).toContain('Saved.');
}

/** The export as the API gives it (what GET …/ini answers), as a script would fetch it. */
export async function exported(base: string, id: number, exp = 'samdev'): Promise<string> {
  const res = await fetch(`${base}/api/v1/experiments/${exp}/campaigns/${id}/ini`, {
    headers: { 'x-remote-user': 'producer' },
  });
  return res.text();
}
