import type { Knex } from 'knex';

// Issue 15: one rollup row per campaign, the sum of its stages' rows in `submission_rollups`, kept
// by a trigger on that table (so in the same transaction as the submission write that changed a
// stage's row). The overview sorts every campaign of an experiment by files done, activity or
// problems and shows a page of them: it reads one row per campaign instead of summing ten stage
// rows each, and the campaign page's submission count is this row's too. The rows are backfilled
// here, and poms_rebuild_rollups() (bulk loads run with the submission triggers off) now rebuilds
// them after the stage rows. first_created and last_change only move outward, as the stage rows'
// do.

const SUMS = `files_submitted, files_consumed, files_done, uncounted, submissions, running, held, failed,
  completed, located`;
const COLUMNS = `${SUMS}, first_created, last_change`;

const sumsOf = (from: string) =>
  SUMS.split(',')
    .map((c) => `coalesce(sum(${from}.${c.trim()}), 0)`)
    .join(', ');

/** Every campaign's row from the stage rows (the backfill and the end of a rebuild). */
const REBUILD_CAMPAIGNS = `
  delete from campaign_rollups;
  insert into campaign_rollups (campaign_id, ${COLUMNS})
    select u.campaign_id, ${sumsOf('u')}, min(u.first_created), max(u.last_change)
    from submission_rollups u group by u.campaign_id;`;

// poms_rebuild_rollups() keeps its name (bench:gen and migrations call it): the stage rebuild
// defined by migration add-submission-rollups is renamed and called first.
const REBUILD_ALL = `
  create function poms_rebuild_rollups() returns void language sql as $$
    select poms_rebuild_stage_rollups(); ${REBUILD_CAMPAIGNS}
  $$`;

export async function up(knex: Knex): Promise<void> {
  // The stage rows' columns but the stage.
  await knex.raw('create table campaign_rollups (like submission_rollups including defaults)');
  await knex.raw(
    'alter table campaign_rollups drop column stage_id, add constraint campaign_rollups_pk primary key (campaign_id)',
  );
  const delta = SUMS.split(',').map((c) => c.trim());
  // A stage row's change adds its difference to the campaign's row; a deleted stage row (only in a
  // rebuild) subtracts itself.
  await knex.raw(`
    create function poms_campaign_rollup() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' or (tg_op = 'UPDATE' and old.campaign_id <> new.campaign_id) then
        update campaign_rollups set ${delta.map((c) => `${c} = ${c} - old.${c}`).join(', ')}
          where campaign_id = old.campaign_id;
      end if;
      if tg_op = 'DELETE' then
        return null;
      elsif tg_op = 'INSERT' or old.campaign_id <> new.campaign_id then
        insert into campaign_rollups as r (campaign_id, ${COLUMNS})
          values (new.campaign_id, ${delta.map((c) => `new.${c}`).join(', ')}, new.first_created, new.last_change)
          on conflict (campaign_id) do update set
            ${delta.map((c) => `${c} = r.${c} + excluded.${c}`).join(',\n            ')},
            first_created = least(r.first_created, excluded.first_created),
            last_change = greatest(r.last_change, excluded.last_change);
      else
        update campaign_rollups as r set
            ${delta.map((c) => `${c} = r.${c} + (new.${c} - old.${c})`).join(',\n            ')},
            first_created = least(r.first_created, new.first_created),
            last_change = greatest(r.last_change, new.last_change)
          where r.campaign_id = new.campaign_id;
      end if;
      return null;
    end $$`);
  await knex.raw(`
    create trigger submission_rollups_campaign after insert or update or delete on submission_rollups
    for each row execute function poms_campaign_rollup()`);
  await knex.raw('alter function poms_rebuild_rollups() rename to poms_rebuild_stage_rollups');
  await knex.raw(REBUILD_ALL);
  for (const one of REBUILD_CAMPAIGNS.split(';').filter((s) => s.trim())) await knex.raw(one);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function poms_rebuild_rollups()');
  await knex.raw('alter function poms_rebuild_stage_rollups() rename to poms_rebuild_rollups');
  await knex.raw('drop trigger submission_rollups_campaign on submission_rollups');
  await knex.raw('drop function poms_campaign_rollup()');
  await knex.raw('drop table campaign_rollups');
}
