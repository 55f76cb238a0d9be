import { describe, expect, it } from 'vitest';
import { seedDdDemo } from '../../../src/services/demo/dd-demo.js';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { chainSuite, checkChainOf, expectLaunchesDeliver } from './chain-fixture.js';

// Check chain on every sample campaign (the demo seed): what it reports each stage would deliver
// is what a launch then delivers, and the check itself creates nothing in SAM.
describe('Check chain on the sample campaigns', () => {
  const suite = chainSuite();

  it.each(['demo', 'gen_reco_ana', 'single_stage', 'split_types'])('%s', async (name) => {
    const db = suite.h.testDb.db;
    const campaign = await db('campaigns').where({ experiment: 'samdev', name }).first('campaign_id');
    const report = await checkChainOf(suite.h, suite.url, campaign.campaign_id);
    // multiparam hands the job a plain string: said so, not reported as an unknown definition.
    if (name === 'split_types')
      expect(report.stages.find((s) => s.name === 'by_multiparam')).toMatchObject({
        dataset: 'low_run1',
        files: null,
        problem: null,
        note: 'a plain string for %(dataset)s, not a catalogue dataset; no catalogue files to count',
      });
    await expectLaunchesDeliver(suite.h, report, campaign.campaign_id);
    // The launches advanced the split cursors (the check did not): the next check and launches agree again.
    const again = await checkChainOf(suite.h, suite.url, campaign.campaign_id);
    await expectLaunchesDeliver(suite.h, again, campaign.campaign_id);
  });

  it('dd_demo (MetaCat): counts the MetaCat dataset a launch then gets; no upstream outputs yet', async () => {
    await seedDdDemo(suite.h.testDb.db);
    const { campaign_id: id } = await suite.h.testDb
      .db('campaigns')
      .where({ name: 'dd_demo' })
      .first('campaign_id');
    const report = await checkChainOf(suite.h, suite.url, id, 'dune');
    expect(report.stages.find((s) => s.name === 'reco')?.files).toBeGreaterThan(0);
    expect(report.dependencies.map((d) => [d.files, d.basis])).toEqual([
      [null, 'the upstream stage has no outputs yet'],
    ]);
    await expectLaunchesDeliver(suite.h, report, id, 'dune');
  });

  it("shows the check as a page (the JSON twin's numbers), linked from the campaign page", async () => {
    const id = (await suite.h.testDb.db('campaigns').where({ name: 'single_stage' }).first('campaign_id'))
      .campaign_id;
    const json = await checkChainOf(suite.h, suite.url, id);
    const path = `/experiments/samdev/campaigns/${id}`;
    const browser = new BrowserLikeClient(suite.url);
    await browser.signIn('shifter');
    const html = async (p: string) => {
      const res = await browser.get(p);
      expect(res.status).toBe(200);
      return res.body;
    };
    expect(await html(path)).toContain(`href="${path}/check-chain"`);
    const page = await html(`${path}/check-chain`);
    const row = page.slice(page.indexOf('id="chain-stages"'), page.indexOf('id="chain-dependencies"'));
    const s = json.stages[0];
    expect(row).toContain(`<td data-label="Dataset">${s.dataset}`);
    expect(row).toMatch(new RegExp(`class="chain-files">${s.files}<`));
    expect(page).toContain('No warnings.');
  });
});
