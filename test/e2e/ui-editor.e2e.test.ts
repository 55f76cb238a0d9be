import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { campaignFiles, readCampaignFile } from '../helpers/campaign-files.js';
import { importCorpusFile } from '../integration/editor/editor-test-helpers.js';
import { editorUrl, openEditor, useEditorSession } from './editor-page.js';
import { screenshot } from '../helpers/browser.js';

type Box = { id: string; left: number; right: number; top: number; bottom: number };

/** Every node's box and every edge label's box, in canvas coordinates. */
async function boxes(page: Page): Promise<{ nodes: Box[]; labels: Box[] }> {
  return page.evaluate(() => {
    const net = (window as any).campaignEditor.network;
    const nodes = Object.keys(net.body.nodes).map((id) => ({ id, ...net.getBoundingBox(id) }));
    const labels = Object.values(net.body.edges as Record<string, any>)
      .filter((e) => e.labelModule?.size?.width)
      .map((e) => {
        const s = e.labelModule.size;
        return { id: e.id, left: s.left, right: s.left + s.width, top: s.top, bottom: s.top + s.height };
      });
    return { nodes, labels };
  });
}
const overlap = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2;

describe('editor layout after an import, in a real browser', () => {
  const editor = useEditorSession();
  it.each(campaignFiles())('%s: no two stages overlap and no arrow label hides under a box', async (file) => {
    const id = await importCorpusFile(editor.app.url, 'samdev', readCampaignFile(file));
    const { page } = await editor.signedInPage();
    await openEditor(page, editorUrl(editor.app.url, id));
    const { nodes, labels } = await boxes(page);
    const bad: string[] = [];
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++)
        if (overlap(nodes[i], nodes[j])) bad.push(`${nodes[i].id} / ${nodes[j].id}`);
    for (const l of labels) for (const n of nodes) if (overlap(l, n)) bad.push(`label ${l.id} / ${n.id}`);
    await screenshot(page, `editor-${file.replace(/\.ini$/, '')}-desktop`);
    expect(bad).toEqual([]);
    await page.close();
  });

  it('draws the progress graph with every arrow label clear of the boxes (saved positions and none)', async () => {
    const text = readCampaignFile('production-chain.ini');
    const id = await importCorpusFile(editor.app.url, 'samdev', text);
    const { page, errors } = await editor.signedInPage();
    // The original POMS's spacing: boxes 150 px apart, narrower than ours.
    const tight = ['gen_fcl', 'gen', 'reco', 'merge', 'orphan'].map((id, i) => ({
      id,
      x: 10 + 150 * i,
      y: 20,
    }));
    await editor.app.testDb
      .db('campaigns')
      .where({ campaign_id: id })
      .update({
        node_positions: JSON.stringify([{ id: 'campaign fixture_chain', x: -140, y: 20 }, ...tight]),
      });
    for (const positions of ['saved', 'none']) {
      if (positions === 'none')
        await editor.app.testDb.db('campaigns').where({ campaign_id: id }).update({ node_positions: '[]' });
      await page.goto(`${editor.app.url}/experiments/samdev/campaigns/${id}/progress`);
      await page.waitForSelector('#progress-graph[data-drawn="1"]');
      expect(await page.locator('#progress-graph').getAttribute('data-layout')).toBe(
        positions === 'saved' ? 'positions' : 'hierarchical',
      );
      const { nodes, labels } = await page.evaluate(() => {
        const net = (document.getElementById('progress-graph') as any).network;
        const pos = net.getPositions();
        const nodes = Object.keys(pos).map((id) => ({
          id,
          left: pos[id].x - 95,
          right: pos[id].x + 95,
          top: pos[id].y - 35,
          bottom: pos[id].y + 35,
        }));
        const labels = Object.values(net.body.edges as Record<string, any>)
          .filter((e) => e.labelModule?.size?.width)
          .map((e) => {
            const s = e.labelModule.size;
            return { id: e.id, left: s.left, right: s.left + s.width, top: s.top, bottom: s.top + s.height };
          });
        return { nodes, labels };
      });
      const bad: string[] = [];
      for (let i = 0; i < nodes.length; i++)
        for (let j = i + 1; j < nodes.length; j++)
          if (overlap(nodes[i], nodes[j])) bad.push(`${nodes[i].id} / ${nodes[j].id}`);
      for (const l of labels) for (const n of nodes) if (overlap(l, n)) bad.push(`label ${l.id} / ${n.id}`);
      await screenshot(page, `progress-graph-${positions}-desktop`);
      expect(bad, positions).toEqual([]);
      expect(labels.length).toBe(4);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a refused .ini import on screen with its problems beside it, each line a link', async () => {
    await importCorpusFile(editor.app.url, 'samdev', readCampaignFile('production-chain.ini'));
    const broken = readCampaignFile('production-chain.ini')
      .toString()
      .replace('file_pattern_1 = %.art\n', '')
      .replace('[campaign]\n', '[campaign]\nno_such_key = 1\n');
    const { page, errors } = await editor.signedInPage();
    await page.goto(`${editor.app.url}/experiments/samdev/campaigns`);
    await page.fill('#f-ini', broken);
    await Promise.all([page.waitForLoadState('load'), page.click('#import-form button[type=submit]')]);
    await page.waitForSelector('#import-problems');
    expect(await page.inputValue('#f-ini')).toBe(broken);
    const problems = await page.locator('#import-problems li').allTextContents();
    expect(problems.length).toBe(2);
    const norm = problems.map((p) => p.replace(/\s+/g, ' ').trim());
    expect(
      norm.some((p) => /^line \d+ \[dependencies reco\] campaign_stage_1 has no file_pattern_1$/.test(p)),
    ).toBe(true);
    expect(norm.join('\n')).not.toMatch(/campaign_stage_1 campaign_stage_1/);
    expect(norm.some((p) => p.includes('no_such_key'))).toBe(true);
    // The problem's line link selects that line of the kept text.
    const link = page.locator('#import-problems a[data-ini-line]').last();
    const line = Number(await link.getAttribute('data-ini-line'));
    await link.click();
    const selected = await page.evaluate(() => {
      const t = document.getElementById('f-ini') as HTMLTextAreaElement;
      return t.value.slice(t.selectionStart, t.selectionEnd);
    });
    expect(selected).toBe(broken.split('\n')[line - 1]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-ini');
    await screenshot(page, 'import-refused-desktop');
    // Corrected in place, it imports.
    await page.fill('#f-ini', readCampaignFile('production-chain.ini').toString());
    await Promise.all([page.waitForURL(/\/campaigns\/\d+$/), page.click('#import-form button[type=submit]')]);
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    await page.close();
  });
});
