import type { Knex } from 'knex';

// The stall columns of a stage's submission_rollups row (migration add-stage-stall-rollups) were
// kept by calling poms_refresh_stage_stall once for a submission's old version and once for its
// new one, even when both are the same stage: each call upserted the row (the new version's call
// added 0) and re-read the oldest unfinished and latest Located with an index probe whenever the
// row was or became one of them. One Completed → Located wrote the stage's row four times on top
// of the family rollup's write, and every launch probed the index although a comparison with the
// stored oldest would do.
//
// Now a change within one stage is one call: it locks the row, adds the count's difference,
// compares an entering submission with the stored oldest unfinished / latest Located, probes the
// index only when the stored one itself leaves (or moves), and writes the row once, only if a
// figure changed. A change of stage or campaign (or an insert or delete) calls it for each side
// that is or was unfinished or Located. The triggers and their WHEN clauses are unchanged; the
// stored figures mean what they meant (poms_rebuild_stage_rollups() still rebuilds them).

const UNFINISHED = `('New', 'Idle', 'Running', 'Held', 'Completed')`;

/** The (campaign 0 = none, stage) of a submission row's version `v` (old or new). */
const key = (v: string) => `coalesce(${v}.campaign_id, 0), ${v}.stage_id`;

export async function up(knex: Knex): Promise<void> {
  // One stage row: `d` added to its unfinished count; `out_*`: a submission that stops being (or
  // moves as) an unfinished / the Located one; `in_*`: one that starts being (or moves as) one.
  await knex.raw(`
    create function poms_stage_stall_change(camp integer, stg integer, d integer,
        out_unf bigint, in_unf_at timestamptz, in_unf bigint,
        out_loc bigint, in_loc_at timestamptz, in_loc bigint)
    returns void language plpgsql as $$
    declare
      r submission_rollups%rowtype;
      was submission_rollups%rowtype;
    begin
      -- The lock comes first, so the probes below see every concurrent writer's committed rows.
      select * into r from submission_rollups where campaign_id = camp and stage_id = stg for update;
      if not found then
        insert into submission_rollups (campaign_id, stage_id) values (camp, stg) on conflict do nothing;
        select * into r from submission_rollups where campaign_id = camp and stage_id = stg for update;
      end if;
      was := r;
      r.unfinished := r.unfinished + d;
      if out_unf is not null and out_unf = r.oldest_unfinished_id then
        r.oldest_unfinished := null;
        r.oldest_unfinished_id := null;
        select s.created_at, s.submission_id into r.oldest_unfinished, r.oldest_unfinished_id
          from submissions s
          where s.stage_id = stg and coalesce(s.campaign_id, 0) = camp and s.status in ${UNFINISHED}
          order by s.created_at, s.submission_id limit 1;
      elsif in_unf is not null and (r.oldest_unfinished_id is null
          or (in_unf_at, in_unf) < (r.oldest_unfinished, r.oldest_unfinished_id)) then
        r.oldest_unfinished := in_unf_at;
        r.oldest_unfinished_id := in_unf;
      end if;
      if out_loc is not null and out_loc = r.last_located_id then
        r.last_located := null;
        r.last_located_id := null;
        select s.status_at, s.submission_id into r.last_located, r.last_located_id
          from submissions s
          where s.stage_id = stg and coalesce(s.campaign_id, 0) = camp and s.status = 'Located'
          order by s.status_at desc, s.submission_id desc limit 1;
      elsif in_loc is not null and (r.last_located_id is null
          or (in_loc_at, in_loc) > (r.last_located, r.last_located_id)) then
        r.last_located := in_loc_at;
        r.last_located_id := in_loc;
      end if;
      if r is distinct from was then
        update submission_rollups set unfinished = r.unfinished,
            oldest_unfinished = r.oldest_unfinished, oldest_unfinished_id = r.oldest_unfinished_id,
            last_located = r.last_located, last_located_id = r.last_located_id
          where campaign_id = camp and stage_id = stg;
      end if;
    end $$`);
  await knex.raw(`
    create or replace function poms_submission_stall() returns trigger language plpgsql as $$
    declare
      was_unf boolean := tg_op <> 'INSERT' and old.status in ${UNFINISHED};
      was_loc boolean := tg_op <> 'INSERT' and old.status = 'Located';
      is_unf boolean := tg_op <> 'DELETE' and new.status in ${UNFINISHED};
      is_loc boolean := tg_op <> 'DELETE' and new.status = 'Located';
      same_unf boolean;
      same_loc boolean;
    begin
      if tg_op = 'UPDATE' and coalesce(old.campaign_id, 0) = coalesce(new.campaign_id, 0)
          and old.stage_id = new.stage_id then
        -- Still unfinished (Located) at the same time: it neither leaves nor enters.
        same_unf := was_unf and is_unf and old.created_at = new.created_at;
        same_loc := was_loc and is_loc and old.status_at = new.status_at;
        perform poms_stage_stall_change(${key('new')}, is_unf::int - was_unf::int,
          case when was_unf and not same_unf then old.submission_id end,
          new.created_at, case when is_unf and not same_unf then new.submission_id end,
          case when was_loc and not same_loc then old.submission_id end,
          new.status_at, case when is_loc and not same_loc then new.submission_id end);
        return null;
      end if;
      if was_unf or was_loc then
        perform poms_stage_stall_change(${key('old')}, -was_unf::int,
          case when was_unf then old.submission_id end, null, null,
          case when was_loc then old.submission_id end, null, null);
      end if;
      if is_unf or is_loc then
        perform poms_stage_stall_change(${key('new')}, is_unf::int,
          null, new.created_at, case when is_unf then new.submission_id end,
          null, new.status_at, case when is_loc then new.submission_id end);
      end if;
      return null;
    end $$`);
  await knex.raw('drop function poms_refresh_stage_stall(integer, integer, integer, boolean, boolean)');
}

export async function down(knex: Knex): Promise<void> {
  // The functions as migration add-stage-stall-rollups defined them.
  await knex.raw(`
    create function poms_refresh_stage_stall(camp integer, stg integer, d integer, unf boolean, loc boolean)
    returns void language plpgsql as $$
    begin
      insert into submission_rollups as r (campaign_id, stage_id, unfinished) values (camp, stg, d)
        on conflict (campaign_id, stage_id) do update set unfinished = r.unfinished + excluded.unfinished;
      if unf then
        update submission_rollups set (oldest_unfinished, oldest_unfinished_id) = (
            select s.created_at, s.submission_id from submissions s
            where s.stage_id = stg and coalesce(s.campaign_id, 0) = camp and s.status in ${UNFINISHED}
            order by s.created_at, s.submission_id limit 1)
          where campaign_id = camp and stage_id = stg;
      end if;
      if loc then
        update submission_rollups set (last_located, last_located_id) = (
            select s.status_at, s.submission_id from submissions s
            where s.stage_id = stg and coalesce(s.campaign_id, 0) = camp and s.status = 'Located'
            order by s.status_at desc, s.submission_id desc limit 1)
          where campaign_id = camp and stage_id = stg;
      end if;
    end $$`);
  await knex.raw(`
    create or replace function poms_submission_stall() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        perform poms_refresh_stage_stall(${key('old')}, -(old.status in ${UNFINISHED})::int,
          old.status in ${UNFINISHED}, old.status = 'Located');
      end if;
      if tg_op in ('UPDATE', 'INSERT') then
        perform poms_refresh_stage_stall(${key('new')}, (new.status in ${UNFINISHED})::int,
          new.status in ${UNFINISHED}, new.status = 'Located');
      end if;
      return null;
    end $$`);
  await knex.raw(
    'drop function poms_stage_stall_change(integer, integer, integer, bigint, timestamptz, bigint, bigint, timestamptz, bigint)',
  );
}
