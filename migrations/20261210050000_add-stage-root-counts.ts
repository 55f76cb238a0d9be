import type { Knex } from 'knex';

// Issue 15: a stage's submissions list counts its top-level rows (submissions whose cause, the
// recovery parent or else the submission whose completion launched them, is not listed in the
// same stage and window). Over a stage's whole life that count read every submission of the stage
// and anti-joined it with itself at every request (20,000 at a busy stage). `stage_root_counts`
// keeps, per stage, how many of its submissions have no cause in the same stage: exactly that
// count whenever the window holds every submission of the stage. Kept in the transaction of the
// write: an insert adds its own row (one probe of its cause); the rare changes that can move other
// rows' counts (a cause or a stage changed, deletions) recount the stages they touch, with the
// count row locked first so concurrent inserts are neither lost nor counted twice.
// poms_rebuild_stage_roots() rebuilds every stage (bulk loads that ran with triggers off).

/** Whether a submission of stage `stg` caused by `cause` is a root of its stage. */
const ROOT = `create function poms_stage_root(stg integer, cause bigint) returns boolean
  language sql stable as $$
    select cause is null or not exists (select 1 from submissions p where p.submission_id = cause and p.stage_id = stg)
  $$`;

const RECOUNT = `create function poms_recount_stage_roots(stg integer) returns void
  language plpgsql as $$
  begin
    insert into stage_root_counts (stage_id, n) values (stg, 0) on conflict do nothing;
    perform 1 from stage_root_counts where stage_id = stg for update;
    update stage_root_counts set n = (
        select count(*) from submissions u where u.stage_id = stg
          and poms_stage_root(stg, coalesce(u.parent_submission_id, u.depends_on_submission_id)))
      where stage_id = stg;
  end $$`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table stage_root_counts (
      stage_id integer not null constraint stage_root_counts_pk primary key,
      n integer not null
    )`);
  await knex.raw(ROOT);
  await knex.raw(RECOUNT);
  await knex.raw(`
    create function poms_stage_root_insert() returns trigger language plpgsql as $$
    begin
      if poms_stage_root(new.stage_id, coalesce(new.parent_submission_id, new.depends_on_submission_id)) then
        insert into stage_root_counts as c (stage_id, n) values (new.stage_id, 1)
          on conflict (stage_id) do update set n = c.n + 1;
      end if;
      return null;
    end $$`);
  // A changed cause or stage: this row's old and new stage, and when the stage moved, the stages
  // of the rows this one caused.
  await knex.raw(`
    create function poms_stage_root_update() returns trigger language plpgsql as $$
    declare
      stg integer;
    begin
      for stg in
        select old.stage_id union select new.stage_id
        union select c.stage_id from submissions c
          where old.stage_id <> new.stage_id and (c.parent_submission_id = new.submission_id
            or (c.parent_submission_id is null and c.depends_on_submission_id = new.submission_id))
        order by 1
      loop
        perform poms_recount_stage_roots(stg);
      end loop;
      return null;
    end $$`);
  await knex.raw(`
    create function poms_stage_root_delete() returns trigger language plpgsql as $$
    declare
      stg integer;
    begin
      for stg in select distinct stage_id from gone order by 1 loop
        perform poms_recount_stage_roots(stg);
      end loop;
      return null;
    end $$`);
  await knex.raw(`
    create trigger submissions_stage_root_insert after insert on submissions
    for each row execute function poms_stage_root_insert()`);
  await knex.raw(`
    create trigger submissions_stage_root_update after update on submissions
    for each row when (old.parent_submission_id is distinct from new.parent_submission_id
      or old.depends_on_submission_id is distinct from new.depends_on_submission_id
      or old.stage_id is distinct from new.stage_id)
    execute function poms_stage_root_update()`);
  await knex.raw(`
    create trigger submissions_stage_root_delete after delete on submissions
    referencing old table as gone for each statement execute function poms_stage_root_delete()`);
  await knex.raw(`
    create function poms_rebuild_stage_roots() returns void language sql as $$
      delete from stage_root_counts;
      insert into stage_root_counts (stage_id, n)
        select u.stage_id, count(*) filter (where p.submission_id is null) from submissions u
          left join submissions p on p.submission_id = coalesce(u.parent_submission_id, u.depends_on_submission_id)
            and p.stage_id = u.stage_id
        group by u.stage_id;
    $$`);
  await knex.raw('select poms_rebuild_stage_roots()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger submissions_stage_root_delete on submissions');
  await knex.raw('drop trigger submissions_stage_root_update on submissions');
  await knex.raw('drop trigger submissions_stage_root_insert on submissions');
  await knex.raw('drop function poms_rebuild_stage_roots()');
  await knex.raw('drop function poms_stage_root_delete()');
  await knex.raw('drop function poms_stage_root_update()');
  await knex.raw('drop function poms_stage_root_insert()');
  await knex.raw('drop function poms_recount_stage_roots(integer)');
  await knex.raw('drop function poms_stage_root(integer, bigint)');
  await knex.raw('drop table stage_root_counts');
}
