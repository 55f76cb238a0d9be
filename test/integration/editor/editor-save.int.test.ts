import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { api, BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';
import { dumpConfig, exportIni } from '../campaigns/campaign-test-helpers.js';
import { editorApi, loadEditor, saveEditor } from './editor-test-helpers.js';

const E = editorApi('samdev');

/** What the page script does before every save: stage list = stages, arrows in stage order. */
function canonical(doc: any) {
  doc.campaign.stageListHint = doc.stages.map((s: { name: string }) => s.name);
  const at = (name: string) => doc.stages.findIndex((s: { name: string }) => s.name === name);
  doc.dependencies.sort((a: any, b: any) => at(a.downstream) - at(b.downstream));
  return doc;
}

function rename(doc: any, from: string, to: string) {
  for (const s of doc.stages) if (s.name === from) s.name = to;
  for (const d of doc.dependencies) {
    if (d.upstream === from) d.upstream = to;
    if (d.downstream === from) d.downstream = to;
  }
  for (const p of doc.nodePositions) if (p.id === from) p.id = to;
  return canonical(doc);
}

describe('campaign editor: saving', () => {
  let app: TestApp;
  let id: number;
  let data: any;
  const render = async (doc: unknown) =>
    (await api(app.url, 'POST', `${E}/ini/render`, { user: 'producer', body: { document: doc } })).json;
  const stageIds = async () =>
    Object.fromEntries(
      (await app.testDb.db('stages').where({ campaign_id: id }).select('name', 'stage_id')).map(
        (r: { name: string; stage_id: number }) => [r.name, r.stage_id],
      ),
    );

  beforeAll(async () => {
    app = await startTestApp();
    await seedDemoCampaigns(app.testDb.db);
    id = (await app.testDb.db('campaigns').where({ name: 'gen_reco_ana' }).first()).campaign_id;
  });
  beforeEach(async () => {
    data = await loadEditor(app.url, 'samdev', id);
  });
  afterAll(async () => app?.close());

  it('saves an unchanged document without changing the export', async () => {
    const r = await saveEditor(app.url, 'samdev', id, {
      document: data.document,
      renames: [],
      version: data.version,
    });
    expect(r.status).toBe(200);
    expect(r.json.report).toMatchObject({
      campaign_id: id,
      created: [],
      updated: [],
      detached: [],
      removed: [],
    });
    expect(r.json.ini).toBe(data.ini);
    expect(r.json.version).toBe(data.version);
    expect((await exportIni(app.url, 'samdev', id)).text).toBe(data.ini);
  });

  it('adds a stage and an arrow and edits a field: the export is the text the editor showed', async () => {
    const doc = structuredClone(data.document);
    doc.stages.push({ name: 'merge', jobType: 'demo_ana', completionPct: 80 });
    doc.dependencies.push({ upstream: 'ana', downstream: 'merge', filePattern: 'ana_%.root' });
    doc.stages.find((s: { name: string }) => s.name === 'reco').softwareVersion = 'v2';
    doc.nodePositions.push({ id: 'merge', x: 750, y: 0 });
    const shown = await render(canonical(doc));
    expect(shown.problems).toEqual([]);
    const r = await saveEditor(app.url, 'samdev', id, { document: doc, renames: [], version: data.version });
    expect(r.status).toBe(200);
    expect(r.json.report.created).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'stage', name: 'merge' })]),
    );
    expect(r.json.ini).toBe(shown.text);
    expect((await exportIni(app.url, 'samdev', id)).text).toBe(shown.text);
  });

  it('renames stages in place: same rows (history kept), arrows and positions follow, swaps too', async () => {
    const before = await stageIds();
    const doc = rename(structuredClone(data.document), 'reco', 'reconstruct');
    const r = await saveEditor(app.url, 'samdev', id, {
      document: doc,
      renames: [{ from: 'reco', to: 'reconstruct' }],
      version: data.version,
    });
    expect(r.status).toBe(200);
    expect(r.json.renamed).toEqual([{ from: 'reco', to: 'reconstruct' }]);
    expect(r.json.report.detached).toEqual([]);
    expect((await stageIds()).reconstruct).toBe(before.reco);
    expect(r.json.ini).toBe((await render(doc)).text);

    const again = await loadEditor(app.url, 'samdev', id);
    const swapped = rename(
      rename(rename(structuredClone(again.document), 'gen', 'tmp'), 'ana', 'gen'),
      'tmp',
      'ana',
    );
    const s = await saveEditor(app.url, 'samdev', id, {
      document: swapped,
      renames: [
        { from: 'gen', to: 'ana' },
        { from: 'ana', to: 'gen' },
      ],
      version: again.version,
    });
    expect(s.status).toBe(200);
    const after = await stageIds();
    expect([after.ana, after.gen]).toEqual([before.gen, before.ana]);
  });

  it('renames the campaign itself, and refuses a name another campaign has', async () => {
    const doc = structuredClone(data.document);
    doc.campaign.name = 'gen_reco_ana_v2';
    const r = await saveEditor(app.url, 'samdev', id, { document: doc, renames: [], version: data.version });
    expect(r.status).toBe(200);
    expect(r.json.campaign_id).toBe(id);
    expect(r.json.document.campaign.name).toBe('gen_reco_ana_v2');
    const before = await dumpConfig(app.testDb.db);
    doc.campaign.name = 'demo';
    const clash = await saveEditor(app.url, 'samdev', id, {
      document: doc,
      renames: [],
      version: r.json.version,
    });
    expect(clash.status).toBe(409);
    const line = (await render(doc)).text.split('\n').indexOf('name=demo') + 1;
    expect(clash.json.error.details[0]).toMatchObject({ section: 'campaign', key: 'name', line });
    expect(await dumpConfig(app.testDb.db)).toEqual(before);
  });

  it('refuses, writing nothing: a stale version, a cycle, an unknown job type, a user who may not', async () => {
    const before = await dumpConfig(app.testDb.db);
    const stale = await saveEditor(app.url, 'samdev', id, {
      document: data.document,
      renames: [],
      version: 'f'.repeat(20),
    });
    expect(stale.status).toBe(409);
    expect(stale.json.error.message).toMatch(/changed since the editor loaded it/);

    const cyclic = structuredClone(data.document);
    cyclic.dependencies.push({
      downstream: cyclic.stages[0].name,
      upstream: cyclic.stages[2].name,
      filePattern: '%',
    });
    const cycle = await saveEditor(app.url, 'samdev', id, { document: canonical(cyclic), renames: [] });
    expect(cycle.status).toBe(400);
    expect(cycle.json.error.details[0].message).toMatch(/Dependency cycle/);
    const text = (await render(cyclic)).text.split('\n');
    expect(text[cycle.json.error.details[0].line - 1]).toMatch(/^campaign_stage_\d=/);

    const unknown = structuredClone(data.document);
    unknown.stages[1].jobType = 'no_such_job_type';
    const missing = await saveEditor(app.url, 'samdev', id, { document: unknown, renames: [] });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toMatch(/no_such_job_type/);

    const analyst = await saveEditor(
      app.url,
      'samdev',
      id,
      { document: data.document, renames: [] },
      'analyst',
    );
    expect(analyst.status).toBe(403);
    expect(await dumpConfig(app.testDb.db)).toEqual(before);
  });

  it('checks a save without writing (dry run), for this campaign or a new one', async () => {
    const before = await dumpConfig(app.testDb.db);
    const doc = structuredClone(data.document);
    doc.stages.push({ name: 'later', jobType: 'demo_ana' });
    const ok = await api(app.url, 'POST', `${E}/editor/check`, {
      user: 'producer',
      body: { document: canonical(doc), renames: [], version: data.version, campaign_id: id },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.dry_run).toBe(true);
    expect(ok.json.ini).toContain('[campaign_stage later]');
    const taken = await api(app.url, 'POST', `${E}/editor/check`, {
      user: 'producer',
      body: { document: doc, renames: [] },
    });
    expect(taken.status).toBe(409);
    expect(await dumpConfig(app.testDb.db)).toEqual(before);
  });

  it('creates a campaign from a document (also "save as new"), refusing a taken name', async () => {
    const doc = structuredClone(data.document);
    doc.campaign.name = 'copy_of_gen_reco_ana';
    delete doc.campaign.pomsRole;
    for (const p of doc.nodePositions)
      if (p.id.startsWith('campaign ')) p.id = 'campaign copy_of_gen_reco_ana';
    const r = await saveEditor(app.url, 'samdev', null, { document: doc, renames: [] });
    expect(r.status).toBe(201);
    expect(r.json.campaign_id).not.toBe(id);
    const exported = (await exportIni(app.url, 'samdev', r.json.campaign_id)).text;
    expect(exported).toBe(r.json.ini);
    expect(exported).toBe(
      (await render({ ...doc, campaign: { ...doc.campaign, pomsRole: 'production' } })).text,
    );
    const again = await saveEditor(app.url, 'samdev', null, { document: doc, renames: [] });
    expect(again.status).toBe(409);
  });

  it('needs the CSRF token when the session cookie authenticates the save', async () => {
    const producer = new BrowserLikeClient(app.url);
    await producer.signIn('producer');
    const r = await producer.post(`${E}/${id}/editor`, {}, { csrf: false });
    expect(r.status).toBe(403);
  });
});
