import type { Knex } from 'knex';

// How many of a stage's submissions are in each status, kept by a trigger in the transaction of
// every insert, delete and status (or stage) change of a submission: the stage page shows them
// without counting the stage's whole history.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table stage_status_counts (
      stage_id integer not null,
      status text not null,
      n integer not null,
      constraint stage_status_counts_pk primary key (stage_id, status)
    )`);
  await knex.raw(`
    create function poms_stage_status_count() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        update stage_status_counts set n = n - 1 where stage_id = old.stage_id and status = old.status;
      end if;
      if tg_op in ('UPDATE', 'INSERT') then
        insert into stage_status_counts as c (stage_id, status, n) values (new.stage_id, new.status, 1)
          on conflict (stage_id, status) do update set n = c.n + 1;
      end if;
      return null;
    end $$`);
  await knex.raw(`
    create trigger submissions_status_count_insert after insert or delete on submissions
    for each row execute function poms_stage_status_count()`);
  await knex.raw(`
    create trigger submissions_status_count_update after update on submissions
    for each row when (old.status is distinct from new.status or old.stage_id is distinct from new.stage_id)
    execute function poms_stage_status_count()`);
  await knex.raw(`
    insert into stage_status_counts (stage_id, status, n)
    select stage_id, status, count(*) from submissions group by stage_id, status`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger submissions_status_count_update on submissions');
  await knex.raw('drop trigger submissions_status_count_insert on submissions');
  await knex.raw('drop function poms_stage_status_count()');
  await knex.raw('drop table stage_status_counts');
}
