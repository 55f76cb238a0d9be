import { notFound } from '../../lib/errors.js';
import type { CampaignDocument, StageDocument, StageFields } from './campaign-document.js';
import { STAGE_FIELD_KEYS, STAGE_FIELD_PROP } from './stage-field-keys.js';

type BuiltIn =
  | 'completionType'
  | 'completionPct'
  | 'stageType'
  | 'outputAncestorDepth'
  | 'mergeOverrides'
  | 'defaultClearCronjob'
  | 'paramOverrides'
  | 'testParamOverrides';

/** Values a stage gets when neither it nor the campaign defaults set them (the original's DB defaults). */
export const BUILT_IN_STAGE_DEFAULTS: Readonly<Required<Pick<StageFields, BuiltIn>>> = {
  completionType: 'located',
  completionPct: 95,
  stageType: 'regular',
  outputAncestorDepth: 1,
  mergeOverrides: false,
  defaultClearCronjob: true,
  paramOverrides: [],
  testParamOverrides: [],
};

/** A stage after defaults: the fields with a built-in default are always set. */
export type EffectiveStage = StageDocument & Required<Pick<StageFields, BuiltIn>>;

/** The stage's own value, else the campaign default, else the built-in default (fresh arrays). */
export function resolveStage(stage: StageDocument, defaults: StageFields): EffectiveStage {
  const builtIn: StageFields = { ...BUILT_IN_STAGE_DEFAULTS, paramOverrides: [], testParamOverrides: [] };
  const out: Record<string, unknown> = { name: stage.name };
  for (const key of STAGE_FIELD_KEYS) {
    const prop = STAGE_FIELD_PROP[key];
    const value =
      stage[prop] !== undefined ? stage[prop] : defaults[prop] !== undefined ? defaults[prop] : builtIn[prop];
    if (value !== undefined) out[prop] = value;
  }
  return out as unknown as EffectiveStage;
}

/** Throws AppError not_found when the document has no such stage. */
export function effectiveStage(doc: CampaignDocument, stageName: string): EffectiveStage {
  const stage = doc.stages.find((s) => s.name === stageName);
  if (!stage) throw notFound(`Stage '${stageName}'`);
  return resolveStage(stage, doc.defaults);
}
