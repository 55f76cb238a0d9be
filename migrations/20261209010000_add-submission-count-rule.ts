import type { Knex } from 'knex';

// Which rule a submission's cached file numbers were counted by (docs/numbers.md): null = before
// attribution (issue 13), when outputs were every matching child of its inputs made after it
// started, so `files_located`, the output counts and Pending could include other launches' files;
// 2 = attribution. Every cache counted before this migration is null, and wrapup recounts those
// once, a few per pass (recount-settling), oldest count first through this partial index, so the
// progress and overview pages stop showing old-rule numbers without anyone opening a report.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('submissions', (t) => {
    t.smallint('file_counts_rule').nullable();
  });
  await knex.raw(
    `create index submissions_old_count_rule_idx on submissions (file_counts_at, submission_id)
       where file_counts is not null and file_counts_rule is null`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index submissions_old_count_rule_idx');
  await knex.schema.alterTable('submissions', (t) => t.dropColumn('file_counts_rule'));
}
