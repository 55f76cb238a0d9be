import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCampaignIni } from '../../src/domain/ini/index.js';
import { DESKTOP, launchBrowser, signIn, watchErrors } from '../helpers/browser.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { campaignFiles, readCampaignFile, withRealCorpus } from '../helpers/campaign-files.js';
import { importCorpusFile } from '../integration/editor/editor-test-helpers.js';
import { editorUrl, exported, graphCounts, openEditor, save, shownText } from './editor-page.js';

// Every campaign file (ours, and the real corpus when present), imported into samdev, opened in the editor and saved without changes:
// the export stays byte for byte the same.
describe('campaign editor over the .ini corpus, in a real browser', () => {
  let app: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  withRealCorpus('the editor over the real files', () => {});
  it.each(campaignFiles())('%s: open and save unchanged keeps the export', async (file) => {
    const id = await importCorpusFile(app.url, 'samdev', readCampaignFile(file));
    const before = await exported(app.url, id);
    const { doc } = parseCampaignIni(before);
    const page = await browser.newPage({ viewport: DESKTOP });
    const errors = watchErrors(page);
    await signIn(page, app.url, 'producer');
    await openEditor(page, editorUrl(app.url, id));
    expect(await graphCounts(page)).toEqual({ nodes: doc.stages.length + 1, edges: doc.dependencies.length });
    expect(await shownText(page)).toBe(before);
    await save(page);
    expect(await exported(app.url, id)).toBe(before);
    expect(await shownText(page)).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });
});
