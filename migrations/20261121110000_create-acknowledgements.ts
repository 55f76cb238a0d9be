import type { Knex } from 'knex';

// Shifter acknowledgements, experiment-wide: "someone has seen this problem". Append-only; an item
// is hidden from the shifter view while its latest acknowledgement is newer than the item's last
// change (a submission's status_at, a stalled campaign's last located file), so it comes back when
// something happens again.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('acknowledgements', (t) => {
    t.bigIncrements('acknowledgement_id').primary();
    t.text('experiment').notNullable().references('experiment').inTable('experiments').onDelete('CASCADE');
    t.bigInteger('submission_id').references('submission_id').inTable('submissions').onDelete('CASCADE');
    t.integer('campaign_id').references('campaign_id').inTable('campaigns').onDelete('CASCADE');
    t.integer('acknowledged_by').references('experimenter_id').inTable('experimenters').onDelete('SET NULL');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('note');
    t.index(['submission_id', 'at'], 'acknowledgements_submission_idx');
    t.index(['campaign_id', 'at'], 'acknowledgements_campaign_idx');
    t.index(['experiment', 'at'], 'acknowledgements_experiment_idx');
  });
  await knex.raw(
    'alter table acknowledgements add constraint acknowledgements_one_object check (num_nonnulls(submission_id, campaign_id) = 1)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('acknowledgements');
}
