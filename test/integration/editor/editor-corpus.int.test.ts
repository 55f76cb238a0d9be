import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { campaignFiles, readCampaignFile, withRealCorpus } from '../../helpers/campaign-files.js';
import { exportIni } from '../campaigns/campaign-test-helpers.js';
import { editorApi, importCorpusFile, loadEditor, saveEditor } from './editor-test-helpers.js';

// Every campaign file (ours, and the real corpus when present): what the editor loads is the export, renders to the export, and saving
// it unchanged leaves the export unchanged, byte for byte. (The browser suite does the same through
// the page: test/e2e/editor-corpus.e2e.test.ts.)
describe('campaign editor over the .ini corpus', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  withRealCorpus('the editor over the real files', () => {});
  it.each(campaignFiles())('%s: load, render and save unchanged keep the export', async (file) => {
    const id = await importCorpusFile(app.url, 'samdev', readCampaignFile(file));
    const exported = (await exportIni(app.url, 'samdev', id)).text;
    const data = await loadEditor(app.url, 'samdev', id);
    expect(data.ini).toBe(exported);
    const rendered = await api(app.url, 'POST', `${editorApi('samdev')}/ini/render`, {
      user: 'producer',
      body: { document: data.document },
    });
    expect(rendered.json.text).toBe(exported);
    const saved = await saveEditor(app.url, 'samdev', id, {
      document: data.document,
      renames: [],
      version: data.version,
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.report).toMatchObject({ created: [], detached: [], removed: [] });
    expect((await exportIni(app.url, 'samdev', id)).text).toBe(exported);
  });
});
