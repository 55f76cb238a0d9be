import type { Knex } from 'knex';

// Minimal campaign configuration rows for tests that are not about campaign editing.
export interface StageFixture {
  experiment?: string;
  campaign?: string;
  stage?: string;
  launchScript?: string;
  parameters?: Array<[string, string]>;
  host?: string;
  account?: string;
  setup?: string;
  dataset?: string;
  splitType?: string | null;
  stageType?: string;
  version?: string;
  completionType?: 'located' | 'complete';
  completionPct?: number;
  creator?: string;
  recoveries?: Array<[string, Array<[string, string]>]>;
  outputPatterns?: string;
  /** creator_role of every row made (default production). */
  creatorRole?: string;
  /** creator (username) and creator_role of the login setup, when they differ from the rest. */
  loginSetupOwner?: { creator: string; creatorRole: string };
}

export async function makeStage(db: Knex, f: StageFixture = {}) {
  const experiment = f.experiment ?? 'samdev';
  const creator =
    (
      await db('experimenters')
        .where({ username: f.creator ?? 'producer' })
        .first()
    )?.experimenter_id ?? null;
  const suffix = Math.random().toString(36).slice(2, 8);
  const creator_role = f.creatorRole ?? 'production';
  const lsOwner = f.loginSetupOwner
    ? {
        creator: (await db('experimenters').where({ username: f.loginSetupOwner.creator }).first())
          ?.experimenter_id,
        creator_role: f.loginSetupOwner.creatorRole,
      }
    : { creator, creator_role };
  const [ls] = await db('login_setups')
    .insert({
      experiment,
      name: `ls_${suffix}`,
      launch_host: f.host ?? 'localhost',
      launch_account: f.account ?? 'poms',
      launch_setup: f.setup ?? 'true',
      ...lsOwner,
    })
    .returning('*');
  const [jt] = await db('job_types')
    .insert({
      experiment,
      name: `jt_${suffix}`,
      launch_script: f.launchScript ?? 'fife_launch',
      parameters: JSON.stringify(f.parameters ?? [['-Oglobal.dataset=', '%(dataset)s']]),
      output_file_patterns: f.outputPatterns ?? '%.root',
      creator,
      creator_role,
    })
    .returning('*');
  for (const [i, [type, overrides]] of (f.recoveries ?? []).entries()) {
    const rt = await db('recovery_types').where({ name: type }).first();
    await db('job_type_recoveries').insert({
      job_type_id: jt.job_type_id,
      position: i,
      recovery_type_id: rt.recovery_type_id,
      param_overrides: JSON.stringify(overrides),
    });
  }
  const [c] = await db('campaigns')
    .insert({
      experiment,
      name: f.campaign ?? `camp_${suffix}`,
      creator,
      creator_role,
      keywords: JSON.stringify({}),
    })
    .returning('*');
  const [s] = await db('stages')
    .insert({
      campaign_id: c.campaign_id,
      experiment,
      name: f.stage ?? 'reco',
      job_type_id: jt.job_type_id,
      login_setup_id: ls.login_setup_id,
      vo_role: 'Production',
      software_version: f.version ?? 'v1',
      dataset: f.dataset ?? 'demo_raw',
      split_type: f.splitType ?? null,
      stage_type: f.stageType ?? 'regular',
      completion_type: f.completionType ?? 'located',
      completion_pct: f.completionPct ?? 90,
      creator,
      creator_role,
    })
    .returning('*');
  return { loginSetup: ls, jobType: jt, campaign: c, stage: s, creatorId: creator as number };
}
