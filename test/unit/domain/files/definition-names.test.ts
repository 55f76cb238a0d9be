import { describe, expect, it } from 'vitest';
import {
  dependencyDefinitionName,
  parseChainedDatasetName,
  recoveryDefinitionName,
} from '../../../../src/domain/files/definition-names.js';
import { AppError } from '../../../../src/lib/errors.js';

const uuid = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('definition names', () => {
  it('recovery: poms_recover_<uuid>_<sid>_<pos>', () => {
    expect(recoveryDefinitionName(uuid, 1234, 0)).toBe(`poms_recover_${uuid}_1234_0`);
    expect(() => recoveryDefinitionName('x y', 1, 0)).toThrow(AppError);
    expect(() => recoveryDefinitionName(uuid, 1, -1)).toThrow(AppError);
  });

  it('dependency: poms_depends_<sid>_<i>, analysis poms_<user>_depends_<sid>_<i>', () => {
    expect(dependencyDefinitionName(1234, 1)).toBe('poms_depends_1234_1');
    expect(dependencyDefinitionName(1234, 2, 'mengel')).toBe('poms_mengel_depends_1234_2');
    expect(() => dependencyDefinitionName(1234, 0)).toThrow(AppError);
    expect(() => dependencyDefinitionName(1234, 1, "bad'user")).toThrow(AppError);
  });

  it('reads the names back', () => {
    expect(parseChainedDatasetName(`poms_recover_${uuid}_1234_2`)).toEqual({
      kind: 'recovery',
      uuid,
      submissionId: 1234,
      position: 2,
    });
    expect(parseChainedDatasetName('poms_depends_77_3')).toEqual({
      kind: 'dependency',
      submissionId: 77,
      index: 3,
      user: null,
    });
    expect(parseChainedDatasetName('poms_a.b_depends_77_1')).toEqual({
      kind: 'dependency',
      submissionId: 77,
      index: 1,
      user: 'a.b',
    });
    expect(parseChainedDatasetName('gen_cfg_slice0_of_3')).toBeNull();
    // MetaCat experiments' named queries carry the namespace.
    expect(parseChainedDatasetName('dune:poms_depends_77_1')).toMatchObject({ submissionId: 77, index: 1 });
    expect(parseChainedDatasetName(`dune:poms_recover_${uuid}_12_0`)).toMatchObject({ submissionId: 12 });
    expect(parseChainedDatasetName('dune:dd_demo_raw')).toBeNull();
  });
});
