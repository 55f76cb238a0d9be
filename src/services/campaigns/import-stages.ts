import type { Knex } from 'knex';
import { dependencyStore } from '../../db/stores/dependency-store.js';
import { stageStore, type StageColumns, type StageRow } from '../../db/stores/stage-store.js';
import { resolveStage, type CampaignDocument, type StageFields } from '../../domain/ini/index.js';
import { decide } from '../../domain/permissions/permissions.js';
import { loginSetupUseProblem } from '../../domain/launch/index.js';
import { AppError, invalid } from '../../lib/errors.js';
import type { UserContext } from '../user-context.js';
import type { ImportReport } from './import-report.js';
import { ownedBy, targetOf } from './ownership.js';
import { stageColumns, stageDocument } from './stage-columns.js';
import { cursorResets } from './stage-rules.js';

const COLUMN_KEYS: Array<keyof StageColumns> = Object.keys(
  stageColumns({}, { jobTypeId: null, loginSetupId: null }),
) as Array<keyof StageColumns>;
const sameColumns = (row: StageRow, cols: StageColumns) =>
  COLUMN_KEYS.every((k) => JSON.stringify(row[k]) === JSON.stringify(cols[k]));

async function idsByName(
  trx: Knex.Transaction,
  table: string,
  idColumn: string,
  experiment: string,
  names: string[],
) {
  const rows = await trx(table)
    .where({ experiment })
    .whereIn('name', [...new Set(names)])
    .select('name', idColumn);
  return new Map<string, number>(
    rows.map((r: Record<string, unknown>) => [r.name as string, r[idColumn] as number]),
  );
}

/**
 * Makes the campaign's stages and dependencies those of the document: stages matched by name are
 * updated in place (split cursors restart when their dataset or split type changes), new ones
 * created, missing ones detached (kept for their submissions); dependencies are recreated.
 * Job types and login setups the stages name must exist by now.
 */
export async function importStages(
  trx: Knex.Transaction,
  user: UserContext,
  campaign: { id: number; experiment: string; oldDefaults: StageFields },
  doc: CampaignDocument,
  report: ImportReport,
): Promise<void> {
  const { id: campaignId, experiment } = campaign;
  const stages = stageStore(trx);
  const deps = dependencyStore(trx);
  const jobTypeIds = await idsByName(
    trx,
    'job_types',
    'job_type_id',
    experiment,
    doc.stages.flatMap((s) => s.jobType ?? []),
  );
  const loginIds = await idsByName(
    trx,
    'login_setups',
    'login_setup_id',
    experiment,
    doc.stages.flatMap((s) => s.loginSetup ?? []),
  );

  const existing = await stages.ofCampaign(campaignId);
  const byName = new Map(existing.map((s) => [s.name, s]));
  const oldEdges = await deps.ofCampaign(campaignId);
  const idOf = new Map<string, number>();

  const loginOwners = new Map<string, string>(
    (
      await trx('login_setups')
        .where({ experiment })
        .whereIn('name', [
          ...new Set(doc.stages.flatMap((s) => s.loginSetup ?? doc.defaults.loginSetup ?? [])),
        ])
        .select('name', 'creator_role')
    ).map((r: { name: string; creator_role: string }) => [r.name, r.creator_role]),
  );
  const checkLoginSetupUse = (stage: string, creatorRole: string, loginSetup: string | undefined) => {
    const owner = loginSetup === undefined ? undefined : loginOwners.get(loginSetup);
    const problem = owner && loginSetupUseProblem(creatorRole, { name: loginSetup!, creatorRole: owner });
    const section = `campaign_stage ${stage}`;
    if (problem)
      throw invalid(`[${section}] login_setup: ${problem}`, [
        { section, key: 'login_setup', message: problem },
      ]);
  };

  for (const stage of doc.stages) {
    const cols = stageColumns(stage, {
      jobTypeId: stage.jobType === undefined ? null : jobTypeIds.get(stage.jobType)!,
      loginSetupId: stage.loginSetup === undefined ? null : loginIds.get(stage.loginSetup)!,
    });
    const row = byName.get(stage.name);
    const loginSetup = stage.loginSetup ?? doc.defaults.loginSetup;
    if (!row) {
      checkLoginSetupUse(stage.name, ownedBy(user).creator_role, loginSetup);
      const id = await stages.insert({
        ...cols,
        name: stage.name,
        campaign_id: campaignId,
        experiment,
        ...ownedBy(user),
      });
      idOf.set(stage.name, id);
      report.created.push({ kind: 'stage', name: stage.name, id });
      continue;
    }
    idOf.set(stage.name, row.stage_id);
    const resets = cursorResets(
      resolveStage(stageDocument(row), campaign.oldDefaults),
      resolveStage(stage, doc.defaults),
    );
    if (sameColumns(row, cols) && Object.keys(resets).length === 0) {
      report.unchanged.push({ kind: 'stage', name: stage.name, id: row.stage_id });
      continue;
    }
    const may = decide(user, 'modify', targetOf(row));
    if (!may.allowed) throw new AppError('forbidden', `stage ${stage.name}: ${may.reason}`);
    checkLoginSetupUse(stage.name, row.creator_role, loginSetup);
    await stages.update(row.stage_id, { ...cols, ...resets }, user.experimenterId);
    report.updated.push({ kind: 'stage', name: stage.name, id: row.stage_id });
  }

  const gone = existing.filter((s) => !idOf.has(s.name));
  await deps.removeTouching(existing.map((s) => s.stage_id));
  await stages.detach(
    gone.map((s) => s.stage_id),
    user.experimenterId,
  );
  for (const s of gone) report.detached.push({ kind: 'stage', name: s.name, id: s.stage_id });

  const label = (up: string, down: string, pattern: string) => `${up} → ${down} (${pattern})`;
  const before = new Set(oldEdges.map((e) => label(e.upstream_name, e.downstream_name, e.file_pattern)));
  const after = new Set<string>();
  for (const d of doc.dependencies) {
    await deps.insert({
      upstream: idOf.get(d.upstream)!,
      downstream: idOf.get(d.downstream)!,
      filePattern: d.filePattern,
    });
    const name = label(d.upstream, d.downstream, d.filePattern);
    after.add(name);
    if (!before.has(name)) report.created.push({ kind: 'dependency', name });
  }
  for (const name of before) if (!after.has(name)) report.removed.push({ kind: 'dependency', name });
}
