import type { Knex } from 'knex';

// Notifications (issue 18). notify_events is the outbox: a row is written in the same transaction
// as the state change that causes it. The delivery loop plans one notify_deliveries row per
// (event, recipient, channel) — the unique key that keeps a message from being planned twice —
// and drains them with a lease, retries and backoff. dedupe_key keeps a condition that is seen
// again and again (a submission Held too long, a campaign stalled) to one event per occurrence.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notify_events', (t) => {
    t.bigIncrements('event_id').primary();
    t.text('kind').notNullable();
    t.text('experiment').notNullable().references('experiment').inTable('experiments').onDelete('CASCADE');
    t.integer('campaign_id').references('campaign_id').inTable('campaigns').onDelete('SET NULL');
    t.integer('stage_id').references('stage_id').inTable('stages').onDelete('SET NULL');
    t.bigInteger('submission_id').references('submission_id').inTable('submissions').onDelete('SET NULL');
    t.text('summary').notNullable();
    t.jsonb('details').notNullable().defaultTo('{}');
    t.text('dedupe_key').unique('notify_events_dedupe_key');
    t.timestamp('created_at', { useTz: true }).notNullable();
    /** Set once its deliveries are planned (subscriptions read at that moment). */
    t.timestamp('planned_at', { useTz: true });
  });
  await knex.raw(
    'create index notify_events_unplanned_idx on notify_events (event_id) where planned_at is null',
  );
  await knex.schema.createTable('notify_subscriptions', (t) => {
    t.bigIncrements('subscription_id').primary();
    t.integer('experimenter_id')
      .notNullable()
      .references('experimenter_id')
      .inTable('experimenters')
      .onDelete('CASCADE');
    t.text('experiment').notNullable().references('experiment').inTable('experiments').onDelete('CASCADE');
    /** Null: every campaign of the experiment. */
    t.integer('campaign_id').references('campaign_id').inTable('campaigns').onDelete('CASCADE');
    /** `experiment` or `campaign:<id>`: one subscription per person and scope. */
    t.text('scope_key').notNullable();
    t.jsonb('kinds').notNullable();
    t.boolean('email').notNullable().defaultTo(true);
    t.boolean('webhook').notNullable().defaultTo(false);
    /** Batch this person's messages over [notify] digest_window_s. */
    t.boolean('digest').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['experimenter_id', 'experiment', 'scope_key'], { indexName: 'notify_subscriptions_scope' });
    t.index(['experiment', 'campaign_id'], 'notify_subscriptions_target_idx');
  });
  await knex.schema.createTable('notify_settings', (t) => {
    t.integer('experimenter_id')
      .primary()
      .references('experimenter_id')
      .inTable('experimenters')
      .onDelete('CASCADE');
    /** Null: the experimenter's e-mail address. */
    t.text('email');
    t.text('webhook_url');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('notify_deliveries', (t) => {
    t.bigIncrements('delivery_id').primary();
    t.bigInteger('event_id')
      .notNullable()
      .references('event_id')
      .inTable('notify_events')
      .onDelete('CASCADE');
    /** `user:<experimenter_id>` or `site` (the site-wide webhook). */
    t.text('recipient').notNullable();
    t.text('channel').notNullable();
    t.text('address').notNullable();
    t.boolean('digest').notNullable().defaultTo(false);
    t.timestamp('due_at', { useTz: true }).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('lease_owner');
    t.timestamp('lease_until', { useTz: true });
    t.timestamp('delivered_at', { useTz: true });
    t.timestamp('gave_up_at', { useTz: true });
    /** The message this delivery went out in (several deliveries share one digest). */
    t.text('message_key');
    t.text('last_error');
    t.unique(['event_id', 'recipient', 'channel'], { indexName: 'notify_deliveries_once' });
  });
  await knex.raw(
    'create index notify_deliveries_pending_idx on notify_deliveries (due_at) where delivered_at is null and gave_up_at is null',
  );
  for (const table of ['experiments', 'campaigns', 'stages'])
    await knex.schema.alterTable(table, (t) => {
      // Hours without a located file before the campaign (stage) counts as stalled; null: inherit.
      t.integer('stall_hours');
    });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['experiments', 'campaigns', 'stages'])
    await knex.schema.alterTable(table, (t) => t.dropColumn('stall_hours'));
  await knex.schema.dropTable('notify_deliveries');
  await knex.schema.dropTable('notify_settings');
  await knex.schema.dropTable('notify_subscriptions');
  await knex.schema.dropTable('notify_events');
}
