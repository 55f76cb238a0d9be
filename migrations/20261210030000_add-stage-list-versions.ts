import type { Knex } from 'knex';

// Issue 15: poms_client campaign_list_json answers every stage of an experiment with its campaign's
// name (2.3 MB at 20,000 stages), and clients poll it. The app keeps the built (and compressed)
// answer per experiment under this row's version, which triggers bump in the transaction of every
// insert or delete of a campaign or stage and of every update that changes what the list shows
// (a name, the stage's campaign, the experiment): a kept answer is never older than the committed
// data, and a poll costs reading one row. Inserts and deletes bump once per statement and
// experiment (a campaign import of many stages is one bump); updates are checked per row, so
// updates of other columns (holds, schedules) cost nothing here. No row means version 0.

const bumpFrom = (table: string) => `
  insert into stage_list_versions as v (experiment, version)
    select distinct experiment, 1 from ${table}
    on conflict (experiment) do update set version = v.version + 1`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table stage_list_versions (
      experiment text primary key,
      version bigint not null
    )`);
  await knex.raw(`
    create function poms_bump_stage_list_statement() returns trigger language plpgsql as $$
    begin
      ${bumpFrom('changed')};
      return null;
    end $$`);
  await knex.raw(`
    create function poms_bump_stage_list_row() returns trigger language plpgsql as $$
    begin
      insert into stage_list_versions as v (experiment, version)
        select distinct e, 1 from (values (old.experiment), (new.experiment)) as x(e)
        on conflict (experiment) do update set version = v.version + 1;
      return null;
    end $$`);
  for (const [table, shown] of [
    ['stages', ['name', 'campaign_id', 'experiment']],
    ['campaigns', ['name', 'experiment']],
  ] as const) {
    for (const [op, ref] of [
      ['insert', 'new'],
      ['delete', 'old'],
    ])
      await knex.raw(`
        create trigger ${table}_stage_list_${op} after ${op} on ${table}
        referencing ${ref} table as changed
        for each statement execute function poms_bump_stage_list_statement()`);
    await knex.raw(`
      create trigger ${table}_stage_list_update after update of ${shown.join(', ')} on ${table}
      for each row when (${shown.map((c) => `old.${c} is distinct from new.${c}`).join(' or ')})
      execute function poms_bump_stage_list_row()`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['stages', 'campaigns'])
    for (const op of ['insert', 'delete', 'update'])
      await knex.raw(`drop trigger ${table}_stage_list_${op} on ${table}`);
  await knex.raw('drop function poms_bump_stage_list_row()');
  await knex.raw('drop function poms_bump_stage_list_statement()');
  await knex.raw('drop table stage_list_versions');
}
