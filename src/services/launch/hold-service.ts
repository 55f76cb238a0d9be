import type { Knex } from 'knex';
import { recordAudit } from '../../db/stores/audit-store.js';
import { notFound } from '../../lib/errors.js';
import { authorize, type UserContext } from '../user-context.js';
import type { LaunchService } from './launch-service.js';
import type { LaunchOutcome } from './launch-request.js';

interface HeldRow {
  held_launch_id: number;
  stage_id: number;
  launcher: number | null;
  launch_kind: string;
  test: boolean;
  dataset_override: string | null;
  param_overrides: Array<[string, string]>;
  parent_submission_id: number | null;
  depends_on_submission_id: number | null;
  details: { recoveryType?: string | null; params?: Record<string, unknown> };
  idempotency_key: string | null;
}

/**
 * Holds: a held stage (or an experiment-wide hold) queues every launch — manual, scheduled,
 * dependency, recovery — as a held launch; releasing launches the queue in order.
 */
export function holdService(db: Knex, launches: LaunchService) {
  async function stageRow(stageId: number) {
    const s = await db('stages as s')
      .leftJoin('experimenters as x', 'x.experimenter_id', 's.creator')
      .where('s.stage_id', stageId)
      .first(
        's.stage_id',
        's.name',
        's.experiment',
        's.creator_role',
        's.hold_experimenter_id',
        'x.username as owner',
      );
    if (!s) throw notFound(`stage ${stageId}`);
    return s;
  }

  /** Launches the queued launches of one stage, oldest first, as their original launchers. */
  async function drainStage(stageId: number): Promise<LaunchOutcome[]> {
    const out: LaunchOutcome[] = [];
    for (;;) {
      const held = (await db('held_launches')
        .where({ stage_id: stageId })
        .orderBy('held_launch_id')
        .first()) as HeldRow | undefined;
      if (!held) return out;
      const stage = await db('stages')
        .where({ stage_id: stageId })
        .first('hold_experimenter_id', 'experiment');
      const exp = await db('experiments').where({ experiment: stage.experiment }).first('launches_held_by');
      if (stage.hold_experimenter_id || exp.launches_held_by) return out;
      await db('held_launches').where({ held_launch_id: held.held_launch_id }).delete();
      const who = held.launcher
        ? await db('experimenters').where({ experimenter_id: held.launcher }).first('username')
        : null;
      try {
        out.push(
          await launches.launch({
            stageId,
            launcherId: held.launcher ?? 0,
            launcherName: who?.username ?? 'poms',
            kind: held.launch_kind as never,
            test: held.test,
            datasetOverride: held.dataset_override,
            paramOverrides: held.param_overrides,
            parentSubmissionId: held.parent_submission_id,
            dependsOnSubmissionId: held.depends_on_submission_id,
            recoveryType: held.details?.recoveryType ?? null,
            params: held.details?.params,
            idempotencyKey: held.idempotency_key ? `released:${held.idempotency_key}` : null,
          }),
        );
      } catch (e) {
        await recordAudit(db, {
          experimenterId: held.launcher,
          actor: who?.username ?? 'poms',
          experiment: stage.experiment,
          action: 'launch.release_failed',
          objectKind: 'stage',
          objectId: stageId,
          details: { error: (e as Error).message },
        });
      }
    }
  }

  return {
    drainStage,
    async holdStage(user: UserContext, stageId: number) {
      const s = await stageRow(stageId);
      authorize(user, 'operate', { experiment: s.experiment, owner: s.owner, creatorRole: s.creator_role });
      await db.transaction(async (trx) => {
        await trx('stages')
          .where({ stage_id: stageId })
          .update({ hold_experimenter_id: user.experimenterId, hold_role: user.role, held_at: new Date() });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment: s.experiment,
          action: 'stage.hold',
          objectKind: 'stage',
          objectId: stageId,
        });
      });
    },
    async releaseStage(user: UserContext, stageId: number) {
      const s = await stageRow(stageId);
      authorize(user, 'operate', { experiment: s.experiment, owner: s.owner, creatorRole: s.creator_role });
      await db.transaction(async (trx) => {
        await trx('stages')
          .where({ stage_id: stageId })
          .update({ hold_experimenter_id: null, hold_role: null, held_at: null });
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment: s.experiment,
          action: 'stage.release',
          objectKind: 'stage',
          objectId: stageId,
        });
      });
      return drainStage(stageId);
    },
    /** Experiment-wide launch hold (superuser). Releasing drains every stage's queue in order. */
    async setExperimentHold(user: UserContext, experiment: string, held: boolean) {
      authorize(user, 'manage', { experiment });
      await db.transaction(async (trx) => {
        await trx('experiments')
          .where({ experiment })
          .update(
            held
              ? { launches_held_by: user.experimenterId, launches_held_at: new Date() }
              : { launches_held_by: null, launches_held_at: null },
          );
        await recordAudit(trx, {
          experimenterId: user.experimenterId,
          actor: user.username,
          experiment,
          action: held ? 'experiment.hold_launches' : 'experiment.release_launches',
          objectKind: 'experiment',
          objectId: experiment,
        });
      });
      if (held) return [];
      const stages = await db('held_launches as h')
        .join('stages as s', 's.stage_id', 'h.stage_id')
        .where('s.experiment', experiment)
        .groupBy('h.stage_id')
        .orderByRaw('min(h.held_launch_id)')
        .pluck('h.stage_id');
      const out: LaunchOutcome[] = [];
      for (const id of stages) out.push(...(await drainStage(id)));
      return out;
    },
    /** Queued launches of the experiment, oldest first (analysis users see their own). */
    async list(user: UserContext, experiment: string) {
      authorize(user, 'view', { experiment });
      const q = db('held_launches as h')
        .join('stages as s', 's.stage_id', 'h.stage_id')
        .leftJoin('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .leftJoin('experimenters as x', 'x.experimenter_id', 'h.launcher')
        .where('s.experiment', experiment)
        .orderBy('h.held_launch_id')
        .limit(500)
        .select(
          'h.held_launch_id',
          'h.created_at',
          'h.launch_kind',
          'h.test',
          'h.dataset_override',
          's.stage_id',
          's.name as stage',
          'c.name as campaign',
          'x.username as launcher',
        );
      if (user.role === 'analysis' && !user.root) q.where('h.launcher', user.experimenterId);
      return q;
    },
    async removeHeld(user: UserContext, heldLaunchId: number) {
      const h = await db('held_launches as h')
        .join('stages as s', 's.stage_id', 'h.stage_id')
        .where('h.held_launch_id', heldLaunchId)
        .first('h.launcher', 's.experiment');
      if (!h) throw notFound(`held launch ${heldLaunchId}`);
      if (h.launcher !== user.experimenterId) authorize(user, 'manage', { experiment: h.experiment });
      await db('held_launches').where({ held_launch_id: heldLaunchId }).delete();
    },
  };
}

export type HoldService = ReturnType<typeof holdService>;
