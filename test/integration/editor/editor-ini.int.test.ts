import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { api } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { dumpConfig } from '../campaigns/campaign-test-helpers.js';
import { editorApi, loadEditor } from './editor-test-helpers.js';

const E = editorApi('samdev');

describe('campaign editor: the .ini bridge (parse and render, pure)', () => {
  let app: TestApp;
  let data: any;
  beforeAll(async () => {
    app = await startTestApp();
    await seedDemoCampaigns(app.testDb.db);
    const id = (await app.testDb.db('campaigns').where({ name: 'gen_reco_ana' }).first()).campaign_id;
    data = await loadEditor(app.url, 'samdev', id);
  });
  afterAll(async () => app?.close());

  it('parses text into the document the editor loaded, and renders it back to the same text', async () => {
    const before = await dumpConfig(app.testDb.db);
    const parsed = await api(app.url, 'POST', `${E}/ini/parse`, {
      user: 'producer',
      body: { text: data.ini },
    });
    expect(parsed.status).toBe(200);
    expect(parsed.json.problems).toEqual([]);
    const rendered = await api(app.url, 'POST', `${E}/ini/render`, {
      user: 'producer',
      body: { document: parsed.json.document },
    });
    expect(rendered.json).toEqual({ text: data.ini, problems: [], warnings: [] });
    expect(await dumpConfig(app.testDb.db)).toEqual(before);
  });

  it('refuses text that does not parse with every problem and its line', async () => {
    const text = data.ini.replace(
      '[campaign_stage reco]',
      '[campaign_stage reco]\nno equals sign here\ncompletion_pct=250',
    );
    const r = await api(app.url, 'POST', `${E}/ini/parse`, { user: 'producer', body: { text } });
    expect(r.status).toBe(400);
    const line = text.split('\n').indexOf('no equals sign here') + 1;
    expect(r.json.error.details[0]).toMatchObject({ line, section: 'campaign_stage reco' });
    expect(r.json.error.details.some((d: { key?: string }) => d.key === 'completion_pct')).toBe(true);
  });

  it('reports what a save would refuse in a rendered document: cycles, missing fields, split types', async () => {
    const doc = structuredClone(data.document);
    doc.dependencies.push({ downstream: 'gen', upstream: 'ana', filePattern: '%' });
    doc.stages.push({ name: 'extra', csSplitType: 'mod(0)' });
    const r = await api(app.url, 'POST', `${E}/ini/render`, { user: 'producer', body: { document: doc } });
    expect(r.status).toBe(200);
    expect(r.json.text).toContain('[campaign_stage extra]');
    const messages = r.json.problems.map((p: { message: string }) => p.message).join('\n');
    expect(messages).toMatch(/Dependency cycle: .*gen/);
    const cycle = r.json.problems.find((p: { message: string }) => /cycle/.test(p.message));
    expect(r.json.text.split('\n')[cycle.line - 1]).toMatch(/^campaign_stage_\d=(gen|reco|ana)$/);

    doc.dependencies.pop();
    const again = await api(app.url, 'POST', `${E}/ini/render`, {
      user: 'producer',
      body: { document: doc },
    });
    const keys = again.json.problems.map((p: { section: string; key: string }) => `${p.section}/${p.key}`);
    expect(keys).toEqual(
      expect.arrayContaining(['campaign_stage extra/job_type', 'campaign_stage extra/cs_split_type']),
    );
    for (const p of again.json.problems)
      expect(again.json.text.split('\n')[p.line - 1]).toMatch(
        new RegExp(`^(${p.key}=|\\[campaign_stage extra\\])`),
      );
  });

  it('refuses a document of the wrong shape with the field named', async () => {
    const doc = structuredClone(data.document);
    doc.stages[0].completionPct = 'lots';
    const r = await api(app.url, 'POST', `${E}/ini/render`, { user: 'producer', body: { document: doc } });
    expect(r.status).toBe(400);
    expect(r.json.error.details[0].field).toBe('document.stages.0.completionPct');
  });
});
