import { describe, expect, it } from 'vitest';
import * as dims from '../../../../src/domain/files/sam-dims.js';
import { AppError } from '../../../../src/lib/errors.js';

const T = "'2025-04-01T10:22:03+0000'";
const ctx = {
  project: 'mu2e_reco_p1',
  softwareVersion: 'v09_10_00',
  created: new Date('2025-04-01T10:22:03Z'),
  outputAncestorDepth: 1,
};
const deep = { ...ctx, outputAncestorDepth: 2 };
const own = `version 'v09_10_00' and create_date > ${T}`;

describe('recovery dims', () => {
  it('consumed_status', () => {
    expect(dims.consumedStatusRecoveryDims('p1')).toBe(
      "snapshot_for_project_name 'p1' minus (project_name 'p1' and consumed_status co%)",
    );
  });

  it("process_status: SAM's answer with consumed widened to 'co%'", () => {
    expect(
      dims.processStatusRecoveryDims(
        'p1',
        ' snapshot_for_project_name p1 minus (project_name p1 and consumed_status consumed) ',
      ),
    ).toBe("snapshot_for_project_name p1 minus (project_name p1 and consumed_status 'co%')");
    expect(dims.processStatusRecoveryDims('p1', "x and consumed_status 'consumed' and y")).toBe(
      "x and consumed_status 'co%' and y",
    );
    expect(dims.processStatusRecoveryDims('p1', 'x and consumed_status consumed,failed')).toBe(
      "x and consumed_status 'co%',failed",
    );
    expect(dims.processStatusRecoveryDims('p1', 'consumed_status consumed_x')).toBe(
      'consumed_status consumed_x',
    );
  });

  it('process_status: empty answer = nothing to recover; failed call = consumed_status dims', () => {
    expect(dims.processStatusRecoveryDims('p1', '')).toBeNull();
    expect(dims.processStatusRecoveryDims('p1', '  \n')).toBeNull();
    expect(dims.processStatusRecoveryDims('p1', null)).toBe(dims.consumedStatusRecoveryDims('p1'));
  });

  it('added_files', () => {
    expect(dims.addedFilesRecoveryDims('p1', 'gen_cfg')).toBe(
      "defname:'gen_cfg' minus snapshot_for_project_name 'p1'",
    );
  });

  it('delivered_not_consumed has the project filled in', () => {
    expect(dims.deliveredNotConsumedRecoveryDims('p1')).toBe(
      "project_name 'p1' and consumed_status skipped,unknown,delivered,transferred,unconsumed,cancelled",
    );
  });

  it('pending_files: depth-nested isparentof, one clause per output pattern', () => {
    expect(dims.pendingFilesRecoveryDims(ctx, ['%.root'])).toBe(
      `snapshot_for_project_name 'mu2e_reco_p1' minus ( isparentof:( file_name like '%.root' and ${own} ) )`,
    );
    expect(dims.pendingFilesRecoveryDims(deep, ['%.root', 'data_tier reco', '%.root'])).toBe(
      "snapshot_for_project_name 'mu2e_reco_p1' minus ( " +
        `isparentof:( isparentof:( file_name like '%.root' and ${own} ) ) and ` +
        `isparentof:( isparentof:( (data_tier reco) and ${own} ) ) )`,
    );
    expect(dims.pendingFilesRecoveryDims(ctx, [])).toBe(
      `snapshot_for_project_name 'mu2e_reco_p1' minus ( isparentof:( file_name like '%' and ${own} ) )`,
    );
  });

  it('recoveryDims dispatches by type', () => {
    const input = { ...ctx, dataset: 'gen_cfg', outputPatterns: ['%.art'], samRecoveryDimensions: '' };
    expect(dims.recoveryDims('consumed_status', input)).toBe(dims.consumedStatusRecoveryDims('mu2e_reco_p1'));
    expect(dims.recoveryDims('process_status', input)).toBeNull();
    expect(dims.recoveryDims('process_status', { ...ctx })).toBe(
      dims.consumedStatusRecoveryDims('mu2e_reco_p1'),
    );
    expect(dims.recoveryDims('added_files', input)).toBe(
      dims.addedFilesRecoveryDims('mu2e_reco_p1', 'gen_cfg'),
    );
    expect(dims.recoveryDims('delivered_not_consumed', input)).toBe(
      dims.deliveredNotConsumedRecoveryDims('mu2e_reco_p1'),
    );
    expect(dims.recoveryDims('pending_files', input)).toBe(dims.pendingFilesRecoveryDims(ctx, ['%.art']));
    expect(() => dims.recoveryDims('added_files', { ...ctx, dataset: null })).toThrow(AppError);
  });

  it('inputDefinitionOf uses the dataset_def_name of the summary as fallback', () => {
    expect(dims.inputDefinitionOf('gen_cfg_slice0_of_3', { dataset_def_name: 'gen_cfg' })).toBe(
      'gen_cfg_slice0_of_3',
    );
    expect(dims.inputDefinitionOf(null, { dataset_def_name: 'gen_cfg' })).toBe('gen_cfg');
    expect(dims.inputDefinitionOf('', null)).toBeNull();
  });
});

describe('dependency dims', () => {
  it('children of the project snapshot, own version and time, file pattern', () => {
    expect(dims.dependencyDims(ctx, '%.root')).toBe(
      `ischildof:( snapshot_for_project_name 'mu2e_reco_p1' ) and ${own} and file_name like '%.root'`,
    );
  });

  it('depth-nested ischildof, raw fragment pattern', () => {
    expect(dims.dependencyDims(deep, 'data_tier reco')).toBe(
      `ischildof:( ischildof:( snapshot_for_project_name 'mu2e_reco_p1' ) ) and ${own} and (data_tier reco)`,
    );
  });

  it('approval / datatransfer upstream passes its dataset on', () => {
    expect(dims.passThroughDependencyDims('gen_cfg', '%.art')).toBe(
      "defname:'gen_cfg' and file_name like '%.art'",
    );
  });
});

describe('located check dims', () => {
  it('one located-children clause per pattern, file_name like everywhere', () => {
    expect(dims.locatedCheckDims(ctx, ['%.root', '%.art'])).toBe(
      "snapshot_for_project_name 'mu2e_reco_p1'" +
        ` and isparentof:( file_name like '%.root' and ${own} with availability physical )` +
        ` and isparentof:( file_name like '%.art' and ${own} with availability physical )`,
    );
    expect(dims.locatedCheckDims(deep, ['%'])).toBe(
      "snapshot_for_project_name 'mu2e_reco_p1'" +
        ` and isparentof:( isparentof:( file_name like '%' and ${own} with availability physical ) )`,
    );
  });

  it('patterns: dependency rows, else the job type output patterns as separate patterns', () => {
    expect(dims.locatedCheckPatterns(['%.root', '', '%.root'], ['%.art'])).toEqual(['%.root', '%']);
    expect(dims.locatedCheckPatterns([], ['%.art', '%.log'])).toEqual(['%.art', '%.log']);
    expect(dims.locatedCheckPatterns([], [])).toEqual(['%']);
  });

  it('equals "all kids located" of the file report', () => {
    expect(dims.locatedCheckDims(ctx, ['%.art'])).toBe(dims.allKidsDims(ctx, ['%.art'], 'physical'));
  });

  it('without a project: the dependency definition the jobs declare', () => {
    expect(dims.noProjectLocatedDims('poms_depends_42_1')).toBe("defname:'poms_depends_42_1'");
  });
});

describe('file statistics dims', () => {
  const B = "snapshot_for_project_name 'mu2e_reco_p1'";

  it('output files, declared or located, any output pattern', () => {
    expect(dims.outputFilesDims(ctx, ['%.root'], 'anylocation')).toBe(
      `ischildof:( ${B} ) and ${own} and file_name like '%.root' with availability anylocation`,
    );
    expect(dims.outputFilesDims(deep, ['%.root', '%.art'], 'physical')).toBe(
      `ischildof:( ischildof:( ${B} ) ) and ${own} and ( file_name like '%.root' or file_name like '%.art' ) with availability physical`,
    );
  });

  it('some kids declared / located', () => {
    expect(dims.someKidsDims(ctx, 'anylocation')).toBe(
      `${B} and isparentof:( ${own} with availability anylocation )`,
    );
    expect(dims.someKidsDims(ctx, 'physical')).toBe(
      `${B} and isparentof:( ${own} with availability physical )`,
    );
  });

  it('all kids declared', () => {
    expect(dims.allKidsDims(ctx, ['%.root', '%.art'], 'anylocation')).toBe(
      `${B} and isparentof:( file_name like '%.root' and ${own} with availability anylocation )` +
        ` and isparentof:( file_name like '%.art' and ${own} with availability anylocation )`,
    );
  });

  it('pending = snapshot minus inputs with all outputs located', () => {
    expect(dims.pendingDims(ctx, ['%.root'])).toBe(
      `${B} minus ( isparentof:( file_name like '%.root' and ${own} with availability physical ) )`,
    );
  });

  it('consumed-status drill-downs', () => {
    const got = Object.fromEntries(
      (Object.keys(dims.CONSUMED_STATUS_FILTERS) as dims.ConsumedStatusFilter[]).map((k) => [
        k,
        dims.consumedStatusDims('p1', k),
      ]),
    );
    const b = "snapshot_for_project_name 'p1' and consumed_status";
    expect(got).toEqual({
      unknown: `${b} unknown`,
      consumed: `${b} co%`,
      cancelled: `${b} cancelled`,
      failed: `${b} failed`,
      skipped: `${b} skipped,unconsumed`,
      stillDelivered: `${b} delivered,transferred`,
      delivered: `${b} consumed,completed,cancelled,failed,skipped,unconsumed,delivered,transferred`,
    });
  });

  it('definitions union and project lists', () => {
    expect(dims.definitionsUnionDims(['a', 'b_c'])).toBe("defname:'a' or defname:'b_c'");
    expect(dims.projectsDims(['p1', 'p2'])).toBe("project_name 'p1','p2'");
    expect(() => dims.definitionsUnionDims([])).toThrow(AppError);
    expect(() => dims.projectsDims([])).toThrow(AppError);
  });
});

describe('user values are always quoted', () => {
  it('a hostile project name stays one value', () => {
    expect(dims.consumedStatusRecoveryDims("p1' or defname:'all")).toBe(
      `snapshot_for_project_name "p1' or defname:'all" minus (project_name "p1' or defname:'all" and consumed_status co%)`,
    );
    expect(() => dims.dependencyDims({ ...ctx, softwareVersion: `v1' "` }, '%')).toThrow(AppError);
  });
});
