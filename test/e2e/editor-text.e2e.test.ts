import { describe, expect, it } from 'vitest';
import { screenshot } from '../helpers/browser.js';
import {
  applyForm,
  editorUrl,
  exported,
  graphCounts,
  message,
  openEditor,
  save,
  shownText,
  useEditorSession,
} from './editor-page.js';

describe('campaign editor in a real browser: the .ini text view', () => {
  const editor = useEditorSession();

  it('shows parse errors with their line and keeps the graph; text that parses redraws the graph', async () => {
    const id = editor.ids.gen_reco_ana;
    // The parse endpoint answers 400 for text that does not parse; the browser logs that request.
    const { page, errors } = await editor.signedInPage();
    await openEditor(page, editorUrl(editor.app.url, id));
    const counts = await graphCounts(page);
    await page.click('#toggle-text');
    expect(await page.isVisible('#ini-text')).toBe(true);

    const good = await shownText(page);
    const lines = good.split('\n');
    const at = lines.indexOf('[campaign_stage reco]') + 2; // 1-based line after the header
    lines.splice(at - 1, 0, 'this line has no equals sign');
    await page.fill('#ini-text', lines.join('\n'));
    await expect.poll(() => page.getAttribute('#ini-status', 'data-state')).toBe('errors');
    const shown = (await page.textContent('#ini-errors')) ?? '';
    expect(shown).toContain(`line ${at} [campaign_stage reco]`);
    expect(await page.getAttribute('#editor-graph', 'data-drawn')).toBe('1');
    expect(await graphCounts(page)).toEqual(counts);
    await screenshot(page, 'editor-text-error-desktop');

    // A save is refused while the text does not parse.
    await page.click('#save');
    await expect.poll(async () => (await message(page)).text).toContain('The text has errors');
    expect(await exported(editor.app.url, id)).toBe(good);

    // Text that parses: a new stage with an arrow appears in the graph.
    const added = good.replace(
      '[login_setup demo_localhost]',
      '[campaign_stage extra]\njob_type=demo_ana\n\n[dependencies extra]\ncampaign_stage_1=ana\nfile_pattern_1=ana_%.root\n\n[login_setup demo_localhost]',
    );
    await page.fill('#ini-text', added);
    await expect.poll(() => graphCounts(page)).toEqual({ nodes: counts.nodes + 1, edges: counts.edges + 1 });
    expect(await page.getAttribute('#ini-status', 'data-state')).toBe('ok');
    expect(await page.isVisible('#ini-errors')).toBe(false);

    // Undo takes the text edit back (graph and text), redo brings it again.
    await page.click('#undo');
    expect(await graphCounts(page)).toEqual(counts);
    await expect.poll(() => shownText(page)).toBe(good);
    await page.click('#redo');
    expect(await graphCounts(page)).toEqual({ nodes: counts.nodes + 1, edges: counts.edges + 1 });

    // Saved from the text, then the export is what the editor shows (in the export's order).
    await save(page);
    const after = await shownText(page);
    expect(after).toContain('[campaign_stage extra]');
    expect(await exported(editor.app.url, id)).toBe(after);
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.close();
  });

  it('shows the problems a save would refuse, with links to their lines', async () => {
    const id = editor.ids.gen_reco_ana;
    const { page } = await editor.signedInPage();
    await openEditor(page, editorUrl(editor.app.url, id));
    await page.click('#add-stage');
    await page.waitForSelector('#editor-modal.visible.active[data-form="stage"]');
    await page.fill('#f-stage-name', 'no_job_type');
    await applyForm(page);
    // The problems are checked again after the rename: wait for the renamed stage's, not the first.
    await expect
      .poll(() => page.textContent('#editor-problems'))
      .toContain('[campaign_stage no_job_type] job_type');
    expect(await page.getAttribute('#editor-problems', 'data-count')).toBe('1');
    await page.click('#editor-problems a');
    expect(await page.isVisible('#ini-text')).toBe(true);
    const selected = await page.evaluate(() => {
      const area = document.getElementById('ini-text') as HTMLTextAreaElement;
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    expect(selected).toBe('[campaign_stage no_job_type]');
    await page.click('#check');
    await expect.poll(async () => (await message(page)).kind).toBe('negative');
    expect((await message(page)).text).toContain('no job_type');
    await page.close();
  });

  it('checks the chain of the unsaved text: its stages and dependencies, or the line it cannot read', async () => {
    const id = editor.ids.single_stage;
    const { page, errors } = await editor.signedInPage();
    await openEditor(page, editorUrl(editor.app.url, id));
    await page.click('#toggle-text');
    const good = await shownText(page);
    const added = good.replace(
      '[login_setup demo_localhost]',
      '[campaign_stage extra]\njob_type=demo_reco\n\n[dependencies extra]\ncampaign_stage_1=reco\nfile_pattern_1=%.art\n\n[login_setup demo_localhost]',
    );
    await page.fill('#ini-text', added);
    await expect.poll(() => page.getAttribute('#ini-status', 'data-state')).toBe('ok');
    await page.click('#check-chain');
    await expect.poll(async () => (await message(page)).text).toContain('Check chain (nothing was saved');
    const shown = await message(page);
    expect(shown.kind).toBe('warning');
    expect(shown.text).toContain('Stage reco: 0 files of demo_raw');
    expect(shown.text).toContain('Stage extra: 0 files');
    expect(shown.text).toContain('the pattern %.art of extra can match no output of reco');

    const broken = added.replace('file_pattern_1=%.art', 'file_pattern_1=%.art\nno equals sign here');
    await page.fill('#ini-text', broken);
    await expect.poll(() => page.getAttribute('#ini-status', 'data-state')).toBe('errors');
    await page.click('#check-chain');
    await expect.poll(async () => (await message(page)).text).toContain('The chain cannot be checked');
    const line = broken.split('\n').indexOf('no equals sign here') + 1;
    expect((await message(page)).text).toContain(`line ${line} [dependencies extra]`);
    expect(await exported(editor.app.url, id)).toBe(good);
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await page.close();
  });
});
