// fast-check generators of valid CampaignDocuments: names are trimmed single lines, stage names and
// section names unique, dependencies acyclic (upstream earlier in the list) and self-dependencies
// only where a split type advances. Text fields get blanks, comment-like lines and CRLF on purpose.

import fc from 'fast-check';
import type {
  CampaignDocument,
  DependencyDocument,
  ParamPairs,
  StageDocument,
  StageFields,
} from '../../../../src/domain/ini/index.js';
import {
  normaliseStageFields,
  normaliseText,
  STAGE_FIELD_KEYS,
  STAGE_FIELD_PROP,
} from '../../../../src/domain/ini/index.js';
import { RECOVERY_TYPES } from '../../../../src/domain/recovery/recovery-types.js';

const chars = [...'abcXYZ019_-.%()[]{}=:,#;"\'\\/$ \t', 'é', '中', '\u00a0', '→'];
const lineText = fc.string({ unit: fc.constantFrom(...chars), maxLength: 12 });
const name = lineText.map((s) => s.trim()).filter((s) => s !== '');
const multiLine = fc
  .tuple(fc.array(lineText, { minLength: 1, maxLength: 4 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, eol]) => lines.join(eol));
const nonEmpty = (text: fc.Arbitrary<string>) => text.filter((t) => normaliseText(t) !== '');
const jsonString = fc.string({ unit: 'binary', maxLength: 8 });

export const paramPairs: fc.Arbitrary<ParamPairs> = fc.array(
  fc.oneof(
    fc.tuple(jsonString, jsonString).map((t): string[] => [...t]),
    fc.tuple(jsonString).map((t): string[] => [...t]),
  ),
  { maxLength: 3 },
);

const noneable = fc.oneof(
  fc.constant(null),
  fc.constantFrom('None', 'none', 'nfiles(5)', 'draining'),
  multiLine,
);

export const stageFields: fc.Arbitrary<StageFields> = fc.record(
  {
    voRole: fc.constantFrom('Production', 'Analysis'),
    softwareVersion: lineText,
    datasetOrSplitData: noneable,
    csSplitType: noneable,
    testSplitType: noneable,
    completionType: fc.constantFrom('located', 'complete'),
    completionPct: fc.oneof(
      fc.integer({ min: 1, max: 100 }),
      fc.double({ min: Number.MIN_VALUE, max: 100, noNaN: true }),
    ),
    paramOverrides: paramPairs,
    testParamOverrides: paramPairs,
    mergeOverrides: fc.boolean(),
    loginSetup: name,
    jobType: name,
    stageType: fc.constantFrom('regular', 'generator', 'approval', 'datatransfer', 'test'),
    outputAncestorDepth: fc.integer({ min: 1, max: 1_000_000 }),
    defaultClearCronjob: fc.boolean(),
    stallHours: fc.integer({ min: 1, max: 720 }),
  },
  { requiredKeys: [] },
);

const advances = (split: string | null | undefined) =>
  typeof split === 'string' && !/^(none|draining)?$/i.test(split.trim());

/** Dependencies from index tuples: upstream = the earlier stage; i === j is a self-dependency. */
function dependencies(
  stages: StageDocument[],
  defaults: StageFields,
  picks: Array<[number, number, string]>,
) {
  const found: DependencyDocument[] = [];
  for (const [a, b, filePattern] of picks) {
    const [i, j] = [a % stages.length, b % stages.length].sort((x, y) => x - y);
    const [upstream, downstream] = [stages[i].name, stages[j].name];
    if (found.some((d) => d.upstream === upstream && d.downstream === downstream)) continue;
    if (i === j) {
      const own = normaliseStageFields(stages[i]).csSplitType;
      if (!advances(own !== undefined ? own : normaliseStageFields(defaults).csSplitType)) continue;
    }
    found.push({ downstream, upstream, filePattern });
  }
  return found;
}

export const campaignDocument: fc.Arbitrary<CampaignDocument> = fc
  .record({
    campaign: fc.record(
      {
        name,
        experiment: lineText,
        pomsRole: lineText,
        state: lineText,
        keywords: fc.dictionary(jsonString, jsonString, { maxKeys: 3, noNullPrototype: true }),
        stageListHint: fc.array(name, { maxLength: 4 }),
      },
      { requiredKeys: ['name', 'keywords', 'stageListHint'] },
    ),
    defaults: stageFields,
    nodePositions: fc.uniqueArray(
      fc.record({
        id: jsonString,
        x: fc.double({ noNaN: true, noDefaultInfinity: true }),
        y: fc.double({ noNaN: true, noDefaultInfinity: true }),
      }),
      { selector: (p) => p.id, maxLength: 3 },
    ),
    stages: fc.uniqueArray(
      fc.tuple(name, stageFields).map(([n, f]): StageDocument => ({ name: n, ...f })),
      { selector: (s) => s.name, minLength: 1, maxLength: 5 },
    ),
    loginSetups: fc.uniqueArray(fc.record({ name, host: name, account: name, setup: multiLine }), {
      selector: (l) => l.name,
      maxLength: 2,
    }),
    jobTypes: fc.uniqueArray(
      fc.record(
        {
          name,
          launchScript: nonEmpty(multiLine),
          parameters: paramPairs,
          outputFilePatterns: multiLine,
          recoveries: fc.array(
            fc.record({ recoveryType: fc.constantFrom(...RECOVERY_TYPES), paramOverrides: paramPairs }),
            {
              maxLength: 3,
            },
          ),
        },
        { requiredKeys: ['name', 'launchScript', 'parameters', 'recoveries'] },
      ),
      { selector: (j) => j.name, maxLength: 2 },
    ),
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), nonEmpty(multiLine)), { maxLength: 6 }),
    copies: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...STAGE_FIELD_KEYS)), { maxLength: 6 }),
  })
  .map(({ picks, copies, ...doc }) => {
    // Some stages repeat a default value explicitly: writing omits it.
    for (const [at, key] of copies) {
      const prop = STAGE_FIELD_PROP[key];
      if (doc.defaults[prop] !== undefined)
        Object.assign(doc.stages[at % doc.stages.length], { [prop]: doc.defaults[prop] });
    }
    return { ...doc, dependencies: dependencies(doc.stages, doc.defaults, picks) };
  });
