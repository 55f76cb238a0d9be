import { describe, expect, it } from 'vitest';
import { parseCampaignIni } from '../../src/domain/ini/index.js';
import {
  applyForm,
  clickArrow,
  clickNode,
  editorUrl,
  exported,
  formButton,
  formOpen,
  graphCounts,
  openEditor,
  save,
  shownText,
  stageNode,
  useEditorSession,
} from './editor-page.js';

describe('campaign editor in a real browser: duplicate, delete an arrow, definitions, keywords, focus', () => {
  const editor = useEditorSession();

  it('duplicates a stage, deletes an arrow, edits a job type ladder and the keywords; saves all', async () => {
    const id = editor.ids.gen_reco_ana;
    const { page, errors } = await editor.signedInPage();
    await openEditor(page, editorUrl(editor.app.url, id));
    const start = await graphCounts(page);

    await clickNode(page, stageNode('reco'));
    await formOpen(page, 'stage');
    await formButton(page, 'duplicate');
    expect(await graphCounts(page)).toEqual({ nodes: start.nodes + 1, edges: start.edges });
    await expect.poll(() => shownText(page)).toContain('[campaign_stage reco_copy]\njob_type=demo_reco\n');

    await clickArrow(page, stageNode('reco'), stageNode('ana'));
    await formOpen(page, 'arrow');
    await formButton(page, 'delete');
    expect(await graphCounts(page)).toEqual({ nodes: start.nodes + 1, edges: start.edges - 1 });

    // The lower panel opens the job type: a second recovery rung with an override, a parameter.
    await page.click('#editor-definitions [data-job-type="demo_reco"]');
    await formOpen(page, 'job-type');
    await page.click('#editor-modal [data-action="add-recovery"]');
    const rung = page.locator('#editor-modal .poms-recovery-rung').nth(1);
    await rung.locator('select').selectOption('pending_files');
    await rung.locator('[data-action="add-pair"]').click();
    await rung.locator('.poms-pair-a').fill('-Oglobal.retry=');
    await rung.locator('.poms-pair-b').fill('1');
    const params = page.locator('#editor-modal [data-pairs="parameters"]');
    await params.locator('[data-action="add-pair"]').click();
    await params.locator('.poms-pair-a').last().fill('--memory=');
    await params.locator('.poms-pair-b').last().fill('2GB');
    await applyForm(page);

    // Keywords and a default in the campaign node's form.
    await clickNode(page, 'campaign');
    await formOpen(page, 'campaign');
    const keywords = page.locator('#editor-modal [data-pairs="keywords"]');
    await keywords.locator('[data-action="add-pair"]').click();
    await keywords.locator('.poms-pair-a').last().fill('dataset_tag');
    await keywords.locator('.poms-pair-b').last().fill('mc1');
    await page.fill('#editor-modal #f-completion_pct', '90');
    await applyForm(page);

    await expect.poll(() => shownText(page)).toContain('"dataset_tag": "mc1"');
    const shown = await shownText(page);
    const { doc } = parseCampaignIni(shown);
    expect(doc.jobTypes.find((j) => j.name === 'demo_reco')).toMatchObject({
      recoveries: [
        { recoveryType: 'consumed_status', paramOverrides: [] },
        { recoveryType: 'pending_files', paramOverrides: [['-Oglobal.retry=', '1']] },
      ],
    });
    expect(doc.jobTypes.find((j) => j.name === 'demo_reco')!.parameters.at(-1)).toEqual(['--memory=', '2GB']);
    expect(doc.defaults.completionPct).toBe(90);
    expect(doc.dependencies.some((d) => d.upstream === 'reco' && d.downstream === 'ana')).toBe(false);

    await save(page);
    expect(await exported(editor.app.url, id)).toBe(shown);
    expect(errors).toEqual([]);
    await page.close();
  });

  // A form used to focus its first field on a 50 ms timer: a user already typing in another field
  // then had the rest of the typing go to the first field (the campaign name, the stage name).
  it('leaves the focus where the user put it once a form is open: typing stays in that field', async () => {
    const { page, errors } = await editor.signedInPage();
    // The page's timers run on a clock the test drives: any timer due after the form opened fires
    // between two keystrokes, where the user's typing is.
    await page.clock.install();
    await openEditor(page, editorUrl(editor.app.url, editor.ids.gen_reco_ana));
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
    await page.click('#edit-campaign');
    await formOpen(page, 'campaign');
    await page.fill('#f-software_version', 'v');
    await page.clock.runFor(1000);
    await page.keyboard.type('7');
    expect(await page.inputValue('#f-software_version')).toBe('v7');
    expect(await page.inputValue('#f-campaign-name')).toBe('gen_reco_ana');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-software_version');
    await page.clock.resume();
    await applyForm(page);
    await expect.poll(() => shownText(page)).toContain('software_version=v7');
    expect(errors).toEqual([]);
    await page.close();
  });
});
