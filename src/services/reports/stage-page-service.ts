import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Sam } from '../../adapters/sam/sam.js';
import { stagePageReadModel } from '../../db/read-models/stage-page-read-model.js';
import { submissionListReadModel } from '../../db/read-models/submission-list-read-model.js';
import { can } from '../../domain/permissions/permissions.js';
import type { StageService } from '../campaigns/stage-service.js';
import type { StageLaunchConfig } from '../launch/launch-config.js';
import type { LaunchService } from '../launch/launch-service.js';
import { loadLaunchConfig } from '../launch/load-launch-config.js';
import type { UserContext } from '../user-context.js';
import { availableOutput } from './file-dims.js';

/** Launches listed on the stage page. */
export const RECENT_LAUNCHES = 10;

/** What the next launch would take, from the launch preview (no split is taken, nothing written). */
async function nextLaunch(launches: LaunchService, config: StageLaunchConfig, launcher: string) {
  try {
    const p = await launches.preview(config.stage.id, { test: false, launcher, config });
    return p.exhausted
      ? { exhausted: true, reason: p.reason, dataset: null, definitions: [], error: null }
      : { exhausted: false, reason: null, dataset: p.dataset, definitions: p.definitions, error: null };
  } catch (e) {
    // SAM down, a stage that cannot launch (no job type…): say so instead of failing the page.
    return { exhausted: false, reason: null, dataset: null, definitions: [], error: (e as Error).message };
  }
}

/**
 * The stage page beyond its configuration (which the stage service gives): job type and login
 * setup, split state and what the next launch takes, schedule, holds, recent launches, submissions
 * by status, and which actions the viewer may take.
 */
export function stagePageService(deps: {
  db: Knex;
  sam?: Sam;
  stages: StageService;
  launches: LaunchService;
}) {
  const ops = stagePageReadModel(deps.db);
  const lists = submissionListReadModel(deps.db);
  return {
    /** `next: false` leaves out what the next launch would take (asks SAM): a live page's poll. */
    async get(user: UserContext, exp: string, id: number, opts: { next?: boolean } = {}) {
      // The stage (which checks the viewer may see it) and the page's own reads side by side: all
      // are reads scoped to the experiment, and nothing is shown unless the stage's read succeeds.
      const [stage, state, recent, cfg] = await Promise.all([
        deps.stages.get(user, exp, id),
        ops.operations(exp, id),
        lists.recent(exp, id, RECENT_LAUNCHES),
        loadLaunchConfig(deps.db, id).then(
          (c) => ({ ok: true as const, c }),
          (e: Error) => ({ ok: false as const, error: e.message }),
        ),
      ]);
      const target = { experiment: exp, owner: stage.creator, creatorRole: stage.creator_role };
      const c = cfg.ok ? cfg.c : null;
      return {
        stage,
        overview: {
          config_error: cfg.ok ? null : cfg.error,
          job_type: c && {
            name: c.jobType.name,
            launch_script: c.jobType.launchScript,
            parameters: c.jobType.parameters,
            output_file_patterns: c.jobType.outputFilePatterns,
            recoveries: c.jobType.recoveries.map((r) => r.type),
          },
          login_setup: c && {
            name: c.loginSetup.name,
            host: c.loginSetup.host,
            account: c.loginSetup.account,
            setup: c.loginSetup.setup,
          },
          split: {
            type: c?.stage.splitType ?? null,
            cursor: stage.split_cursor,
            test_type: c?.stage.testSplitType ?? null,
            test_cursor: stage.test_split_cursor,
            dataset: c?.stage.dataset ?? null,
            next: c && opts.next !== false ? await nextLaunch(deps.launches, c, user.username) : null,
          },
          schedule: { cron: state?.cron_schedule ?? null, by: state?.scheduled_by ?? null },
          hold: {
            held: !!state?.held_by,
            by: state?.held_by ?? null,
            at: state?.held_at ?? null,
            role: state?.hold_role ?? null,
            experiment_held: !!state?.experiment_held_by,
            experiment_by: state?.experiment_held_by ?? null,
            experiment_at: state?.experiment_held_at ?? null,
            queued: state?.queued ?? 0,
          },
          submissions_by_status: state?.by_status ?? [],
          recent: recent.map((r) => ({
            submission_id: r.submission_id,
            status: r.status,
            created_at: r.created_at,
            creator: r.creator,
            test: r.test,
            launch_kind: r.launch_kind,
            jobsub_job_id: r.jobsub_job_id,
            dataset: r.dataset,
            output: availableOutput(r, deps.sam?.attributionParam ?? null),
          })),
          can: { operate: can(user, 'operate', target), modify: stage.can_modify },
          /** Idempotency key for this view's launch forms: a double click launches once. */
          launch_key: `form-${crypto.randomUUID()}`,
        },
      };
    },
  };
}

export type StagePageService = ReturnType<typeof stagePageService>;
