import { describe, expect, it } from 'vitest';
import {
  decideDefinitionUpdate,
  passThroughDeclarations,
  planDependencies,
  type PlanStage,
  type PlanSubmission,
} from '../../../../src/domain/dependencies/dependency-plan.js';
import { AppError } from '../../../../src/lib/errors.js';

const T = "'2025-04-01T10:22:03+0000'";
const original: PlanSubmission = {
  id: 500,
  isTest: false,
  project: 'mu2e_reco_p1',
  created: new Date('2025-04-01T10:22:03Z'),
  dataset: 'gen_cfg_slice0_of_3',
  creatorUsername: 'mengel',
  recoveryParentId: null,
};
const stage: PlanStage = {
  id: 10,
  type: 'regular',
  softwareVersion: 'v1_2',
  outputAncestorDepth: 1,
  creatorRole: 'production',
};
const ic = `ischildof:( snapshot_for_project_name 'mu2e_reco_p1' ) and version 'v1_2' and create_date > ${T}`;

describe('planDependencies', () => {
  it('self-dependency → next split; others → poms_depends_<sid>_<i>, ordered by downstream stage id', () => {
    const plan = planDependencies({
      located: original,
      stage,
      dependencies: [
        { downstreamStageId: 30, filePattern: '%.art' },
        { downstreamStageId: 10, filePattern: '%' },
        { downstreamStageId: 20, filePattern: '%.root' },
      ],
    });
    expect(plan).toEqual([
      { kind: 'next_split', stageId: 10, test: false, launcher: 'mengel' },
      {
        kind: 'dependent',
        stageId: 20,
        index: 1,
        definition: 'poms_depends_500_1',
        dims: `${ic} and file_name like '%.root'`,
        test: false,
        launcher: 'mengel',
      },
      {
        kind: 'dependent',
        stageId: 30,
        index: 2,
        definition: 'poms_depends_500_2',
        dims: `${ic} and file_name like '%.art'`,
        test: false,
        launcher: 'mengel',
      },
    ]);
  });

  it('no dependency rows → nothing to launch', () => {
    expect(planDependencies({ located: original, stage, dependencies: [] })).toEqual([]);
  });

  it('a recovery is chained from its parent: parent id, project, time window and test flag', () => {
    const recovery: PlanSubmission = {
      ...original,
      id: 501,
      project: 'mu2e_reco_p1_recovery',
      created: new Date('2025-04-03T00:00:00Z'),
      recoveryParentId: 500,
    };
    const parent = { ...original, isTest: true };
    const [launch] = planDependencies({
      located: recovery,
      recoveryParent: parent,
      stage,
      dependencies: [{ downstreamStageId: 20, filePattern: '%.root' }],
    });
    expect(launch).toMatchObject({
      definition: 'poms_depends_500_1',
      dims: `${ic} and file_name like '%.root'`,
      test: true,
    });
  });

  it('a recovery without its parent is refused', () => {
    const recovery = { ...original, id: 501, recoveryParentId: 500 };
    const deps = [{ downstreamStageId: 20, filePattern: '%' }];
    expect(() => planDependencies({ located: recovery, stage, dependencies: deps })).toThrow(AppError);
    expect(() =>
      planDependencies({
        located: recovery,
        recoveryParent: { ...original, id: 499 },
        stage,
        dependencies: deps,
      }),
    ).toThrow(AppError);
  });

  it('test flag is inherited by next split and dependents', () => {
    const plan = planDependencies({
      located: { ...original, isTest: true },
      stage,
      dependencies: [
        { downstreamStageId: 10, filePattern: '%' },
        { downstreamStageId: 11, filePattern: '%' },
      ],
    });
    expect(plan.map((l) => l.test)).toEqual([true, true]);
  });

  it('analysis stages get user-named definitions', () => {
    const [launch] = planDependencies({
      located: original,
      stage: { ...stage, creatorRole: 'analysis' },
      dependencies: [{ downstreamStageId: 20, filePattern: '%' }],
    });
    expect(launch).toMatchObject({ definition: 'poms_mengel_depends_500_1' });
  });

  it('generator upstream or no SAM project → the name without defining it', () => {
    const deps = [{ downstreamStageId: 20, filePattern: '%.root' }];
    const gen = planDependencies({
      located: original,
      stage: { ...stage, type: 'generator' },
      dependencies: deps,
    });
    expect(gen[0]).toMatchObject({ definition: 'poms_depends_500_1', dims: null });
    const noProject = planDependencies({
      located: { ...original, project: null },
      stage,
      dependencies: deps,
    });
    expect(noProject[0]).toMatchObject({ definition: 'poms_depends_500_1', dims: null });
  });

  it('approval / datatransfer upstream: defname of its dataset and the pattern', () => {
    for (const type of ['approval', 'datatransfer'] as const) {
      const [launch] = planDependencies({
        located: { ...original, project: null },
        stage: { ...stage, type },
        dependencies: [{ downstreamStageId: 20, filePattern: 'data_tier raw' }],
      });
      expect(launch).toMatchObject({ dims: "defname:'gen_cfg_slice0_of_3' and (data_tier raw)" });
    }
  });

  it('depth-nested ischildof from the stage output ancestor depth', () => {
    const [launch] = planDependencies({
      located: original,
      stage: { ...stage, outputAncestorDepth: 2 },
      dependencies: [{ downstreamStageId: 20, filePattern: '%' }],
    });
    expect(launch).toMatchObject({
      dims: `ischildof:( ischildof:( snapshot_for_project_name 'mu2e_reco_p1' ) ) and version 'v1_2' and create_date > ${T} and file_name like '%'`,
    });
  });
});

describe('decideDefinitionUpdate: a dependency definition only grows', () => {
  it.each([
    [null, 0, 'create'],
    [null, 12, 'create'],
    [10, 12, 'replace'],
    [12, 12, 'keep'],
    [12, 3, 'keep'],
  ] as const)('existing %s, new %s → %s', (existing, next, expected) => {
    expect(decideDefinitionUpdate(existing, next)).toBe(expected);
  });
});

describe('passThroughDeclarations', () => {
  const approval: PlanStage = { ...stage, type: 'approval' };
  it('declares poms_depends_<sid>_<i> per non-self dependency on the passed dataset', () => {
    expect(
      passThroughDeclarations({
        located: { ...original, project: null },
        stage: approval,
        dependencies: [
          { downstreamStageId: 30, filePattern: '%.art' },
          { downstreamStageId: 10, filePattern: '%' },
          { downstreamStageId: 20, filePattern: '' },
        ],
      }),
    ).toEqual([
      {
        definition: 'poms_depends_500_1',
        dims: "defname:'gen_cfg_slice0_of_3' and file_name like '%'",
      },
      {
        definition: 'poms_depends_500_2',
        dims: "defname:'gen_cfg_slice0_of_3' and file_name like '%.art'",
      },
    ]);
  });
  it('declares _1 on every file without dependents; nothing for other stage types', () => {
    expect(
      passThroughDeclarations({
        located: original,
        stage: { ...stage, type: 'datatransfer' },
        dependencies: [],
      }),
    ).toEqual([
      { definition: 'poms_depends_500_1', dims: "defname:'gen_cfg_slice0_of_3' and file_name like '%'" },
    ]);
    expect(passThroughDeclarations({ located: original, stage, dependencies: [] })).toEqual([]);
    expect(
      passThroughDeclarations({ located: { ...original, dataset: null }, stage: approval, dependencies: [] }),
    ).toEqual([]);
  });
});
