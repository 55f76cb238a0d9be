import type { Knex } from 'knex';

// Issue 15: stalls (shifter view, overview, notifications) read, per stage with unfinished
// submissions, its oldest unfinished submission and its latest Located one. They were two index
// probes per stage at every page view (5,509 stages at a million submissions); now each stage's
// `submission_rollups` row keeps them, written by a trigger in the transaction of the submission
// write that changed them: the unfinished count by difference, and the oldest unfinished and
// latest Located by one probe of the partial indexes (submissions_stage_unfinished_idx,
// submissions_stage_located_idx) when a row that is or was one of them changes, so they stay exact
// when the oldest one finishes. poms_rebuild_stage_rollups() (called by poms_rebuild_rollups(),
// which bulk loads run) rebuilds them too. Ties: the lowest id among the oldest, the highest among
// the latest Located.

const UNFINISHED = `('New', 'Idle', 'Running', 'Held', 'Completed')`;

/** The (campaign 0 = none, stage) of a submission row's version `v` (old or new). */
const key = (v: string) => `coalesce(${v}.campaign_id, 0), ${v}.stage_id`;

// The columns whose change the campaign rollups follow (the stall columns are the stage's own).
const SUMMED = `campaign_id, files_submitted, files_consumed, files_done, uncounted, submissions, running, held,
  failed, completed, located, first_created, last_change`;

/** Every stage row's stall columns from scratch (the backfill and the end of a stage rebuild). */
const FILL = [
  `update submission_rollups r set unfinished = u.n, oldest_unfinished = u.created_at, oldest_unfinished_id = u.submission_id
   from (select distinct on (1, 2) coalesce(s.campaign_id, 0) as campaign_id, s.stage_id, s.created_at, s.submission_id,
           count(*) over (partition by coalesce(s.campaign_id, 0), s.stage_id) as n
         from submissions s where s.status in ${UNFINISHED}
         order by 1, 2, s.created_at, s.submission_id) u
   where r.campaign_id = u.campaign_id and r.stage_id = u.stage_id`,
  `update submission_rollups r set last_located = l.status_at, last_located_id = l.submission_id
   from (select distinct on (1, 2) coalesce(s.campaign_id, 0) as campaign_id, s.stage_id, s.status_at, s.submission_id
         from submissions s where s.status = 'Located'
         order by 1, 2, s.status_at desc, s.submission_id desc) l
   where r.campaign_id = l.campaign_id and r.stage_id = l.stage_id`,
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table submission_rollups
      add column unfinished integer not null default 0,
      add column oldest_unfinished timestamptz, add column oldest_unfinished_id bigint,
      add column last_located timestamptz, add column last_located_id bigint`);
  // The campaign rows' trigger fired on every update of a stage row; it now skips updates of the
  // stall columns alone.
  await knex.raw('drop trigger submission_rollups_campaign on submission_rollups');
  await knex.raw(`
    create trigger submission_rollups_campaign after insert or delete or update of ${SUMMED}
    on submission_rollups for each row execute function poms_campaign_rollup()`);

  // One stage row: add `d` to its unfinished count (the upsert locks the row, so the probes after
  // it see concurrent writers' committed rows), then re-read what the change may have moved.
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
    create function poms_submission_stall() returns trigger language plpgsql as $$
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
  await knex.raw(`
    create trigger submissions_stall_insert after insert or delete on submissions
    for each row execute function poms_submission_stall()`);
  // Only changes that can move a stall figure: into or out of unfinished or Located, a Located
  // one's time, an unfinished one's creation time, or the stage or campaign.
  await knex.raw(`
    create trigger submissions_stall_update after update on submissions
    for each row when (
      (old.status in ${UNFINISHED}) is distinct from (new.status in ${UNFINISHED})
      or (old.status = 'Located') is distinct from (new.status = 'Located')
      or (new.status = 'Located' and old.status_at is distinct from new.status_at)
      or (new.status in ${UNFINISHED} and old.created_at is distinct from new.created_at)
      or old.campaign_id is distinct from new.campaign_id or old.stage_id is distinct from new.stage_id)
    execute function poms_submission_stall()`);

  // poms_rebuild_stage_rollups() keeps its name (poms_rebuild_rollups() calls it).
  await knex.raw('alter function poms_rebuild_stage_rollups() rename to poms_rebuild_stage_sums');
  await knex.raw(`
    create function poms_rebuild_stage_rollups() returns void language sql as $$
      select poms_rebuild_stage_sums(); ${FILL.join('; ')};
    $$`);
  for (const one of FILL) await knex.raw(one);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function poms_rebuild_stage_rollups()');
  await knex.raw('alter function poms_rebuild_stage_sums() rename to poms_rebuild_stage_rollups');
  await knex.raw('drop trigger submissions_stall_update on submissions');
  await knex.raw('drop trigger submissions_stall_insert on submissions');
  await knex.raw('drop function poms_submission_stall()');
  await knex.raw('drop function poms_refresh_stage_stall(integer, integer, integer, boolean, boolean)');
  await knex.raw('drop trigger submission_rollups_campaign on submission_rollups');
  await knex.raw(`
    create trigger submission_rollups_campaign after insert or update or delete on submission_rollups
    for each row execute function poms_campaign_rollup()`);
  await knex.raw(`
    alter table submission_rollups drop column unfinished, drop column oldest_unfinished,
      drop column oldest_unfinished_id, drop column last_located, drop column last_located_id`);
}
