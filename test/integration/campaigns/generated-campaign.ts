// fast-check generators of campaign documents the importer must accept: every stage complete after
// defaults, split types from the registry, job types and login setups defined in the document,
// dependencies acyclic (self-dependencies only with a split that advances), text without NUL.

import fc from 'fast-check';
import type {
  CampaignDocument,
  DependencyDocument,
  StageDocument,
  StageFields,
} from '../../../src/domain/ini/index.js';
import { RECOVERY_TYPES } from '../../../src/domain/recovery/recovery-types.js';

const chars = [...'abcXYZ019_-.%()[]{}=:"\'\\/$ ', 'é', '中', '→'];
const text = fc.string({ unit: fc.constantFrom(...chars), maxLength: 10 });
const name = fc
  .string({ unit: fc.constantFrom(...'abcxyz019_-. é'), minLength: 1, maxLength: 10 })
  .map((s) => s.trim())
  .filter((s) => s !== '');
const multiLine = fc.array(text, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));
const jsonText = fc.string({ unit: fc.constantFrom(...chars, '\t', '\n', '"'), maxLength: 8 });
const pairs = fc.array(
  fc.oneof(
    fc.tuple(jsonText, jsonText).map((t) => [...t]),
    fc.tuple(jsonText).map((t) => [...t]),
  ),
  { maxLength: 3 },
);
const SPLITS = ['None', 'nfiles(5)', 'mod(3)', 'drainingn(2)', 'draining', 'limitn(4)'];
const advances = (s: string | null | undefined) => typeof s === 'string' && !/^(none|draining)$/i.test(s);

function fields(jobTypes: string[], loginSetups: string[], complete: boolean): fc.Arbitrary<StageFields> {
  return fc.record(
    {
      voRole: fc.constantFrom('Production' as const, 'Analysis' as const),
      softwareVersion: name,
      datasetOrSplitData: fc.oneof(
        fc.constant(null),
        name,
        multiLine.filter((t) => t.trim() !== ''),
      ),
      csSplitType: fc.oneof(fc.constant(null), fc.constantFrom(...SPLITS)),
      testSplitType: fc.oneof(fc.constant(null), fc.constantFrom(...SPLITS)),
      completionType: fc.constantFrom('located' as const, 'complete' as const),
      completionPct: fc.oneof(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
      ),
      paramOverrides: pairs,
      testParamOverrides: pairs,
      mergeOverrides: fc.boolean(),
      loginSetup: fc.constantFrom(...loginSetups),
      jobType: fc.constantFrom(...jobTypes),
      stageType: fc.constantFrom(
        'regular' as const,
        'generator' as const,
        'approval' as const,
        'datatransfer' as const,
        'test' as const,
      ),
      outputAncestorDepth: fc.integer({ min: 1, max: 1000 }),
      defaultClearCronjob: fc.boolean(),
    },
    complete
      ? { requiredKeys: ['voRole', 'softwareVersion', 'datasetOrSplitData', 'loginSetup', 'jobType'] }
      : { requiredKeys: [] },
  );
}

export const importableCampaign: fc.Arbitrary<CampaignDocument> = fc
  .record({
    jobTypes: fc.uniqueArray(
      fc.record(
        {
          name,
          launchScript: multiLine.filter((s) => s.trim() !== ''),
          parameters: pairs,
          outputFilePatterns: fc.option(name, { nil: undefined }),
          recoveries: fc.array(
            fc.record({ recoveryType: fc.constantFrom(...RECOVERY_TYPES), paramOverrides: pairs }),
            {
              maxLength: 3,
            },
          ),
        },
        { requiredKeys: ['name', 'launchScript', 'parameters', 'recoveries'] },
      ),
      { selector: (j) => j.name, minLength: 1, maxLength: 2 },
    ),
    loginSetups: fc.uniqueArray(fc.record({ name, host: name, account: name, setup: multiLine }), {
      selector: (l) => l.name,
      minLength: 1,
      maxLength: 2,
    }),
    keywords: fc.dictionary(
      fc.string({ unit: fc.constantFrom(...'abc_XYZ'), minLength: 1, maxLength: 5 }),
      text,
      {
        maxKeys: 3,
        noNullPrototype: true,
      },
    ),
    positions: fc.array(
      fc.tuple(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
      ),
      {
        maxLength: 3,
      },
    ),
    stageNames: fc.uniqueArray(name, { minLength: 1, maxLength: 5 }),
    picks: fc.array(fc.tuple(fc.nat(), fc.nat(), name), { maxLength: 6 }),
    seed: fc.nat(),
  })
  .chain(({ jobTypes, loginSetups, keywords, positions, stageNames, picks }) => {
    const jt = jobTypes.map((j) => j.name);
    const ls = loginSetups.map((l) => l.name);
    return fc
      .record({
        defaults: fields(jt, ls, true),
        stages: fc.tuple(...stageNames.map(() => fields(jt, ls, false))),
      })
      .map(({ defaults, stages: own }): CampaignDocument => {
        const stages: StageDocument[] = stageNames.map((n, i) => ({ name: n, ...own[i] }));
        const deps: DependencyDocument[] = [];
        for (const [a, b, filePattern] of picks) {
          const [i, j] = [a % stages.length, b % stages.length].sort((x, y) => x - y);
          const split = stages[i].csSplitType !== undefined ? stages[i].csSplitType : defaults.csSplitType;
          if (i === j && !advances(split)) continue;
          if (deps.some((d) => d.upstream === stages[i].name && d.downstream === stages[j].name)) continue;
          deps.push({ upstream: stages[i].name, downstream: stages[j].name, filePattern });
        }
        return {
          campaign: { name: 'generated', keywords, stageListHint: [] },
          defaults,
          nodePositions: positions
            .map(([x, y], i) => ({
              id: i === 0 ? 'campaign generated' : stages[i % stages.length].name,
              x,
              y,
            }))
            .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i),
          stages,
          loginSetups,
          jobTypes,
          dependencies: deps,
        };
      });
  });
