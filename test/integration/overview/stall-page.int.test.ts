import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stalledCampaignPage, stalledCampaigns } from '../../../src/services/overview/stalled-campaigns.js';
import { makeStage } from '../../helpers/config-fixtures.js';
import { queriesOf } from '../../helpers/queries-of.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-06T12:00:00Z');
const ago = (h: number) => new Date(NOW.getTime() - h * HOUR);

/** One unfinished submission of `stage`, launched `hours` ago. */
async function unfinished(db: Knex, s: { stage_id: number; campaign_id: number }, hours: number) {
  await db('submissions').insert({
    stage_id: s.stage_id,
    campaign_id: s.campaign_id,
    experiment: 'samdev',
    status: 'Running',
    created_at: ago(hours),
    status_at: ago(hours),
  });
}

// The shifter's stalled campaigns are counted and paged in SQL (issue 15): the page holds the
// campaigns stalled longest, its total counts every stalled campaign not acknowledged since its
// stall began, and each stage is tested against its own threshold, as the whole list is.
describe("the shifter view's page of stalled campaigns", () => {
  let t: TestDb;
  const campaigns: number[] = [];
  const page = (limit: number, overrideHours?: number) =>
    stalledCampaignPage(t.db, { experiment: 'samdev', defaultHours: 6, overrideHours }, NOW, limit);

  beforeAll(async () => {
    t = await createTestDb({ seed: true });
    // Seven campaigns stalled 10 … 16 hours (one stage each, nothing located).
    for (let i = 0; i < 7; i++) {
      const { campaign, stage } = await makeStage(t.db, { campaign: `stalled_${i}` });
      campaigns.push(campaign.campaign_id);
      await unfinished(t.db, stage, 10 + i);
    }
    // The longest-stalled campaign's second stage waits 100 h by its own threshold: not stalled.
    const [patient] = await t
      .db('stages')
      .insert({ campaign_id: campaigns[6], experiment: 'samdev', name: 'patient', stall_hours: 100 })
      .returning(['stage_id', 'campaign_id']);
    await unfinished(t.db, patient, 30);
    // An inactive campaign is never stalled.
    const idle = await makeStage(t.db, { campaign: 'inactive' });
    await t.db('campaigns').where({ campaign_id: idle.campaign.campaign_id }).update({ active: false });
    await unfinished(t.db, idle.stage, 50);
    // Campaign 3 acknowledged after its stall began (hidden); campaign 4 before it (still shown).
    await t.db('acknowledgements').insert([
      { experiment: 'samdev', campaign_id: campaigns[3], at: ago(1) },
      { experiment: 'samdev', campaign_id: campaigns[4], at: ago(20) },
    ]);
  });
  afterAll(async () => t?.destroy());

  it('holds the campaigns stalled longest and counts every stalled campaign not acknowledged', async () => {
    const p = await page(2);
    expect(p.total).toBe(6);
    expect(p.items.map((c) => c.campaign_id)).toEqual([campaigns[6], campaigns[5]]);
    // Only the stalled stage is shown and summed, with the threshold that applied.
    expect(p.items[0].stages.map((s) => [s.stage, s.stall_hours, s.stalled_for_h])).toEqual([
      ['reco', 6, 16],
    ]);
    expect(p.items[0]).toMatchObject({ unfinished: 1, stalled_for_h: 16, owner: 'producer' });
  });

  it('is the head of the whole list of stalled campaigns, less the acknowledged one', async () => {
    const all = await stalledCampaigns(t.db, { experiment: 'samdev', defaultHours: 6 }, NOW);
    const shown = all.filter((c) => c.campaign_id !== campaigns[3]);
    for (const limit of [1, 3, 6, 50]) {
      const p = await page(limit);
      expect(p.total).toBe(shown.length);
      expect(p.items).toEqual(shown.slice(0, limit));
    }
    expect((await page(50)).items.map((c) => c.campaign_id)).toEqual(
      [6, 5, 4, 2, 1, 0].map((i) => campaigns[i]),
    );
  });

  it('tests every stage against one threshold when the shifter sets one', async () => {
    const p = await page(1, 12);
    // 12 h: campaigns 2 … 6 (stalled 12 … 16 h), less the acknowledged one; the patient stage counts now.
    expect(p.total).toBe(4);
    expect(p.items[0].campaign_id).toBe(campaigns[6]);
    expect(p.items[0].stages.map((s) => [s.stage, s.stalled_for_h])).toEqual([
      ['patient', 30],
      ['reco', 16],
    ]);
    expect(p.items[0]).toMatchObject({ unfinished: 2, stalled_for_h: 30 });
  });

  it('counts nothing and shows nothing when nothing is stalled', async () => {
    expect(await page(5, 720)).toEqual({ total: 0, items: [] });
  });

  it('costs one statement however many campaigns are stalled', async () => {
    expect(await queriesOf(t.db, () => page(2))).toBe(1);
    for (let i = 0; i < 20; i++) {
      const { stage } = await makeStage(t.db, { campaign: `more_${i}` });
      await unfinished(t.db, stage, 8);
    }
    const p = await page(2);
    expect(p.total).toBe(26);
    expect(p.items.map((c) => c.campaign_id)).toEqual([campaigns[6], campaigns[5]]);
    expect(await queriesOf(t.db, () => page(2))).toBe(1);
  });
});
