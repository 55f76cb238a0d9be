import type { Knex } from 'knex';

// The file report's SAM numbers of one submission, cached so report pages stay fast and stage and
// campaign totals are one SQL sum. `file_counts` is the whole FileAccounting object (counts of
// files, never jobs; its identities hold inside one row); `file_counts_at` is when SAM was asked.
// Kept apart from files_submitted/files_consumed/files_located, which wrapup writes for the
// Located rule at its own times.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.jsonb('file_counts');
    t.timestamp('file_counts_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => t.dropColumns('file_counts', 'file_counts_at'));
}
