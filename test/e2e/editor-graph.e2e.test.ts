import { describe, expect, it } from 'vitest';
import { parseCampaignIni } from '../../src/domain/ini/index.js';
import { PHONE, screenshot } from '../helpers/browser.js';
import {
  applyForm,
  clickArrow,
  clickNode,
  createdFrom,
  editorUrl,
  exported,
  formButton,
  formOpen,
  graphCounts,
  message,
  openEditor,
  save,
  shownText,
  stageNode,
  textShows,
  useEditorSession,
} from './editor-page.js';

describe('campaign editor in a real browser: graph, forms, save', () => {
  const editor = useEditorSession();

  it('draws a sample campaign: one node per stage plus the campaign, one arrow per dependency', async () => {
    const { page, errors } = await editor.signedInPage();
    const id = editor.ids.gen_reco_ana;
    await openEditor(page, editorUrl(editor.app.url, id));
    const ini = await exported(editor.app.url, id);
    const { doc } = parseCampaignIni(ini);
    expect(await graphCounts(page)).toEqual({ nodes: doc.stages.length + 1, edges: doc.dependencies.length });
    expect(await shownText(page)).toBe(ini);
    // The lower panel lists the job types (with the graph's colours) and the login setup.
    for (const jt of ['demo_gen', 'demo_reco', 'demo_ana'])
      await page.locator(`#editor-definitions [data-job-type="${jt}"]`).waitFor();
    await page.locator('#editor-definitions [data-login-setup="demo_localhost"]').waitFor();
    await screenshot(page, 'editor-desktop');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('adds a stage and an arrow, edits a field and a file pattern, saves; the export is the text shown', async () => {
    const { page, errors } = await editor.signedInPage();
    const id = editor.ids.gen_reco_ana;
    await openEditor(page, editorUrl(editor.app.url, id));
    const before = await graphCounts(page);

    await page.click('#add-stage');
    await formOpen(page, 'stage');
    await page.fill('#f-stage-name', 'merge');
    await page.selectOption('#f-job_type', 'demo_ana');
    await page.fill('#f-completion_pct', '80');
    await applyForm(page);
    await expect.poll(() => graphCounts(page)).toEqual({ nodes: before.nodes + 1, edges: before.edges });

    await page.click('#connect');
    await clickNode(page, stageNode('ana'));
    await clickNode(page, stageNode('merge'));
    await expect.poll(() => message(page)).toMatchObject({ kind: 'positive' });
    await expect.poll(() => graphCounts(page)).toEqual({ nodes: before.nodes + 1, edges: before.edges + 1 });

    await clickArrow(page, stageNode('ana'), stageNode('merge'));
    await formOpen(page, 'arrow');
    await page.fill('#f-file-pattern', 'ana_%.root');
    await applyForm(page);

    await clickNode(page, stageNode('reco'));
    await formOpen(page, 'stage');
    expect(await page.getAttribute('#f-software_version', 'placeholder')).toBe('%(version)s (inherited)');
    await page.fill('#f-software_version', 'v2');
    await applyForm(page);

    await expect.poll(() => shownText(page)).toContain('file_pattern_1=ana_%.root');
    await expect.poll(() => shownText(page)).toContain('software_version=v2');
    const shown = await shownText(page);
    expect(shown).toContain('[campaign_stage merge]\ncompletion_pct=80\njob_type=demo_ana\n');
    await expect.poll(() => page.getAttribute('#campaign-editor', 'data-dirty')).toBe('1');

    await save(page);
    expect(await page.getAttribute('#campaign-editor', 'data-dirty')).toBe('0');
    expect(await exported(editor.app.url, id)).toBe(shown);
    await openEditor(page, editorUrl(editor.app.url, id));
    expect(await shownText(page)).toBe(shown);
    expect(await graphCounts(page)).toEqual({ nodes: before.nodes + 1, edges: before.edges + 1 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses arrows to the campaign node and cycles, with a message; undo and redo', async () => {
    const { page, errors } = await editor.signedInPage();
    await openEditor(page, editorUrl(editor.app.url, editor.ids.demo));
    const start = await graphCounts(page);
    // The first click of a connection has registered (said on screen) before the second one.
    const upstreamChosen = (name: string) =>
      page.waitForFunction(
        (n) => (document.getElementById('editor-message')?.textContent ?? '').includes(`Upstream: ${n}.`),
        name,
      );
    // The demo campaign: reco → ana, reco without a split type.
    const { doc } = parseCampaignIni(await shownText(page));
    expect(doc.dependencies.map((d) => `${d.upstream}→${d.downstream}`)).toEqual(['reco→ana']);
    const [first, second] = ['reco', 'ana'];

    await page.click('#connect');
    await clickNode(page, stageNode(first));
    await clickNode(page, 'campaign');
    expect(await message(page)).toMatchObject({
      kind: 'negative',
      text: expect.stringContaining('campaign node'),
    });
    await page.click('#connect');
    await clickNode(page, stageNode(second));
    await clickNode(page, stageNode(first));
    expect(await message(page)).toMatchObject({ kind: 'negative', text: expect.stringContaining('cycle') });
    expect(await graphCounts(page)).toEqual(start);

    // A self-arrow needs a split type that advances: refused with None, drawn once one is picked.
    await page.click('#connect');
    await clickNode(page, stageNode(first));
    await upstreamChosen(first);
    await clickNode(page, stageNode(first));
    expect(await message(page)).toMatchObject({
      kind: 'negative',
      text: expect.stringContaining('split type'),
    });
    await clickNode(page, stageNode(first));
    await formOpen(page, 'stage');
    await page.click('#editor-modal [data-action="pick-split"]');
    await page.selectOption('#editor-modal .poms-split-choice', 'nfiles');
    await page.fill('#editor-modal [data-param="n"]', '2');
    await page.click('#editor-modal [data-action="use-split"]');
    expect(await page.inputValue('#f-cs_split_type')).toBe('nfiles(2)');
    await expect.poll(() => page.getAttribute('#editor-modal .poms-split-status', 'data-state')).toBe('ok');
    await applyForm(page);
    await page.click('#connect');
    await clickNode(page, stageNode(first));
    await upstreamChosen(first);
    await clickNode(page, stageNode(first));
    expect(await message(page)).toMatchObject({ kind: 'positive' });
    const afterRefusals = await graphCounts(page);
    expect(afterRefusals).toEqual({ nodes: start.nodes, edges: start.edges + 1 });

    await page.click('#add-stage');
    await formOpen(page, 'stage');
    await formButton(page, 'cancel');
    expect((await graphCounts(page)).nodes).toBe(start.nodes + 1);
    await page.click('#undo');
    expect(await graphCounts(page)).toEqual(afterRefusals);
    await page.click('#redo');
    expect((await graphCounts(page)).nodes).toBe(start.nodes + 1);
    await page.keyboard.press('Control+z');
    expect(await graphCounts(page)).toEqual(afterRefusals);
    await page.keyboard.press('Control+Shift+z');
    expect((await graphCounts(page)).nodes).toBe(start.nodes + 1);
    await expect.poll(() => shownText(page)).toContain('[campaign_stage stage]');

    // Deleting a stage removes its arrows; undo brings both back.
    await clickNode(page, stageNode(first));
    await formOpen(page, 'stage');
    await formButton(page, 'delete');
    expect((await graphCounts(page)).nodes).toBe(start.nodes);
    await page.click('#undo');
    expect((await graphCounts(page)).nodes).toBe(start.nodes + 1);
    expect((await graphCounts(page)).edges).toBe(afterRefusals.edges);

    // Leaving with unsaved changes asks first.
    let asked = '';
    page.once('dialog', (d) => {
      asked = d.type();
      void d.accept();
    });
    await page.goto(`${editor.app.url}/experiments/samdev/campaigns`);
    expect(asked).toBe('beforeunload');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renames a stage in its form: arrows follow and the saved stage keeps its row', async () => {
    const { page } = await editor.signedInPage();
    const id = editor.ids.gen_reco_ana;
    const row = await editor.app.testDb.db('stages').where({ campaign_id: id, name: 'gen' }).first();
    await openEditor(page, editorUrl(editor.app.url, id));
    const counts = await graphCounts(page);
    await clickNode(page, stageNode('gen'));
    await formOpen(page, 'stage');
    await page.fill('#f-stage-name', 'generate');
    await applyForm(page);
    expect(await graphCounts(page)).toEqual(counts);
    await expect.poll(() => shownText(page)).toContain('campaign_stage_1=generate');
    const shown = await shownText(page);
    await save(page);
    expect(await exported(editor.app.url, id)).toBe(shown);
    const renamed = await editor.app.testDb.db('stages').where({ campaign_id: id, name: 'generate' }).first();
    expect(renamed.stage_id).toBe(row.stage_id);
    await page.close();
  });

  // Waits on conditions only (the URL, the editor's data attributes and text); bounded by the page's
  // default timeout and this test's, generous for a loaded machine.
  it('saves as a new campaign and creates one from the empty editor', { timeout: 180_000 }, async () => {
    const { page, errors } = await editor.signedInPage();
    const single = editor.ids.single_stage;
    await openEditor(page, editorUrl(editor.app.url, single));
    await page.click('#save-as-new');
    await formOpen(page, 'save-as-new');
    await page.fill('#f-new-name', 'single_stage_copy');
    const copyId = await createdFrom(page, '#editor-modal #form-apply', single);
    const copy = await editor.app.testDb.db('campaigns').where({ name: 'single_stage_copy' }).first();
    expect(copy.campaign_id).toBe(copyId);
    await page.waitForSelector('#editor-graph[data-drawn="1"]');
    await page.waitForSelector('#editor-message[data-kind="positive"]');
    expect((await message(page)).text).toContain('Campaign single_stage_copy created as a copy.');

    await openEditor(page, editorUrl(editor.app.url, 'new'));
    await page.fill('#editor-name', 'drawn_here');
    await page.press('#editor-name', 'Tab');
    await page.click('#edit-campaign');
    await formOpen(page, 'campaign');
    await page.selectOption('#f-job_type', 'demo_gen');
    await page.selectOption('#f-login_setup', 'demo_localhost');
    await page.fill('#f-software_version', 'v1');
    await page.fill('#f-dataset_or_split_data', 'demo_gen_cfg');
    await page.selectOption('#f-vo_role', 'Production');
    await applyForm(page);
    await page.click('#add-stage');
    await formOpen(page, 'stage');
    await page.fill('#f-stage-name', 'only');
    await applyForm(page);
    await textShows(page, '[job_type demo_gen]');
    // The text view follows the last form too (the stage's rename) before it is compared.
    await textShows(page, '[campaign_stage only]');
    const shown = await shownText(page);
    const createdId = await createdFrom(page, '#save', 'new');
    const created = await editor.app.testDb.db('campaigns').where({ name: 'drawn_here' }).first();
    expect(created.campaign_id).toBe(createdId);
    expect(await exported(editor.app.url, createdId)).toBe(shown);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works at phone width: graph and forms without horizontal scrolling', async () => {
    const { page, errors } = await editor.signedInPage('producer', PHONE);
    await openEditor(page, editorUrl(editor.app.url, editor.ids.gen_reco_ana));
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'editor-phone');
    await clickNode(page, stageNode('reco'));
    await formOpen(page, 'stage');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'editor-phone-stage-form');
    await formButton(page, 'cancel');
    await page.click('#toggle-text');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'editor-phone-text');
    expect(errors).toEqual([]);
    await page.close();
  });
});
