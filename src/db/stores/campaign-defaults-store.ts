import type { Knex } from 'knex';

// Campaign defaults name their job type and login setup (`campaigns.defaults` jsonb, by StageFields
// property), so renaming one of those renames it in every campaign of the experiment that names it.
export function campaignDefaultsStore(db: Knex) {
  return {
    async renameReference(
      experiment: string,
      prop: 'jobType' | 'loginSetup',
      from: string,
      to: string,
    ): Promise<number> {
      return db('campaigns')
        .where({ experiment })
        .whereRaw('defaults->>? = ?', [prop, from])
        .update({ defaults: db.raw('jsonb_set(defaults, ?, to_jsonb(?::text))', [`{${prop}}`, to]) });
    },
  };
}
