import type { Knex } from 'knex';

// Issue 15: a submissions list shows its top-level rows, those whose cause (the recovery parent,
// else the submission whose completion launched them) is not listed in the same stage or campaign
// and window. Deciding that anti-joined the whole window with itself before a page could be taken
// (a page asked for by number at a busy stage: 20,000 submissions read to skip 7,450). Each
// submission now keeps its cause's stage, campaign and creation time, so whether it is a root of
// a window is decided on its own row, in index order, and a page stops after the rows it skips.
// Kept in the write's transaction: a row's own cause is looked up when it is inserted or its
// cause changes; when a submission's stage, campaign or creation time changes, the rows it caused
// follow. poms_rebuild_submission_causes() fills every row (bulk loads that ran with triggers off).

const COLUMNS = ['cause_stage_id', 'cause_campaign_id', 'cause_created_at'] as const;

const INDEXES = [
  { name: 'submissions_stage_created_idx', scope: 'stage_id' },
  { name: 'submissions_campaign_created_idx', scope: 'campaign_id' },
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table submissions
    add column cause_stage_id integer, add column cause_campaign_id integer,
    add column cause_created_at timestamptz`);
  await knex.raw(`
    create function poms_submission_cause() returns trigger language plpgsql as $$
    begin
      select p.stage_id, p.campaign_id, p.created_at
        into new.cause_stage_id, new.cause_campaign_id, new.cause_created_at
        from submissions p where p.submission_id = coalesce(new.parent_submission_id, new.depends_on_submission_id);
      if not found then
        new.cause_stage_id := null;
        new.cause_campaign_id := null;
        new.cause_created_at := null;
      end if;
      return new;
    end $$`);
  await knex.raw(`
    create function poms_submission_cause_moved() returns trigger language plpgsql as $$
    begin
      update submissions c set cause_stage_id = new.stage_id, cause_campaign_id = new.campaign_id,
          cause_created_at = new.created_at
        where c.parent_submission_id = new.submission_id
          or (c.parent_submission_id is null and c.depends_on_submission_id = new.submission_id);
      return null;
    end $$`);
  await knex.raw(`
    create trigger submissions_cause_insert before insert on submissions for each row
    when (new.parent_submission_id is not null or new.depends_on_submission_id is not null)
    execute function poms_submission_cause()`);
  await knex.raw(`
    create trigger submissions_cause_update before update on submissions for each row
    when (old.parent_submission_id is distinct from new.parent_submission_id
      or old.depends_on_submission_id is distinct from new.depends_on_submission_id)
    execute function poms_submission_cause()`);
  await knex.raw(`
    create trigger submissions_cause_moved after update on submissions for each row
    when (old.stage_id is distinct from new.stage_id or old.campaign_id is distinct from new.campaign_id
      or old.created_at is distinct from new.created_at)
    execute function poms_submission_cause_moved()`);
  await knex.raw(`
    create function poms_rebuild_submission_causes() returns void language sql as $$
      update submissions u set cause_stage_id = p.stage_id, cause_campaign_id = p.campaign_id,
          cause_created_at = p.created_at
        from submissions p where p.submission_id = coalesce(u.parent_submission_id, u.depends_on_submission_id)
          and (u.cause_stage_id is distinct from p.stage_id or u.cause_campaign_id is distinct from p.campaign_id
            or u.cause_created_at is distinct from p.created_at);
    $$`);
  await knex.raw('select poms_rebuild_submission_causes()');
  // The lists' indexes carry the new columns, so root-ness is read from the index alone.
  for (const { name, scope } of INDEXES)
    await replaceIndex(knex, name, scope, [
      'parent_submission_id',
      'depends_on_submission_id',
      'experiment',
      ...COLUMNS,
    ]);
}

/** The list index `name` on (scope, created_at, submission_id), carrying `include`, under the same name. */
async function replaceIndex(knex: Knex, name: string, scope: string, include: readonly string[]) {
  await knex.raw(`create index ${name}_next on submissions (${scope}, created_at, submission_id)
    include (${include.join(', ')})`);
  await knex.raw(`drop index ${name}`);
  await knex.raw(`alter index ${name}_next rename to ${name}`);
}

export async function down(knex: Knex): Promise<void> {
  for (const { name, scope } of INDEXES)
    await replaceIndex(knex, name, scope, ['parent_submission_id', 'depends_on_submission_id', 'experiment']);
  await knex.raw('drop function poms_rebuild_submission_causes()');
  await knex.raw('drop trigger submissions_cause_moved on submissions');
  await knex.raw('drop trigger submissions_cause_update on submissions');
  await knex.raw('drop trigger submissions_cause_insert on submissions');
  await knex.raw('drop function poms_submission_cause_moved()');
  await knex.raw('drop function poms_submission_cause()');
  await knex.raw(`alter table submissions ${COLUMNS.map((c) => `drop column ${c}`).join(', ')}`);
}
