// How each stage key is read from and written to .ini text (typed values, see campaign-document.ts).

import { decoded, type Decoded } from './decoded.js';
import { formatParamPairs, readParamPairs } from './param-pairs-codec.js';
import * as s from './scalar-codecs.js';
import type { StageFieldKey } from './stage-field-keys.js';

export interface FieldCodec {
  read(text: string): Decoded<unknown>;
  format(value: any): string;
}

const text: FieldCodec = { read: (t) => decoded(t), format: (v: string) => v };
const oneLine: FieldCodec = { read: s.readOneLine, format: (v: string) => v };
const noneable: FieldCodec = { read: s.readNoneable, format: s.formatNoneable };
const boolean: FieldCodec = { read: s.readBoolean, format: s.formatBoolean };
const pairs: FieldCodec = { read: readParamPairs, format: formatParamPairs };
const enumeration = (read: (t: string) => Decoded<string>): FieldCodec => ({
  read,
  format: (v: string) => v,
});

export const STAGE_FIELD_CODECS: Readonly<Record<StageFieldKey, FieldCodec>> = {
  vo_role: enumeration(s.readVoRole),
  software_version: oneLine,
  dataset_or_split_data: noneable,
  cs_split_type: noneable,
  test_split_type: noneable,
  completion_type: enumeration(s.readCompletionType),
  completion_pct: { read: s.readCompletionPct, format: s.formatNumber },
  param_overrides: pairs,
  test_param_overrides: pairs,
  merge_overrides: boolean,
  login_setup: oneLine,
  job_type: oneLine,
  stage_type: enumeration(s.readStageType),
  output_ancestor_depth: { read: s.readAncestorDepth, format: s.formatNumber },
  default_clear_cronjob: boolean,
  stall_hours: { read: s.readStallHours, format: s.formatNumber },
};

/** Plain text codec for keys outside stages (setup, launch_script, ...). */
export const TEXT_CODEC = text;
export const ONE_LINE_CODEC = oneLine;
