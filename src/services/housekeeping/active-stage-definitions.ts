import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ActiveDefinitions, DataHandlingFor } from '../data/data-handling.js';
import type { DeliveryCandidate } from '../data/file-browsing.js';

/** Submissions whose files are still in flight: launched and not yet Located. */
const IN_FLIGHT = ['New', 'Idle', 'Running', 'Held', 'Completed'];

export const activeDefinitionName = (stageId: number) => `poms_campaign_stage_active_${stageId}`;

/**
 * The original's cron/update_active_campaign_datasets, for every experiment (it did samdev only):
 * each stage with submissions in flight has the definition `poms_campaign_stage_active_<id>` of
 * their inputs in its experiment's data service (SAM: `project_name '<p1>','<p2>'…` of their
 * projects; MetaCat: a named query `<exp>:…` over their Data Dispatcher projects' input queries),
 * rewritten when the text changes; a stage with none left has its definition removed. What POMS
 * wrote is remembered in stage_active_definitions, so nothing else in the catalogue is touched.
 * Failures are left for the next pass.
 */
export async function maintainActiveStageDefinitions(
  deps: { db: Knex; data: DataHandlingFor; log: Logger },
  signal?: AbortSignal,
): Promise<string> {
  const rows: Array<DeliveryCandidate & { stage_id: number; experiment: string }> = await deps
    .db('submissions')
    .whereIn('status', IN_FLIGHT)
    .where((w) => w.whereNotNull('project').orWhereNotNull('dd_project_id'))
    .distinct('stage_id', 'experiment', 'submission_id', 'project', 'dd_project_id');
  const wanted = new Map<number, { experiment: string; inFlight: DeliveryCandidate[] }>();
  for (const r of rows) {
    const w = wanted.get(r.stage_id) ?? { experiment: r.experiment, inFlight: [] };
    w.inFlight.push(r);
    wanted.set(r.stage_id, w);
  }
  const kept = new Map(
    (await deps.db('stage_active_definitions').select('stage_id', 'experiment', 'dims')).map((r) => [
      r.stage_id as number,
      r,
    ]),
  );
  const handlings = new Map<string, Promise<ActiveDefinitions>>();
  const handling = (exp: string) => {
    if (!handlings.has(exp))
      handlings.set(
        exp,
        deps.data(exp).then((d) => d.activeDefinitions),
      );
    return handlings.get(exp)!;
  };
  let created = 0;
  let deleted = 0;
  const errors: string[] = [];
  for (const [stageId, w] of wanted) {
    signal?.throwIfAborted();
    const defname = activeDefinitionName(stageId);
    try {
      const active = await handling(w.experiment);
      const dims = await active.text(w.inFlight);
      if (kept.get(stageId)?.dims === dims) continue;
      await active.write(w.experiment, defname, dims);
      signal?.throwIfAborted(); // the catalogue took a while; a replaced definition is harmless, the row waits
      await deps
        .db('stage_active_definitions')
        .insert({ stage_id: stageId, experiment: w.experiment, defname, dims, updated_at: new Date() })
        .onConflict('stage_id')
        .merge();
      created++;
    } catch (e) {
      errors.push(`${defname}: ${(e as Error).message}`);
    }
  }
  for (const [stageId, k] of kept) {
    if (wanted.has(stageId)) continue;
    signal?.throwIfAborted();
    const defname = activeDefinitionName(stageId);
    try {
      await (await handling(k.experiment)).remove(k.experiment, defname);
      await deps.db('stage_active_definitions').where({ stage_id: stageId }).delete();
      deleted++;
    } catch (e) {
      errors.push(`${defname}: ${(e as Error).message}`);
    }
  }
  if (errors.length)
    deps.log.warn({ errors: errors.slice(0, 20) }, 'active stage definitions left for the next pass');
  const summary = `${wanted.size} stage(s) in flight, ${created} definition(s) written, ${deleted} deleted${errors.length ? `, ${errors.length} failed (${errors[0]})` : ''}`;
  if (errors.length && !created && !deleted) throw new Error(summary);
  return summary;
}
