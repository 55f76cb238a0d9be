import type { Knex } from 'knex';
import { stageStore } from '../../db/stores/stage-store.js';
import { decide } from '../../domain/permissions/permissions.js';
import { AppError } from '../../lib/errors.js';
import type { UserContext } from '../user-context.js';
import { targetOf } from './ownership.js';

/** A stage renamed in the editor: `from` is its name in the database when the editor loaded it. */
export interface StageRename {
  from: string;
  to: string;
}

/**
 * Renames the campaign's stages in place before the import matches stages by name, so that a stage
 * renamed in the editor keeps its row (submissions, history, split cursor). A rename whose `from` is
 * no stage of the campaign, or whose `to` is the name of a stage that stays, is skipped: the import
 * then sees a removed stage and a new one. Swaps work (two passes through temporary names).
 * Returns the renames applied. Runs inside the caller's transaction.
 */
export async function renameStages(
  trx: Knex.Transaction,
  user: UserContext,
  campaignId: number,
  renames: StageRename[],
): Promise<StageRename[]> {
  const stages = stageStore(trx);
  const rows = await stages.ofCampaign(campaignId);
  const byName = new Map(rows.map((r) => [r.name, r]));
  const wanted = renames.filter(
    (r, i) =>
      r.from !== r.to &&
      byName.has(r.from) &&
      renames.findIndex((o) => o.from === r.from || o.to === r.to) === i,
  );
  const moving = new Set(wanted.map((r) => r.from));
  const staying = new Set(rows.filter((r) => !moving.has(r.name)).map((r) => r.name));
  const applied = wanted.filter((r) => !staying.has(r.to));
  if (applied.length === 0) return [];

  for (const r of applied) {
    const row = byName.get(r.from)!;
    const may = decide(user, 'modify', targetOf(row));
    if (!may.allowed) throw new AppError('forbidden', `stage ${r.from}: ${may.reason}`);
  }
  // The unique index (campaign_id, name) is checked per statement: park every row first.
  for (const r of applied)
    await stages.update(
      byName.get(r.from)!.stage_id,
      { name: `\u0001rename ${r.from}` },
      user.experimenterId,
    );
  for (const r of applied)
    await stages.update(byName.get(r.from)!.stage_id, { name: r.to }, user.experimenterId);
  return applied;
}
