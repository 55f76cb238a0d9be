import { describe, expect, it } from 'vitest';
import type { SplitSam } from '../../../../src/domain/splits/index.js';
import type { StageLaunchConfig } from '../../../../src/services/launch/launch-config.js';
import { takeDataset } from '../../../../src/services/launch/take-dataset.js';

// A launch's split runs on the experiment's data service: SAM dimensions, or MetaCat MQL.

function recorder(calls: string[]): SplitSam {
  return {
    countFiles: async (q) => (calls.push(`count ${q}`), 3),
    listFiles: async () => [],
    fileMetadata: async () => null,
    createDefinition: async (name, q) => void calls.push(`define ${name} = ${q}`),
    takeSnapshot: async () => 1,
  };
}

const cfg = (dataService: 'sam' | 'metacat', dataset: string) =>
  ({
    experiment: 'dune',
    dataService,
    campaign: { keywords: {} },
    stage: {
      name: 'reco',
      dataset,
      splitType: 'nfiles(5)',
      splitCursor: null,
      testSplitType: null,
      testSplitCursor: null,
    },
  }) as unknown as StageLaunchConfig;

function deps(withMetacat = true) {
  const sam: string[] = [];
  const mc: string[] = [];
  const d = {
    splitSamFor: () => recorder(sam),
    ...(withMetacat ? { splitMetacatFor: () => recorder(mc) } : {}),
    newId: () => 'x',
    now: () => new Date(),
  };
  return { d, sam, mc };
}

describe('takeDataset by data service', () => {
  it('a SAM experiment writes dimensions to SAM', async () => {
    const { d, sam, mc } = deps();
    const t = await takeDataset(d, cfg('sam', 'raw'), {}, false);
    expect(t.dataset).toBe('raw_slice0_files5');
    expect(sam[0]).toBe('count defname: raw with limit 5 offset 0');
    expect(mc).toEqual([]);
  });

  it('a MetaCat experiment writes MQL to MetaCat', async () => {
    const { d, sam, mc } = deps();
    const t = await takeDataset(d, cfg('metacat', 'dune:raw'), {}, false);
    expect(t.dataset).toBe('dune:raw_slice0_files5');
    expect(mc).toEqual([
      'count files from dune:raw ordered skip 0 limit 5',
      'define dune:raw_slice0_files5 = files from dune:raw ordered skip 0 limit 5',
    ]);
    expect(sam).toEqual([]);
  });

  it('a MetaCat experiment without a MetaCat service is refused, saying what to configure', async () => {
    await expect(takeDataset(deps(false).d, cfg('metacat', 'dune:raw'), {}, false)).rejects.toThrow(
      /\[metacat\]/,
    );
  });
});
