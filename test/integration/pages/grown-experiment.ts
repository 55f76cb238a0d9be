import type { Knex } from 'knex';
import type { Sam } from '../../../src/adapters/sam/sam.js';
import { makeStage } from '../../helpers/config-fixtures.js';

// An experiment that can be grown, for tests that hold every page to a flat statement count:
// campaigns of two stages with submissions in every status, history, snapshots, file numbers,
// recoveries, queued launches, launch logs, failure causes, acknowledgements, watches and tags, in
// the demo experiment and in another one the same people belong to.

/** SAM that answers every project and file with the same numbers, so reports have something to show. */
export const fakeSam = {
  projectSummary: async () => ({ files_in_snapshot: 10, file_counts: { consumed: 8, failed: 2 } }),
  countFiles: async () => 10,
  listFiles: async () => [],
  fileMetadata: async (_exp: string, name: string) => ({
    file_name: name,
    file_size: 1,
    create_date: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    application: { version: 'v1' },
  }),
  fileLineage: async () => [],
  attributionParam: 'poms.submission_id',
} as unknown as Sam;

const STATUSES = ['Running', 'Located', 'Located', 'Located', 'Failed', 'Held', 'Completed', 'Idle'];
const HOUR = 3_600_000;

export interface Shape {
  campaign: number;
  stage: number;
  submission: number;
  jobType: number;
  loginSetup: number;
  campaignName: string;
}

/** The other experiment the demo people belong to (lists across experiments grow with it too). */
export const OTHER = 'otherexp';

export async function addOtherExperiment(db: Knex): Promise<void> {
  await db('experiments').insert({ experiment: OTHER, name: 'Another experiment' }).onConflict().ignore();
  const people = await db('memberships').where({ experiment: 'samdev' });
  await db('memberships')
    .insert(people.map((m) => ({ ...m, experiment: OTHER })))
    .onConflict()
    .ignore();
}

/** The rows a campaign's submissions come with: history, logs, failure causes, acknowledgements. */
async function decorate(
  db: Knex,
  experiment: string,
  campaignId: number,
  stageId: number,
  ids: number[],
  statuses: string[],
) {
  await db('submission_history').insert(
    ids.flatMap((submission_id, i) =>
      ['New', 'Running', statuses[i]].map((status) => ({
        submission_id,
        status,
        actor_kind: 'poller',
        reason: status === 'Held' ? 'memory' : null,
      })),
    ),
  );
  await db('launch_log_chunks').insert(
    ids.flatMap((submission_id) =>
      ['launching\n', 'submitted 1.0@schedd\n'].map((text) => ({ submission_id, text })),
    ),
  );
  const failed = ids.filter((_, i) => statuses[i] === 'Failed');
  if (failed.length)
    await db('failure_events').insert(
      failed.flatMap((submission_id) =>
        ['exit 1', 'exit 137'].map((cause, j) => ({
          experiment,
          campaign_id: campaignId,
          stage_id: stageId,
          submission_id,
          source: 'exit',
          cause,
          subject: `${submission_id}.${j}@schedd`,
          seen_at: new Date(),
        })),
      ),
    );
  const by = (await db('experimenters').where({ username: 'shifter' }).first()).experimenter_id;
  await db('acknowledgements').insert(
    ids
      .filter((_, i) => i % 4 === 0)
      .map((submission_id) => ({ experiment, submission_id, acknowledged_by: by })),
  );
}

/**
 * `campaigns` campaigns of two stages (reco → ana) in `experiment` with `perCampaign` submissions
 * each. Returns the first campaign's ids.
 */
export async function grow(
  db: Knex,
  campaigns: number,
  perCampaign: number,
  experiment = 'samdev',
): Promise<Shape> {
  let first: Shape | undefined;
  const producer = (await db('experimenters').where({ username: 'producer' }).first()).experimenter_id;
  for (let c = 0; c < campaigns; c++) {
    const { campaign, stage, jobType, loginSetup, creatorId } = await makeStage(db, { experiment });
    const [ana] = await db('stages')
      .insert({ campaign_id: campaign.campaign_id, experiment, name: 'ana', creator: creatorId })
      .returning('stage_id');
    await db('dependencies').insert({ upstream_stage_id: stage.stage_id, downstream_stage_id: ana.stage_id });
    const hash = `h${campaign.campaign_id}`;
    const [ss] = await db('stage_snapshots')
      .insert({
        stage_id: stage.stage_id,
        content_hash: hash,
        content: JSON.stringify({ softwareVersion: 'v1' }),
      })
      .returning('snapshot_id');
    const [js] = await db('job_type_snapshots')
      .insert({
        job_type_id: jobType.job_type_id,
        content_hash: hash,
        content: JSON.stringify({ outputFilePatterns: '%.root' }),
      })
      .returning('snapshot_id');
    const now = Date.now();
    const rows = Array.from({ length: perCampaign }, (_, i) => {
      const status = STATUSES[i % STATUSES.length];
      const at = new Date(now - (perCampaign - i) * 0.5 * HOUR);
      return {
        experiment,
        campaign_id: campaign.campaign_id,
        stage_id: i % 3 === 2 ? ana.stage_id : stage.stage_id,
        creator: creatorId,
        status,
        created_at: at,
        status_at: new Date(at.getTime() + 0.2 * HOUR),
        stage_snapshot_id: ss.snapshot_id,
        job_type_snapshot_id: js.snapshot_id,
        project: `p_${campaign.campaign_id}_${i}`,
        jobsub_job_id: `${campaign.campaign_id}${i}.0@schedd`,
        files_submitted: 20,
        files_consumed: 18,
        files_located: status === 'Located' ? 17 : null,
        located_reason: status === 'Located' ? 'threshold' : null,
      };
    });
    const ids = (await db('submissions').insert(rows).returning('submission_id')).map(
      (r: { submission_id: number }) => r.submission_id,
    );
    await decorate(
      db,
      experiment,
      campaign.campaign_id,
      stage.stage_id,
      ids,
      rows.map((r) => r.status),
    );
    const recoveries = ids.filter((_, i) => i % 5 === 1);
    if (recoveries.length)
      await db('submissions').insert(
        recoveries.map((submission_id) => ({
          experiment,
          campaign_id: campaign.campaign_id,
          stage_id: stage.stage_id,
          status: 'Running',
          parent_submission_id: submission_id,
          launch_kind: 'recovery',
          project: `r_${submission_id}`,
        })),
      );
    await db('held_launches').insert({
      stage_id: stage.stage_id,
      launch_kind: 'manual',
      launcher: creatorId,
    });
    await db('watches').insert({ experimenter_id: producer, campaign_id: campaign.campaign_id });
    const [tag] = await db('tags')
      .insert({ experiment, name: `t${campaign.campaign_id}` })
      .returning('tag_id');
    await db('campaign_tags').insert({ campaign_id: campaign.campaign_id, tag_id: tag.tag_id });
    first ??= {
      campaign: campaign.campaign_id,
      stage: stage.stage_id,
      submission: ids[0],
      jobType: jobType.job_type_id,
      loginSetup: loginSetup.login_setup_id,
      campaignName: campaign.name,
    };
  }
  return first!;
}

/**
 * `n` more stages in the shape's campaign, chained one after the other from its first stage, each
 * with a few submissions and their history: pages that show a campaign's stages must not cost a
 * statement per stage.
 */
export async function moreStages(db: Knex, s: Shape, n: number): Promise<void> {
  const reco = await db('stages').where({ stage_id: s.stage }).first();
  let upstream = s.stage;
  for (let i = 0; i < n; i++) {
    const [st] = await db('stages')
      .insert({
        campaign_id: s.campaign,
        experiment: reco.experiment,
        name: `more${i}`,
        job_type_id: reco.job_type_id,
        login_setup_id: reco.login_setup_id,
        dataset: reco.dataset,
        creator: reco.creator,
      })
      .returning('stage_id');
    await db('dependencies').insert({ upstream_stage_id: upstream, downstream_stage_id: st.stage_id });
    upstream = st.stage_id;
    const statuses = ['Located', 'Running', 'Failed'];
    const ids = await db('submissions')
      .insert(
        statuses.map((status) => ({
          experiment: reco.experiment,
          campaign_id: s.campaign,
          stage_id: st.stage_id,
          creator: reco.creator,
          status,
          project: `m_${st.stage_id}_${status}`,
          files_submitted: 5,
        })),
      )
      .returning('submission_id');
    await decorate(
      db,
      reco.experiment,
      s.campaign,
      st.stage_id,
      ids.map((r: { submission_id: number }) => r.submission_id),
      statuses,
    );
  }
}
