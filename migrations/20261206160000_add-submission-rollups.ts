import type { Knex } from 'knex';

// Per-(campaign, stage) rollups of submissions and files, kept by triggers in the transaction of
// every write to `submissions` (status changes, file counts, launches, campaign deletion), so the
// experiment overview and campaign progress read one small row per stage instead of aggregating a
// campaign's whole history on every request. Also the indexes that make the shifter view and the
// "recent" figures cost what is active or recent, not what is old.
//
// The arithmetic is progress-read-model's familiesSql/FAMILY_SUMS_SQL, per family (an original
// submission and its recoveries): `submission_families` keeps each family's contribution and the
// trigger adds the difference to `submission_rollups`. The "done" formula is DONE_FILES_SQL as of
// this migration; a change to it needs a migration redefining poms_family_done() and calling
// poms_rebuild_rollups() (a test compares the rollups with the live aggregate).
// (least() skips nulls, hence the case expressions.) campaign_id 0 stands for "no campaign" (the campaign was deleted).

const UNFINISHED = `('New', 'Idle', 'Running', 'Held', 'Completed')`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table submission_families (
      family_id bigint not null,
      campaign_id integer not null,
      stage_id integer not null,
      total integer,
      consumed bigint not null default 0,
      done bigint not null default 0,
      open boolean not null default false,
      submissions integer not null default 0,
      running integer not null default 0,
      held integer not null default 0,
      failed integer not null default 0,
      completed integer not null default 0,
      located integer not null default 0,
      first_created timestamptz,
      last_change timestamptz,
      constraint submission_families_pk primary key (family_id, campaign_id, stage_id)
    )`);
  await knex.raw(`
    create table submission_rollups (
      campaign_id integer not null,
      stage_id integer not null,
      files_submitted bigint not null default 0,
      files_consumed bigint not null default 0,
      files_done bigint not null default 0,
      uncounted integer not null default 0,
      submissions integer not null default 0,
      running integer not null default 0,
      held integer not null default 0,
      failed integer not null default 0,
      completed integer not null default 0,
      located integer not null default 0,
      first_created timestamptz,
      last_change timestamptz,
      constraint submission_rollups_pk primary key (campaign_id, stage_id)
    )`);

  await knex.raw(`
    create function poms_family_done(status text, located_reason text, files_located integer, files_consumed integer)
    returns bigint language sql immutable as $$
      select case when status = 'Located' and located_reason in ('threshold', 'complete')
        then greatest(coalesce(files_located, 0), coalesce(files_consumed, 0))
        else coalesce(files_located, 0) end::bigint
    $$`);

  // Recomputes one family's row and adds the difference to its rollup. The family row is locked
  // before the members are read, so concurrent changes to one family apply one after the other.
  await knex.raw(`
    create function poms_refresh_family(fam bigint, camp integer, stg integer) returns void
    language plpgsql as $$
    declare
      o submission_families%rowtype;
      n submission_families%rowtype;
    begin
      insert into submission_families (family_id, campaign_id, stage_id) values (fam, camp, stg)
        on conflict do nothing;
      select * into o from submission_families
        where family_id = fam and campaign_id = camp and stage_id = stg for update;
      select fam, camp, stg,
          max(s.files_submitted) filter (where s.parent_submission_id is null),
          coalesce(sum(coalesce(s.files_consumed, 0)), 0),
          coalesce(sum(poms_family_done(s.status, s.located_reason, s.files_located, s.files_consumed)), 0),
          coalesce(bool_or(s.parent_submission_id is null
            and s.status not in ('LaunchFailed', 'Failed', 'Cancelled', 'Removed')), false),
          count(*),
          count(*) filter (where s.status in ('New', 'Awaiting Approval', 'Idle', 'Running')),
          count(*) filter (where s.status = 'Held'),
          count(*) filter (where s.status in ('Failed', 'LaunchFailed')),
          count(*) filter (where s.status = 'Completed'),
          count(*) filter (where s.status = 'Located'),
          min(s.created_at), max(s.status_at)
        into n
        from submissions s
        where (s.submission_id = fam or s.parent_submission_id = fam)
          and coalesce(s.parent_submission_id, s.submission_id) = fam
          and coalesce(s.campaign_id, 0) = camp and s.stage_id = stg;
      if n.submissions = 0 then
        delete from submission_families where family_id = fam and campaign_id = camp and stage_id = stg;
      else
        update submission_families set total = n.total, consumed = n.consumed, done = n.done,
            open = n.open, submissions = n.submissions, running = n.running, held = n.held,
            failed = n.failed, completed = n.completed, located = n.located,
            first_created = n.first_created, last_change = n.last_change
          where family_id = fam and campaign_id = camp and stage_id = stg;
      end if;
      insert into submission_rollups as r (campaign_id, stage_id, files_submitted, files_consumed,
          files_done, uncounted, submissions, running, held, failed, completed, located,
          first_created, last_change)
        values (camp, stg,
          coalesce(n.total, 0) - coalesce(o.total, 0),
          case when n.total is null then 0 else least(n.total, n.consumed) end
            - case when o.total is null then 0 else least(o.total, o.consumed) end,
          case when n.total is null then 0 else least(n.total, n.done) end
            - case when o.total is null then 0 else least(o.total, o.done) end,
          (n.total is null and n.open)::int - (o.total is null and o.open)::int,
          n.submissions - o.submissions, n.running - o.running, n.held - o.held,
          n.failed - o.failed, n.completed - o.completed, n.located - o.located,
          n.first_created, n.last_change)
        on conflict (campaign_id, stage_id) do update set
          files_submitted = r.files_submitted + excluded.files_submitted,
          files_consumed = r.files_consumed + excluded.files_consumed,
          files_done = r.files_done + excluded.files_done,
          uncounted = r.uncounted + excluded.uncounted,
          submissions = r.submissions + excluded.submissions,
          running = r.running + excluded.running,
          held = r.held + excluded.held,
          failed = r.failed + excluded.failed,
          completed = r.completed + excluded.completed,
          located = r.located + excluded.located,
          first_created = least(r.first_created, excluded.first_created),
          last_change = greatest(r.last_change, excluded.last_change);
    end $$`);

  await knex.raw(`
    create function poms_submission_rollup() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        perform poms_refresh_family(coalesce(new.parent_submission_id, new.submission_id),
          coalesce(new.campaign_id, 0), new.stage_id);
      end if;
      if tg_op = 'DELETE' or (tg_op = 'UPDATE' and (
          coalesce(old.parent_submission_id, old.submission_id) <> coalesce(new.parent_submission_id, new.submission_id)
          or coalesce(old.campaign_id, 0) <> coalesce(new.campaign_id, 0) or old.stage_id <> new.stage_id)) then
        perform poms_refresh_family(coalesce(old.parent_submission_id, old.submission_id),
          coalesce(old.campaign_id, 0), old.stage_id);
      end if;
      return null;
    end $$`);
  await knex.raw(`
    create trigger submissions_rollup_insert after insert or delete on submissions
    for each row execute function poms_submission_rollup()`);
  await knex.raw(`
    create trigger submissions_rollup_update after update on submissions
    for each row when (
      old.status is distinct from new.status or old.status_at is distinct from new.status_at
      or old.created_at is distinct from new.created_at
      or old.files_submitted is distinct from new.files_submitted
      or old.files_consumed is distinct from new.files_consumed
      or old.files_located is distinct from new.files_located
      or old.located_reason is distinct from new.located_reason
      or old.parent_submission_id is distinct from new.parent_submission_id
      or old.campaign_id is distinct from new.campaign_id or old.stage_id is distinct from new.stage_id)
    execute function poms_submission_rollup()`);

  // Everything from scratch: the backfill here, and bulk loads that ran with the triggers off.
  await knex.raw(`
    create function poms_rebuild_rollups() returns void language sql as $$
      delete from submission_rollups;
      delete from submission_families;
      insert into submission_families
        select coalesce(s.parent_submission_id, s.submission_id), coalesce(s.campaign_id, 0), s.stage_id,
          max(s.files_submitted) filter (where s.parent_submission_id is null),
          sum(coalesce(s.files_consumed, 0)),
          sum(poms_family_done(s.status, s.located_reason, s.files_located, s.files_consumed)),
          coalesce(bool_or(s.parent_submission_id is null
            and s.status not in ('LaunchFailed', 'Failed', 'Cancelled', 'Removed')), false),
          count(*),
          count(*) filter (where s.status in ('New', 'Awaiting Approval', 'Idle', 'Running')),
          count(*) filter (where s.status = 'Held'),
          count(*) filter (where s.status in ('Failed', 'LaunchFailed')),
          count(*) filter (where s.status = 'Completed'),
          count(*) filter (where s.status = 'Located'),
          min(s.created_at), max(s.status_at)
        from submissions s
        group by 1, 2, 3;
      insert into submission_rollups
        select campaign_id, stage_id, coalesce(sum(total), 0),
          coalesce(sum(case when total is null then null else least(total, consumed) end), 0),
          coalesce(sum(case when total is null then null else least(total, done) end), 0),
          count(*) filter (where total is null and open),
          sum(submissions), sum(running), sum(held), sum(failed), sum(completed), sum(located),
          min(first_created), max(last_change)
        from submission_families group by campaign_id, stage_id;
    $$`);
  await knex.raw('select poms_rebuild_rollups()');

  // Shifter view and overview: unfinished submissions per campaign (cost follows what is active),
  // a campaign's latest change and latest Located (one index probe each), and the recent failures.
  await knex.raw(
    `create index submissions_unfinished_campaign_idx on submissions (experiment, campaign_id, created_at) where status in ${UNFINISHED}`,
  );
  await knex.raw('create index submissions_campaign_status_at_idx on submissions (campaign_id, status_at)');
  await knex.raw(
    `create index submissions_campaign_located_idx on submissions (campaign_id, status_at) where status = 'Located'`,
  );
  await knex.raw(
    `create index submissions_campaign_failed_idx on submissions (campaign_id, status_at) where status in ('Failed', 'LaunchFailed')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index submissions_campaign_failed_idx');
  await knex.raw('drop index submissions_campaign_located_idx');
  await knex.raw('drop index submissions_campaign_status_at_idx');
  await knex.raw('drop index submissions_unfinished_campaign_idx');
  await knex.raw('drop trigger submissions_rollup_update on submissions');
  await knex.raw('drop trigger submissions_rollup_insert on submissions');
  await knex.raw('drop function poms_rebuild_rollups()');
  await knex.raw('drop function poms_submission_rollup()');
  await knex.raw('drop function poms_refresh_family(bigint, integer, integer)');
  await knex.raw('drop function poms_family_done(text, text, integer, integer)');
  await knex.raw('drop table submission_rollups');
  await knex.raw('drop table submission_families');
}
