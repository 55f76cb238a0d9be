import type { CampaignDocument } from './campaign-document.js';
import { resolveStage } from './effective-stage.js';
import { REQUIRED_STAGE_FIELDS, STAGE_FIELD_PROP, type StageFieldKey } from './stage-field-keys.js';

export interface MissingFields {
  stage: string;
  /** .ini keys, in REQUIRED_STAGE_FIELDS order. */
  missing: StageFieldKey[];
}

/**
 * Stages that lack required keys after campaign and built-in defaults. An explicit `None`
 * (dataset_or_split_data=None) counts as set, as in the original.
 */
export function missingRequired(doc: CampaignDocument): MissingFields[] {
  return doc.stages
    .map((stage) => {
      const effective = resolveStage(stage, doc.defaults);
      const missing = REQUIRED_STAGE_FIELDS.filter((key) => effective[STAGE_FIELD_PROP[key]] === undefined);
      return { stage: stage.name, missing };
    })
    .filter((m) => m.missing.length > 0);
}
