import type { Knex } from 'knex';

export interface TagRow {
  tag_id: number;
  name: string;
}

// Tags are per experiment; a campaign links to any number of them.
export function tagStore(db: Knex) {
  return {
    ofCampaign: (campaignId: number) =>
      db('campaign_tags as ct')
        .join('tags as t', 't.tag_id', 'ct.tag_id')
        .where('ct.campaign_id', campaignId)
        .orderBy('t.name')
        .select('t.tag_id', 't.name') as Promise<TagRow[]>,
    /** The tag's id, creating the tag on first use. */
    async ensure(experiment: string, name: string, creator: number, creatorRole: string): Promise<number> {
      await db('tags')
        .insert({ experiment, name, creator, creator_role: creatorRole })
        .onConflict(['experiment', 'name'])
        .ignore();
      const row = await db('tags').where({ experiment, name }).first('tag_id');
      return row.tag_id as number;
    },
    byName: (experiment: string, name: string) =>
      db('tags').where({ experiment, name }).first('tag_id', 'name') as Promise<TagRow | undefined>,
    /** True when the link is new. */
    async link(campaignId: number, tagId: number): Promise<boolean> {
      const rows = await db('campaign_tags')
        .insert({ campaign_id: campaignId, tag_id: tagId })
        .onConflict(['campaign_id', 'tag_id'])
        .ignore()
        .returning('tag_id');
      return rows.length > 0;
    },
    /** True when there was a link (rows returned, not a count: PGlite reports no delete counts). */
    async unlink(campaignId: number, tagId: number): Promise<boolean> {
      const rows = await db('campaign_tags')
        .where({ campaign_id: campaignId, tag_id: tagId })
        .delete()
        .returning('tag_id');
      return rows.length > 0;
    },
    /** Deletes the tag when no campaign uses it any more. */
    async removeIfUnused(tagId: number): Promise<void> {
      await db('tags')
        .where({ tag_id: tagId })
        .whereNotExists(db('campaign_tags').where({ tag_id: tagId }).select(db.raw('1')))
        .delete();
    },
    async copyLinks(fromCampaign: number, toCampaign: number): Promise<void> {
      await db.raw(
        'insert into campaign_tags (campaign_id, tag_id) select ?, tag_id from campaign_tags where campaign_id = ?',
        [toCampaign, fromCampaign],
      );
    },
  };
}

export type TagStore = ReturnType<typeof tagStore>;
