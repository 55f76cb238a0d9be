import type { StageDocument, StageFields } from '../../domain/ini/index.js';
import type { StageColumns, StageRow } from '../../db/stores/stage-store.js';

// StageFields (the .ini document's view) ↔ stage columns. NULL columns inherit the campaign
// default; the explicit `None` of the dataset and split fields is stored as the text 'None'.

const noneable = (v: string | null | undefined): string | null =>
  v === undefined ? null : v === null ? 'None' : v;
const fromNoneable = (v: string | null): string | null | undefined =>
  v === null ? undefined : v.trim().toLowerCase() === 'none' ? null : v;
const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

export function stageColumns(
  f: StageFields,
  refs: { jobTypeId: number | null; loginSetupId: number | null },
): StageColumns {
  return {
    job_type_id: refs.jobTypeId,
    login_setup_id: refs.loginSetupId,
    vo_role: orNull(f.voRole),
    software_version: orNull(f.softwareVersion),
    dataset: noneable(f.datasetOrSplitData),
    split_type: noneable(f.csSplitType),
    test_split_type: noneable(f.testSplitType),
    param_overrides: orNull(f.paramOverrides),
    test_param_overrides: orNull(f.testParamOverrides),
    merge_overrides: orNull(f.mergeOverrides),
    completion_type: orNull(f.completionType),
    completion_pct: orNull(f.completionPct),
    stage_type: orNull(f.stageType),
    output_ancestor_depth: orNull(f.outputAncestorDepth),
    default_clear_cronjob: orNull(f.defaultClearCronjob),
    stall_hours: orNull(f.stallHours),
  };
}

/** The stage's own settings (inherited ones absent). */
export function stageDocument(row: StageRow): StageDocument {
  const doc: Record<string, unknown> = {
    name: row.name,
    voRole: row.vo_role ?? undefined,
    softwareVersion: row.software_version ?? undefined,
    datasetOrSplitData: fromNoneable(row.dataset),
    csSplitType: fromNoneable(row.split_type),
    testSplitType: fromNoneable(row.test_split_type),
    completionType: row.completion_type ?? undefined,
    completionPct: row.completion_pct ?? undefined,
    paramOverrides: row.param_overrides ?? undefined,
    testParamOverrides: row.test_param_overrides ?? undefined,
    mergeOverrides: row.merge_overrides ?? undefined,
    loginSetup: row.login_setup_name ?? undefined,
    jobType: row.job_type_name ?? undefined,
    stageType: row.stage_type ?? undefined,
    outputAncestorDepth: row.output_ancestor_depth ?? undefined,
    defaultClearCronjob: row.default_clear_cronjob ?? undefined,
    stallHours: row.stall_hours ?? undefined,
  };
  for (const k of Object.keys(doc)) if (doc[k] === undefined) delete doc[k];
  return doc as unknown as StageDocument;
}
