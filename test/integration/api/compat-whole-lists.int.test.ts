import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { api } from '../../helpers/browser-like-client.js';
import { grow } from '../pages/grown-experiment.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';
import { pomsCall } from './poms-client-call.js';

// poms_client's whole-list calls (show_campaigns, campaign_list_json) answer every campaign or stage
// of the experiment: show_campaigns reads them in one statement, and its rows are the campaign
// list's rows, field for field.
const EXP = { experiment: 'samdev', role: 'production' };

describe('poms_client whole lists', () => {
  let h: ApiHarness;
  let token: string;
  const db = () => h.testDb.db;

  beforeAll(async () => {
    h = await startApiHarness();
    await seedDemoCampaigns(db());
    // Campaigns with running, held and finished submissions, and tags on some of them.
    await grow(db(), 3, 16);
    const campaigns = await db()('campaigns').where({ experiment: 'samdev' }).orderBy('campaign_id');
    const [t1, t2] = await db()('tags')
      .insert([
        { experiment: 'samdev', name: 'zeta' },
        { experiment: 'samdev', name: 'alpha' },
      ])
      .returning('tag_id');
    await db()('campaign_tags').insert([
      { campaign_id: campaigns[0].campaign_id, tag_id: t1.tag_id },
      { campaign_id: campaigns[0].campaign_id, tag_id: t2.tag_id },
      { campaign_id: campaigns[1].campaign_id, tag_id: t2.tag_id },
    ]);
    await db()('campaigns').where({ campaign_id: campaigns[1].campaign_id }).update({ active: false });
    await db()('campaigns')
      .where({ campaign_id: campaigns[2].campaign_id })
      .update({ creator_role: 'analysis' });
    token = await h.token('producer');
  });
  afterAll(async () => h?.close());

  /** The campaign list's rows for `state`, every page of them, as the API answers them. */
  async function listed(state: string) {
    const items = [];
    for (let page = 1; ; page++) {
      const r = await api(
        h.url,
        'GET',
        `/api/v1/experiments/samdev/campaigns?state=${state}&page=${page}&page_size=2`,
        { user: 'producer' },
      );
      expect(r.status).toBe(200);
      items.push(...r.json.items);
      if (page >= r.json.pages) return items;
    }
  }

  it("show_campaigns answers the campaign list's rows (counts, tags, rights) with the experiment", async () => {
    for (const [fields, state] of [
      // By default a production user sees the active campaigns production people created.
      [{}, 'active'],
      [{ update_view: 1, view_active: 1, view_inactive: 1, view_mine: 1, view_others: 1 }, 'all'],
      [{ update_view: 1, view_inactive: 1, view_mine: 1, view_others: 1 }, 'inactive'],
    ] as const) {
      const custom = 'update_view' in fields;
      const all = custom ? { view_analysis: 1, view_production: 1, ...fields } : {};
      const r = await pomsCall(h.url, 'show_campaigns', { ...EXP, fmt: 'json', ...all }, { token });
      expect(r.status).toBe(200);
      const body = r.json();
      const expected = (await listed(state))
        .filter((c) => custom || c.creator_role !== 'analysis')
        .map((c) => ({ ...c, experiment: 'samdev' }));
      expect(expected.length).toBeGreaterThan(0);
      expect(body.tl).toEqual(expected);
      expect(body.data.authorized).toEqual(expected.map((c) => c.can_modify));
    }
    // A production user may modify production campaigns only, and operate both kinds.
    const every = await pomsCall(
      h.url,
      'show_campaigns',
      {
        ...EXP,
        fmt: 'json',
        update_view: 1,
        view_active: 1,
        view_inactive: 1,
        view_mine: 1,
        view_others: 1,
        view_analysis: 1,
        view_production: 1,
      },
      { token },
    );
    const rights = every.json().tl.map((c: any) => [c.creator_role, c.can_modify, c.can_operate]);
    expect(rights).toContainEqual(['analysis', false, true]);
    expect(rights).toContainEqual(['production', true, true]);
    for (const [role, modify, operate] of rights)
      expect([modify, operate]).toEqual([role !== 'analysis', true]);
    // The figures really are there to compare.
    const tl = (await pomsCall(h.url, 'show_campaigns', { ...EXP, fmt: 'json' }, { token })).json().tl;
    expect(tl.some((c: { running: number }) => c.running > 0)).toBe(true);
    expect(tl.some((c: { stages: number }) => c.stages > 1)).toBe(true);
    expect(tl.some((c: { tags: string[] }) => c.tags.join() === 'alpha,zeta')).toBe(true);
  });

  /**
   * campaign_list_json as a caching client polls it (GET). `cache-control: max-age=0` as a browser
   * revalidates: fetch would add `no-cache` to a conditional request, which must not be answered 304.
   */
  const poll = (headers: Record<string, string> = {}) =>
    fetch(`${h.url}/poms/campaign_list_json?experiment=samdev`, {
      headers: {
        authorization: `BEARER ${token}`,
        'accept-encoding': 'identity',
        'cache-control': 'max-age=0',
        ...headers,
      },
    });
  const stageOf = async (id: number) =>
    ((await (await poll()).json()) as any[]).find((s) => s.campaign_stage_id === id);

  it('campaign_list_json: an unchanged list is 304 to If-None-Match; every change shows in the next answer', async () => {
    const first = await poll();
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const list = (await first.json()) as any[];
    expect(list.length).toBe(
      await db()('stages')
        .where({ experiment: 'samdev' })
        .count()
        .first()
        .then((r: any) => Number(r.count)),
    );
    const same = await poll({ 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');

    // A stage renamed, a campaign renamed, a stage added and one deleted: each in the very next answer.
    const stage = list[0].campaign_stage_id as number;
    const row = await db()('stages').where({ stage_id: stage }).first('campaign_id', 'name');
    await db()('stages').where({ stage_id: stage }).update({ name: 'renamed_stage' });
    const renamed = await poll({ 'if-none-match': etag });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.get('etag')).not.toBe(etag);
    expect(((await renamed.json()) as any[]).find((s) => s.campaign_stage_id === stage).name).toBe(
      'renamed_stage',
    );
    await db()('campaigns').where({ campaign_id: row.campaign_id }).update({ name: 'renamed_campaign' });
    expect((await stageOf(stage)).campaign_name).toBe('renamed_campaign');
    const [added] = await db()('stages')
      .insert({ campaign_id: row.campaign_id, experiment: 'samdev', name: 'added' })
      .returning('stage_id');
    expect(await stageOf(added.stage_id)).toMatchObject({ name: 'added', campaign_name: 'renamed_campaign' });
    await db()('stages').where({ stage_id: added.stage_id }).delete();
    expect(await stageOf(added.stage_id)).toBeUndefined();

    // A change rolled back changes nothing; a change of what the list does not show keeps it.
    const before = (await poll()).headers.get('etag')!;
    await db()
      .transaction(async (trx) => {
        await trx('stages').where({ stage_id: stage }).update({ name: 'never' });
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await db()('stages').where({ stage_id: stage }).update({ cron_schedule: null });
    expect((await poll({ 'if-none-match': before })).status).toBe(304);
    await db()('stages').where({ stage_id: stage }).update({ name: row.name });
    await db()('campaigns').where({ campaign_id: row.campaign_id }).update({ name: 'demo' });
  });

  it('campaign_list_json: compressed forms decode to the same text', async () => {
    const plain = await (await poll()).text();
    for (const encoding of ['br', 'gzip']) {
      const r = await fetch(`${h.url}/poms/campaign_list_json?experiment=samdev`, {
        headers: { authorization: `BEARER ${token}`, 'accept-encoding': encoding },
      });
      expect(r.headers.get('content-encoding')).toBe(encoding);
      expect(await r.text()).toBe(plain); // fetch decodes it
    }
    // POST (what poms_client sends) answers the same list.
    const posted = await pomsCall(h.url, 'campaign_list_json', EXP, { token });
    expect(posted.text).toBe(plain);
  });
});
