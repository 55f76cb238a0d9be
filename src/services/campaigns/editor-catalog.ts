import type { Knex } from 'knex';
import {
  BUILT_IN_STAGE_DEFAULTS,
  COMPLETION_TYPES,
  STAGE_TYPES,
  VO_ROLES,
  type StageFields,
} from '../../domain/ini/index.js';
import { RECOVERY_TYPES } from '../../domain/recovery/recovery-types.js';
import { splitTypes } from '../../domain/splits/index.js';
import { jobTypeReadModel } from '../../db/read-models/job-type-read-model.js';
import { loginSetupReadModel } from '../../db/read-models/login-setup-read-model.js';

/** A split type as the editor's picker documents it (the registry's own texts). */
export interface SplitTypeChoice {
  name: string;
  syntax: string;
  example: string;
  description: string;
  dataset: string;
  params: Array<{ name: string; description: string; default?: string }>;
}

/** Everything the editor offers in its pickers; the same for every campaign of an experiment. */
export interface EditorCatalog {
  jobTypes: string[];
  loginSetups: string[];
  recoveryTypes: readonly string[];
  splitTypes: SplitTypeChoice[];
  voRoles: readonly string[];
  completionTypes: readonly string[];
  stageTypes: readonly string[];
  /** What a field neither a stage nor the campaign defaults set falls back to. */
  builtInDefaults: StageFields;
}

export const SPLIT_TYPE_CHOICES: SplitTypeChoice[] = splitTypes.map((t) => ({
  name: t.name,
  syntax: t.syntax,
  example: t.example,
  description: t.description,
  dataset: t.dataset,
  params: t.params.map((p) => ({ ...p })),
}));

/** Active job type and login setup names of the experiment, plus the fixed choices. */
export async function editorCatalog(db: Knex, experiment: string): Promise<EditorCatalog> {
  const [jobTypes, loginSetups] = await Promise.all([
    jobTypeReadModel(db).names(experiment),
    loginSetupReadModel(db).names(experiment),
  ]);
  return {
    jobTypes,
    loginSetups,
    recoveryTypes: RECOVERY_TYPES,
    splitTypes: SPLIT_TYPE_CHOICES,
    voRoles: VO_ROLES,
    completionTypes: COMPLETION_TYPES,
    stageTypes: STAGE_TYPES,
    builtInDefaults: { ...BUILT_IN_STAGE_DEFAULTS },
  };
}
