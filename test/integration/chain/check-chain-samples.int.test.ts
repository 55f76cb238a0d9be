import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';
import { checkChainOf, launchAndCount, serve } from './chain-fixture.js';

// Check chain on every sample campaign (the demo seed): what it reports each stage would deliver
// is what a launch then delivers, and the check itself creates nothing in SAM.
describe('Check chain on the sample campaigns', () => {
  let h: SimHarness;
  let web: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => {
    h = await startSimHarness();
    web = await serve(h);
  });
  afterAll(async () => {
    await h?.services.runner.idle();
    await web?.close();
    await h?.close();
  });

  it.each(['demo', 'gen_reco_ana', 'single_stage', 'split_types'])('%s', async (name) => {
    const db = h.testDb.db;
    const campaign = await db('campaigns').where({ experiment: 'samdev', name }).first('campaign_id');
    const report = await checkChainOf(h, web.url, campaign.campaign_id);
    const stages = await db('stages').where({ campaign_id: campaign.campaign_id }).select('stage_id', 'name');
    expect(report.stages.map((s) => s.name).sort()).toEqual(stages.map((s) => s.name).sort());
    for (const s of report.stages) {
      const id = stages.find((x) => x.name === s.name)!.stage_id;
      const delivered = await launchAndCount(h, id);
      if (s.files === null) expect(typeof delivered, `${s.name}: ${s.problem}`).toBe('string');
      else expect(delivered, s.name).toBe(s.files);
    }
    // The launches advanced the split cursors: a second check reports the next splits.
    const again = await checkChainOf(h, web.url, campaign.campaign_id);
    expect(again.stages.length).toBe(report.stages.length);
  });

  it("shows the check as a page (the JSON twin's numbers), linked from the campaign page", async () => {
    const id = (await h.testDb.db('campaigns').where({ name: 'single_stage' }).first('campaign_id'))
      .campaign_id;
    const json = await checkChainOf(h, web.url, id);
    const path = `/experiments/samdev/campaigns/${id}`;
    const browser = new BrowserLikeClient(web.url);
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
