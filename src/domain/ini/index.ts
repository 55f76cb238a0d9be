// The campaign .ini codec: typed document, parser, writer and the rules the importer applies.

export type * from './campaign-document.js';
export { parseCampaignIni, type ParsedCampaignIni } from './parse-campaign-ini.js';
export { writeCampaignIni } from './write-campaign-ini.js';
export { normaliseCampaignDocument, normaliseStageFields } from './normalise-campaign-document.js';
export { normaliseText } from './normalise-text.js';
export {
  effectiveStage,
  resolveStage,
  BUILT_IN_STAGE_DEFAULTS,
  type EffectiveStage,
} from './effective-stage.js';
export { missingRequired, type MissingFields } from './missing-required.js';
export {
  externalReferences,
  type ExternalReference,
  type ExternalReferences,
} from './external-references.js';
export { IniFormatError, type Problem } from './ini-format-error.js';
export { MAX_INI_BYTES } from './decode-ini-input.js';
export {
  STAGE_FIELD_KEYS,
  STAGE_FIELD_PROP,
  REQUIRED_STAGE_FIELDS,
  isStageFieldKey,
  type StageFieldKey,
} from './stage-field-keys.js';
export { STAGE_FIELD_CODECS, type FieldCodec } from './stage-field-codecs.js';
export { readParamPairs, formatParamPairs, checkParamPairs } from './param-pairs-codec.js';
export { readRecoveries, formatRecoveries } from './recoveries-codec.js';
export { readKeywords, formatKeywords } from './keywords-codec.js';
export { VO_ROLES, COMPLETION_TYPES, STAGE_TYPES } from './scalar-codecs.js';
export type { Decoded } from './decoded.js';
