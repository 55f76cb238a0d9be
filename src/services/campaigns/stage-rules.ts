import {
  REQUIRED_STAGE_FIELDS,
  resolveStage,
  STAGE_FIELD_PROP,
  type StageDocument,
  type StageFieldKey,
  type StageFields,
} from '../../domain/ini/index.js';
import { validateSplitSpec } from '../../domain/splits/index.js';

export interface StageProblem {
  /** The .ini key at fault. */
  key: StageFieldKey;
  message: string;
  /** True when the faulty value comes from the campaign defaults, not the stage. */
  inherited: boolean;
}

const SPLIT_KEYS = ['cs_split_type', 'test_split_type'] as const;

/** Required fields set neither on the stage nor in the campaign defaults. */
export function requiredProblems(stage: StageDocument, defaults: StageFields): StageProblem[] {
  const effective = resolveStage(stage, defaults);
  return REQUIRED_STAGE_FIELDS.filter((key) => effective[STAGE_FIELD_PROP[key]] === undefined).map((key) => ({
    key,
    message: `${key} is required: set it on the stage or in the campaign defaults`,
    inherited: false,
  }));
}

/**
 * Split types (production and test) that cannot be used, after defaults, and datasets their type
 * cannot use. Keyword references (`%(kw)s`) in the dataset are only known at launch, so such a
 * dataset is not checked here.
 */
export function splitProblems(stage: StageDocument, defaults: StageFields): StageProblem[] {
  const effective = resolveStage(stage, defaults);
  const problems: StageProblem[] = [];
  const data = effective.datasetOrSplitData;
  const dataset = typeof data === 'string' && !data.includes('%(') ? data : undefined;
  for (const key of SPLIT_KEYS) {
    const prop = STAGE_FIELD_PROP[key];
    const spec = effective[prop] as string | null | undefined;
    if (spec === undefined || spec === null) continue;
    for (const p of validateSplitSpec(spec, { dataset, field: key })) {
      const at: StageFieldKey = p.field === 'dataset' ? 'dataset_or_split_data' : key;
      problems.push({ key: at, message: p.message, inherited: stage[STAGE_FIELD_PROP[at]] === undefined });
    }
  }
  return problems;
}

/** SAM parentage levels between input and output files: more than this is a typing error. */
export const MAX_ANCESTOR_DEPTH = 1000;

/** Values the codec reads but a stage cannot hold. */
export function rangeProblems(stage: StageDocument, defaults: StageFields): StageProblem[] {
  const depth = resolveStage(stage, defaults).outputAncestorDepth;
  if (depth <= MAX_ANCESTOR_DEPTH) return [];
  return [
    {
      key: 'output_ancestor_depth',
      message: `output_ancestor_depth is ${depth}; at most ${MAX_ANCESTOR_DEPTH}`,
      inherited: stage.outputAncestorDepth === undefined,
    },
  ];
}

/** What keeps a stage from being saved, after campaign and built-in defaults. */
export const stageProblems = (stage: StageDocument, defaults: StageFields): StageProblem[] => [
  ...requiredProblems(stage, defaults),
  ...splitProblems(stage, defaults),
  ...rangeProblems(stage, defaults),
];

/** A self-dependency relaunches the stage on its next split: the split type must advance. */
export function selfDependencyProblem(splitType: string | null | undefined): string | undefined {
  const s = (splitType ?? '').trim();
  if (s === '' || /^(none|draining)$/i.test(s))
    return `a stage can depend on itself only with a split type that advances (not ${s === '' ? 'None' : s})`;
  return undefined;
}

type Effective = Pick<StageFields, 'datasetOrSplitData' | 'csSplitType' | 'testSplitType'>;

/**
 * Split cursors that no longer mean anything after a change: a new dataset or split type restarts
 * the split (the test cursor follows the test split type and the dataset).
 */
export function cursorResets(
  before: Effective,
  after: Effective,
): { split_cursor?: null; test_split_cursor?: null } {
  const datasetChanged = before.datasetOrSplitData !== after.datasetOrSplitData;
  return {
    ...(datasetChanged || before.csSplitType !== after.csSplitType ? { split_cursor: null } : {}),
    ...(datasetChanged || before.testSplitType !== after.testSplitType ? { test_split_cursor: null } : {}),
  };
}
