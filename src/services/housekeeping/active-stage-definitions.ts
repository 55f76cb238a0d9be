import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Sam } from '../../adapters/sam/sam.js';
import { samQuoteList } from '../../domain/files/sam-quote.js';

/** Submissions whose files are still in flight: launched and not yet Located. */
const IN_FLIGHT = ['New', 'Idle', 'Running', 'Held', 'Completed'];

export const activeDefinitionName = (stageId: number) => `poms_campaign_stage_active_${stageId}`;

/**
 * The original's cron/update_active_campaign_datasets, for every experiment (it did samdev only):
 * each stage with submissions in flight has the SAM definition `poms_campaign_stage_active_<id>` =
 * `project_name '<p1>','<p2>'…` of their projects, recreated when the projects change; a stage
 * with none left has its definition deleted. What POMS created is remembered in
 * stage_active_definitions, so nothing else in SAM is touched. Failures are left for the next pass.
 */
export async function maintainActiveStageDefinitions(
  deps: { db: Knex; sam: Sam; log: Logger },
  signal?: AbortSignal,
): Promise<string> {
  const rows: Array<{ stage_id: number; experiment: string; project: string }> = await deps
    .db('submissions')
    .whereIn('status', IN_FLIGHT)
    .whereNotNull('project')
    .distinct('stage_id', 'experiment', 'project');
  const wanted = new Map<number, { experiment: string; projects: string[] }>();
  for (const r of rows) {
    const w = wanted.get(r.stage_id) ?? { experiment: r.experiment, projects: [] };
    w.projects.push(r.project);
    wanted.set(r.stage_id, w);
  }
  const kept = new Map(
    (await deps.db('stage_active_definitions').select('stage_id', 'experiment', 'dims')).map((r) => [
      r.stage_id as number,
      r,
    ]),
  );
  let created = 0;
  let deleted = 0;
  const errors: string[] = [];
  for (const [stageId, w] of wanted) {
    signal?.throwIfAborted();
    const dims = `project_name ${samQuoteList(w.projects.sort(), 'project')}`;
    if (kept.get(stageId)?.dims === dims) continue;
    const defname = activeDefinitionName(stageId);
    try {
      await deps.sam.createDefinition(w.experiment, defname, dims, {
        onConflict: 'replace',
        description: 'files in flight of this POMS stage, kept by POMS',
      });
      signal?.throwIfAborted(); // SAM took a while; a replaced definition is harmless, the row waits
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
      await deps.sam.deleteDefinition(k.experiment, defname).catch((e: { kind?: string }) => {
        if (e.kind !== 'not_found') throw e;
      });
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
