import * as z from 'zod';
import {
  COMPLETION_TYPES,
  STAGE_TYPES,
  VO_ROLES,
  type CompletionType,
  type StageType,
  type VoRole,
} from '../../../domain/ini/index.js';
import { RECOVERY_TYPES } from '../../../domain/recovery/recovery-types.js';
import { freeText, objectName, paramPairsInput } from '../../../services/campaigns/field-schemas.js';

// A CampaignDocument as JSON (the shape of src/domain/ini/campaign-document.ts). Zod checks types
// and names; value rules (ranges, split types, cycles, references) are the codec's and the
// importer's, which the save applies to the document written as .ini text.

const noneable = freeText.nullable();
/** z.enum over one of the codec's readonly lists, keeping its literal type. */
const oneOf = <T extends string>(values: readonly T[]) => z.enum(values as [T, ...T[]]);
const position = z.number().refine(Number.isFinite, 'must be a finite number');

export const stageFieldsSchema = z.strictObject({
  voRole: oneOf<VoRole>(VO_ROLES).optional(),
  softwareVersion: freeText.optional(),
  datasetOrSplitData: noneable.optional(),
  csSplitType: noneable.optional(),
  testSplitType: noneable.optional(),
  completionType: oneOf<CompletionType>(COMPLETION_TYPES).optional(),
  completionPct: position.optional(),
  paramOverrides: paramPairsInput.optional(),
  testParamOverrides: paramPairsInput.optional(),
  mergeOverrides: z.boolean().optional(),
  loginSetup: objectName.optional(),
  jobType: objectName.optional(),
  stageType: oneOf<StageType>(STAGE_TYPES).optional(),
  outputAncestorDepth: z.number().int().optional(),
  defaultClearCronjob: z.boolean().optional(),
  stallHours: z.number().int().min(1).max(720).optional(),
});

export const campaignDocumentSchema = z.strictObject({
  campaign: z.strictObject({
    /** May be empty while a new campaign is being drawn; the codec refuses it on save. */
    name: z
      .string()
      .trim()
      .max(200)
      .refine(
        (s) => !/[\r\n]/.test(s) && !s.includes('\u0000'),
        'must fit on one line, without NUL characters',
      ),
    experiment: freeText.optional(),
    pomsRole: freeText.optional(),
    state: freeText.optional(),
    keywords: z.record(z.string().max(200), freeText),
    stageListHint: z.array(z.string().max(200)).max(10_000),
  }),
  defaults: stageFieldsSchema,
  nodePositions: z.array(z.strictObject({ id: z.string().max(300), x: position, y: position })).max(10_000),
  stages: z.array(stageFieldsSchema.extend({ name: objectName })).max(5_000),
  loginSetups: z
    .array(z.strictObject({ name: objectName, host: freeText, account: freeText, setup: freeText }))
    .max(1_000),
  jobTypes: z
    .array(
      z.strictObject({
        name: objectName,
        launchScript: freeText,
        parameters: paramPairsInput,
        outputFilePatterns: freeText.optional(),
        recoveries: z.array(
          z.strictObject({
            recoveryType: z.enum(RECOVERY_TYPES),
            paramOverrides: paramPairsInput,
          }),
        ),
      }),
    )
    .max(1_000),
  dependencies: z
    .array(z.strictObject({ downstream: objectName, upstream: objectName, filePattern: freeText }))
    .max(20_000),
});
