import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCampaignIni } from '../../src/domain/ini/index.js';
import {
  editorUrl,
  exported,
  nodePoint,
  openEditor,
  save,
  shownText,
  stageNode,
  useEditorSession,
} from './editor-page.js';

const positions = (page: Page): Promise<Record<string, { x: number; y: number }>> =>
  page.evaluate(() => (window as any).campaignEditor.network.getPositions());

describe('campaign editor in a real browser: layout and node positions', () => {
  const editor = useEditorSession();

  it('lays out a campaign without positions left to right, and keeps the positions of a drag', async () => {
    const { page, errors } = await editor.signedInPage();
    const id = editor.ids.gen_reco_ana;
    // Without saved positions: the campaign node first, every stage right of its upstream stages.
    await editor.app.testDb.db('campaigns').where({ campaign_id: id }).update({ node_positions: '[]' });
    await openEditor(page, editorUrl(editor.app.url, id));
    expect(await shownText(page)).not.toContain('[node_positions]');
    const laid = await positions(page);
    expect(laid.campaign.x).toBeLessThan(laid[stageNode('gen')].x);
    expect(laid[stageNode('gen')].x).toBeLessThan(laid[stageNode('reco')].x);
    expect(laid[stageNode('reco')].x).toBeLessThan(laid[stageNode('ana')].x);

    // A drag records every node's position (one undo step); saving keeps them.
    const from = await nodePoint(page, stageNode('reco'));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + 120, { steps: 12 });
    await page.mouse.up();
    await expect.poll(() => shownText(page)).toContain('[node_positions]');
    const moved = await positions(page);
    expect(moved[stageNode('reco')].y).toBeGreaterThan(laid[stageNode('reco')].y + 50);
    const { doc } = parseCampaignIni(await shownText(page));
    expect(doc.nodePositions.map((p) => p.id)).toEqual(['campaign gen_reco_ana', 'gen', 'reco', 'ana']);
    await page.click('#undo');
    await expect.poll(() => shownText(page)).not.toContain('[node_positions]');
    await page.click('#redo');
    await expect.poll(() => shownText(page)).toContain('[node_positions]');
    const shown = await shownText(page);
    await save(page);
    expect(await exported(editor.app.url, id)).toBe(shown);

    await openEditor(page, editorUrl(editor.app.url, id));
    const restored = await positions(page);
    for (const p of doc.nodePositions) {
      const node = p.id.startsWith('campaign ') ? 'campaign' : stageNode(p.id);
      expect(restored[node]).toEqual({ x: p.x, y: p.y });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a campaign to a user who may not change it without the editing controls', async () => {
    const { page, errors } = await editor.signedInPage('analyst');
    await openEditor(page, editorUrl(editor.app.url, editor.ids.split_types));
    for (const button of ['#add-stage', '#connect', '#save', '#check'])
      expect(await page.isVisible(button)).toBe(false);
    expect(await page.getAttribute('#ini-text', 'readonly')).not.toBeNull();
    const point = await nodePoint(page, stageNode('by_mod'));
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector('#editor-modal.visible.active[data-form="stage"]');
    expect(await page.isDisabled('#f-stage-name')).toBe(true);
    expect(await page.isVisible('#editor-modal #form-apply')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
