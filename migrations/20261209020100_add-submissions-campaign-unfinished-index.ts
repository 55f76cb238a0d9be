import type { Knex } from 'knex';

// Stalls (shifter view, overview) group the unfinished submissions of an experiment, or of a page
// of campaigns, by (campaign, stage). PostgreSQL read them through submissions_unfinished_idx,
// whose predicate also holds every LaunchFailed submission ever (five times the unfinished ones at a
// million submissions), fetching each from the table. This index holds exactly the unfinished ones
// with what the grouping reads, so it is read alone: its cost is what is running now.
const UNFINISHED = `('New', 'Idle', 'Running', 'Held', 'Completed')`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    `create index submissions_campaign_unfinished_idx on submissions (campaign_id, stage_id, created_at)
     include (experiment) where status in ${UNFINISHED}`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index submissions_campaign_unfinished_idx');
}
