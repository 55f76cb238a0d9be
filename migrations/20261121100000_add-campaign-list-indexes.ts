import type { Knex } from 'knex';

// The campaign list shows a running-submissions count per campaign and campaign deletion asks
// whether any stage has submissions: partial and plain indexes keep both cheap at any history size.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `create index submissions_campaign_running_idx on submissions (campaign_id) where status in ('New','Idle','Running','Held')`,
  );
  await knex.raw('create index submissions_stage_idx on submissions (stage_id)');
  await knex.raw('create index stages_campaign_idx on stages (campaign_id, stage_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index stages_campaign_idx');
  await knex.raw('drop index submissions_stage_idx');
  await knex.raw('drop index submissions_campaign_running_idx');
}
