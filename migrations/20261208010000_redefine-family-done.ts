import type { Knex } from 'knex';

// Issue 13: a submission's "files done" is what its file report shows (submitted − pending), which
// the file-count cache now writes into files_located with the counts themselves. So the rollups'
// done is files_located alone: the old substitution of files_consumed for submissions Located by
// their rule claimed files whose outputs SAM had not (yet) located, and progress disagreed with the
// report. Columns of submissions counted before are set from their cached counts, and the rollups
// rebuilt. Also the index wrapup's recount of recently Located submissions reads.

const OLD_DONE = `case when status = 'Located' and located_reason in ('threshold', 'complete')
        then greatest(coalesce(files_located, 0), coalesce(files_consumed, 0))
        else coalesce(files_located, 0) end::bigint`;

const setDone = (knex: Knex, body: string) =>
  knex.raw(`
    create or replace function poms_family_done(status text, located_reason text, files_located integer, files_consumed integer)
    returns bigint language sql immutable as $$ select ${body} $$`);

export async function up(knex: Knex): Promise<void> {
  await setDone(knex, 'coalesce(files_located, 0)::bigint');
  await knex.raw('alter table submissions disable trigger submissions_rollup_update');
  await knex.raw(`
    update submissions set
      files_submitted = (file_counts->>'submitted')::int,
      files_consumed = (file_counts->>'consumed')::int,
      files_located = (file_counts->>'submitted')::int - (file_counts->>'pending')::int
    where project is not null and (file_counts->>'submitted')::int > 0
      and not coalesce((file_counts->>'incomplete')::boolean, true)`);
  await knex.raw('alter table submissions enable trigger submissions_rollup_update');
  await knex.raw('select poms_rebuild_rollups()');
  await knex.raw(
    `create index submissions_located_at_idx on submissions (status_at) where status = 'Located'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index submissions_located_at_idx');
  await setDone(knex, OLD_DONE);
  await knex.raw('select poms_rebuild_rollups()');
}
