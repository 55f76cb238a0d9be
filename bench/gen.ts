// `npm run bench:gen -- --scale small|large`: builds the benchmark experiment in the PostgreSQL
// database named by DATABASE_URL (which must be a database for benchmarks: its name contains
// "bench"; it is emptied first). Deterministic: every value is a function of the row number.
//
// Shape (large; small is a tenth): 2,000 campaigns of 10 stages chained by dependencies, 1,000,000
// submissions over two years with 8 history rows each, a few very busy stages and most with a few
// dozen submissions, one in ten a recovery of the one before, one in twenty a dependency launch,
// snapshots, file numbers and cached SAM counts, the newest 1 % still active (running, idle, held,
// completed), queued launches, watches and acknowledgements.
import { performance } from 'node:perf_hooks';
import { createDb } from '../src/db/create-db.js';
import { migrateLatest } from '../src/db/migration-source.js';
import { seedDemoPeople } from '../src/services/demo/demo-people.js';

// SMALL's busiest stage has one busy stage's share of a week to itself, so it fills the same pages
// LARGE's does (50 rows in the last 7 days, page 150 of its whole life): with five, as at LARGE, it
// had 19 submissions a week, given in blocks of 1,000 (its last block a month old), and the
// LARGE/SMALL ratio compared 50 rows with none.
export const SCALES = {
  small: { campaigns: 200, submissions: 100_000, busy: 1, busyShare: 0.1 },
  large: { campaigns: 2_000, submissions: 1_000_000, busy: 5, busyShare: 0.1 },
} as const;
export type Scale = keyof typeof SCALES;
export const STAGES_PER_CAMPAIGN = 10;
export const HISTORY_PER_SUBMISSION = 8;
export const EXPERIMENT = 'samdev';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const scale = (arg('scale') ?? 'small') as Scale;
  if (!(scale in SCALES)) throw new Error(`--scale must be small or large, not ${scale}`);
  const url = process.env.DATABASE_URL;
  if (!url || !/bench/.test(new URL(url).pathname))
    throw new Error(
      'DATABASE_URL must name a PostgreSQL database for benchmarks (its name contains "bench")',
    );
  const s = SCALES[scale];
  const nStages = s.campaigns * STAGES_PER_CAMPAIGN;
  const db = createDb({ url, poolMax: 2 });
  const t0 = performance.now();
  // Statements separated by ';\n' run one by one, each with the bindings its `?` take in order.
  const step = async (label: string, sql: string, bindings: unknown[] = []) => {
    const t = performance.now();
    const rest = [...bindings];
    for (const one of sql.split(/;\s*\n/)) {
      const k = (one.match(/\?/g) ?? []).length;
      await db.raw(one, rest.splice(0, k) as never);
    }
    console.log(`${label.padEnd(44)} ${((performance.now() - t) / 1000).toFixed(1).padStart(7)} s`);
  };

  await step('empty the database', 'drop schema public cascade;\n create schema public');
  await migrateLatest(db);
  await seedDemoPeople(db);
  const producer = (await db('experimenters').where({ username: 'producer' }).first('experimenter_id'))!
    .experimenter_id as number;
  const superuser = (await db('experimenters').where({ username: 'superuser' }).first('experimenter_id'))!
    .experimenter_id as number;
  const [ls] = await db('login_setups')
    .insert({
      experiment: EXPERIMENT,
      name: 'bench_ls',
      launch_host: 'localhost',
      launch_account: 'poms',
      launch_setup: 'true',
      creator: producer,
    })
    .returning('login_setup_id');
  const [jt] = await db('job_types')
    .insert({
      experiment: EXPERIMENT,
      name: 'bench_jt',
      launch_script: 'fife_launch',
      output_file_patterns: '%.root',
      creator: producer,
    })
    .returning('job_type_id');

  // Bulk load with the rollup and status-count triggers off; both are rebuilt from scratch after.
  await db.raw('alter table submissions disable trigger user');
  await step(
    `campaigns (${s.campaigns})`,
    `insert into campaigns (campaign_id, experiment, name, active, creator, created_at)
     select g, ?, 'bench_campaign_' || lpad(g::text, 5, '0'), g % 4 <> 0, ?, now() - interval '730 days'
     from generate_series(1, ?) g`,
    [EXPERIMENT, producer, s.campaigns],
  );
  await step(
    `stages (${nStages})`,
    `insert into stages (stage_id, campaign_id, experiment, name, job_type_id, login_setup_id, creator, dataset, split_type)
     select g, (g - 1) / ${STAGES_PER_CAMPAIGN} + 1, ?, 'stage_' || ((g - 1) % ${STAGES_PER_CAMPAIGN}), ?, ?, ?,
            'bench_raw_' || g, case when g % 3 = 0 then 'nfiles(50)' end
     from generate_series(1, ?) g`,
    [EXPERIMENT, jt.job_type_id, ls.login_setup_id, producer, nStages],
  );
  await step(
    'dependencies (chains inside each campaign)',
    `insert into dependencies (upstream_stage_id, downstream_stage_id, file_pattern)
     select g, g + 1, '%.root' from generate_series(1, ?) g where g % ${STAGES_PER_CAMPAIGN} <> 0`,
    [nStages],
  );
  await step(
    'snapshots',
    `insert into stage_snapshots (snapshot_id, stage_id, content_hash, content)
       select g, g, 'h' || g, jsonb_build_object('softwareVersion', 'v1_' || (g % 7), 'outputAncestorDepth', 1, 'completion_pct', 95)
       from generate_series(1, ?) g;
     insert into job_type_snapshots (snapshot_id, job_type_id, content_hash, content)
       values (1, ?, 'h1', '{"outputFilePatterns": "%.root"}');
     insert into login_setup_snapshots (snapshot_id, login_setup_id, content_hash, content)
       values (1, ?, 'h1', '{"host": "localhost"}')`,
    [nStages, jt.job_type_id, ls.login_setup_id],
  );
  for (const t of ['campaigns', 'stages', 'stage_snapshots', 'job_type_snapshots', 'login_setup_snapshots'])
    await db.raw(
      `select setval(pg_get_serial_sequence('${t}', '${t === 'campaigns' ? 'campaign_id' : t === 'stages' ? 'stage_id' : 'snapshot_id'}'), (select max(${t === 'campaigns' ? 'campaign_id' : t === 'stages' ? 'stage_id' : 'snapshot_id'}) from ${t}))`,
    );

  // Submission g: its family root r = g minus 1 when g is a recovery (every tenth); a root's stage
  // is busy (the first `busy` stages take `busyShare` of them, all through the two years) or spread with a skew so most stages
  // have a few dozen. Created evenly over two years, oldest first; the newest 1 % are active.
  const n = s.submissions;
  const active = Math.round(n / 100);
  await step(
    `submissions (${n})`,
    `insert into submissions (submission_id, stage_id, campaign_id, experiment, creator, created_at, updated_at,
        launch_kind, dataset, jobsub_job_id, project, parent_submission_id, recovery_type, depends_on_submission_id,
        stage_snapshot_id, job_type_snapshot_id, login_setup_snapshot_id, jobs_total, jobs_running, jobs_idle, jobs_held,
        files_submitted, files_consumed, files_located, located_reason, status, status_at, completed_at, chained_at,
        file_counts, file_counts_at)
     select g, st, (st - 1) / ${STAGES_PER_CAMPAIGN} + 1, ?, ?, created, created,
        case when rec then 'recovery' when dep then 'dependency' else 'manual' end,
        'bench_raw_' || st || '_slice_' || g,
        case when status <> 'LaunchFailed' then (g * 7) || '.0@jobsub0' || (g % 4) || '.fnal.gov' end, 'bench_p_' || g,
        case when rec then g - 1 end, case when rec then 'consumed_status' end,
        case when dep and not rec then g - 1 end,
        st, 1, 1, 50, case when status = 'Running' then 40 end, case when status = 'Idle' then 50 end,
        case when status = 'Held' then 10 end,
        50, case when status in ('Located', 'Completed', 'Failed') then 45 + (g % 6) end,
        case when status = 'Located' then 40 + (g % 11) end,
        case when status = 'Located' then (array['threshold', 'complete', 'timeout'])[1 + g % 3] end,
        status, created + interval '1 hour' * (2 + g % 30),
        case when status in ('Located', 'Completed') then created + interval '1 hour' * (1 + g % 20) end,
        case when status = 'Located' then created + interval '1 hour' * (3 + g % 30) end,
        case when status in ('Located', 'Failed', 'Cancelled', 'Removed') then
          jsonb_build_object('submitted', 50, 'delivered', 50, 'consumed', 45, 'failed', 5, 'skipped', 0, 'cancelled', 0,
            'stillDelivered', 0, 'unknown', 0, 'outputsDeclared', 45, 'outputsLocated', 40, 'pending', 10, 'incomplete', false) end,
        case when status in ('Located', 'Failed', 'Cancelled', 'Removed') then now() end
     from (
       select g, rec, dep, created,
         case when (r::bigint * 7919) % 1000 < ? then 1 + (r / 1000) % ${s.busy}
              else ${s.busy} + 1 + floor((? - ${s.busy}) * power(((r * 2654435761::bigint) % 1000003) / 1000003.0, 1.6))::int
         end as st,
         case when g > ? then (array['Running', 'Running', 'Idle', 'Held', 'Completed', 'New'])[1 + g % 6]
              else (array['Located', 'Located', 'Located', 'Located', 'Located', 'Located', 'Located', 'Located', 'Located',
                           'Located', 'Located', 'Located', 'Located', 'Located', 'Located', 'Located', 'Failed', 'Cancelled',
                           'Removed', 'LaunchFailed'])[1 + (g * 13) % 20] end as status
       from (
         select g, g % 10 = 0 as rec, g % 20 = 5 as dep,
           case when g % 10 = 0 then g - 1 else g end as r,
           now() - interval '730 days' + (interval '730 days' - interval '2 hours') * (g::float8 / ?) as created
         from generate_series(1, ?) g
       ) a
     ) b`,
    [EXPERIMENT, producer, Math.round(1000 * s.busyShare), nStages, n - active, n, n],
  );
  await db.raw(`select setval(pg_get_serial_sequence('submissions', 'submission_id'), ?)`, [n]);
  const statuses = `array['New', 'Idle', 'Running', 'Held', 'Running', 'Completed', 'Running']`;
  await step(
    `history (${n * HISTORY_PER_SUBMISSION})`,
    `insert into submission_history (submission_id, status, created_at, actor_kind, reason)
     select s.submission_id,
       case when k = ${HISTORY_PER_SUBMISSION} then s.status else (${statuses})[k] end,
       s.created_at + (s.status_at - s.created_at) * (k::float8 / ${HISTORY_PER_SUBMISSION}),
       case when k = 1 then 'person' else 'poller' end,
       case when k = 4 then 'jobs held: memory' end
     from submissions s cross join generate_series(1, ${HISTORY_PER_SUBMISSION}) k
     order by s.submission_id, k`,
  );
  await step(
    'rollups and status counts (rebuilt)',
    `select poms_rebuild_rollups();
     select poms_rebuild_stage_roots();
     select poms_rebuild_submission_causes();
     delete from stage_status_counts;
     insert into stage_status_counts (stage_id, status, n) select stage_id, status, count(*) from submissions group by 1, 2`,
  );
  await db.raw('alter table submissions enable trigger user');
  await step(
    'queued launches, watches, acknowledgements',
    `insert into held_launches (stage_id, launch_kind, launcher, created_at)
       select 1 + (g * 37) % ?, 'manual', ?, now() - interval '1 minute' * g from generate_series(1, 200) g;
     insert into watches (experimenter_id, campaign_id) select ?, g from generate_series(1, least(?, 100)) g;
     insert into acknowledgements (experiment, submission_id, acknowledged_by, at)
       select ?, s.submission_id, ?, now() from submissions s where s.status = 'Held' and s.submission_id % 5 = 0`,
    [nStages, producer, superuser, s.campaigns, EXPERIMENT, superuser],
  );
  await step('analyze', 'analyze');
  console.log(`bench:gen ${scale} done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  await db.destroy();
}

await main();
