// A small SAM catalogue with two levels of parentage, two projects and a few definitions.
import type { DimsCatalogue, SimFile } from '../../../../../src/sim/sam/dims/index.js';
import { DimsIndex } from '../../../../../src/sim/sam/dims/dims-index.js';

/** Creation time of submission 101, as POMS formats it. */
export const T = '2025-04-01T10:22:03+0000';
const before = new Date('2025-03-15T00:00:00Z');
const after = new Date('2025-04-02T00:00:00Z');

function file(id: number, name: string, extra: Partial<SimFile> = {}): SimFile {
  return { id, name, createDate: after, runs: [], located: true, ...extra };
}

// raw_1..raw_6: runs 1000.1-3 and 1001.4-6, end_time 2025-03-01T0i:00Z, created before T.
const raws = [1, 2, 3, 4, 5, 6].map((i) =>
  file(i, `raw_${i}.root`, {
    dataTier: 'raw',
    createDate: new Date('2025-03-01T00:00:00Z'),
    endTime: new Date(`2025-03-01T0${i}:00:00Z`),
    runs: [[i <= 3 ? 1000 : 1001, i]],
  }),
);

export const files: SimFile[] = [
  ...raws,
  file(11, 'reco_1.root', { version: 'v1', dataTier: 'reco', params: { 'poms.submission_id': '101' } }),
  file(12, 'reco_2.root', { version: 'v1', dataTier: 'reco', params: { 'poms.submission_id': '102' } }),
  file(14, 'reco_4.root', { version: 'v1', dataTier: 'reco', located: false }),
  file(15, 'reco_old_1.root', { version: 'v1', createDate: before }),
  file(16, 'reco_5.root', { version: 'v0' }),
  file(17, 'hist_1.root', { version: 'v1' }),
  file(21, 'ana_1.root', { version: 'v1' }),
  file(22, 'ana_2.root', { version: 'v1', located: false }),
  file(30, 'reco_retired_2.root', { version: 'v1', retired: true }),
];

const parents: Record<string, string[]> = {
  'reco_1.root': ['raw_1.root'],
  'reco_2.root': ['raw_2.root'],
  'reco_4.root': ['raw_4.root'],
  'reco_old_1.root': ['raw_1.root'],
  'reco_5.root': ['raw_5.root'],
  'hist_1.root': ['raw_1.root'],
  'ana_1.root': ['reco_1.root'],
  'ana_2.root': ['reco_2.root'],
  'reco_retired_2.root': ['raw_2.root'],
};

export const DEPENDS_101 =
  `ischildof:( snapshot_for_project_name proj101 ) and version v1 and create_date > '${T}' ` +
  `and file_name like 'reco_%.root'`;

const definitions: Record<string, string> = {
  demo_raw: 'file_name raw_%',
  raw_first3: 'defname: demo_raw with limit 3',
  poms_depends_101_1: DEPENDS_101,
  loop_a: 'defname: loop_b',
  loop_b: 'defname:loop_a',
  self_loop: 'file_name x or defname: self_loop',
  broken: 'file_name (',
  uses_missing: 'defname: nowhere',
};

const snapshots: Record<number, string[]> = {
  501: ['raw_1.root', 'raw_2.root', 'raw_3.root'],
  502: ['raw_4.root'],
};
const projectSnapshots: Record<string, string[]> = {
  proj101: raws.map((f) => f.name),
  proj102: ['raw_3.root'],
};
// raw_6 has no entry: it stays `unknown` in proj101.
const statuses: Record<string, Record<string, string>> = {
  proj101: {
    'raw_1.root': 'consumed',
    'raw_2.root': 'completed',
    'raw_3.root': 'failed',
    'raw_4.root': 'consumed',
    'raw_5.root': 'delivered',
  },
  proj102: { 'raw_3.root': 'consumed' },
};

export function makeCatalogue(extraDefinitions: Record<string, string> = {}): DimsCatalogue {
  const defs = { ...definitions, ...extraDefinitions };
  return {
    allFiles: () => files,
    definition: (name) => defs[name],
    snapshot: (id) => snapshots[id],
    projectSnapshot: (p) => projectSnapshots[p],
    projectFileStatus: (p) => (statuses[p] ? new Map(Object.entries(statuses[p])) : undefined),
    projectNames: () => Object.keys(statuses),
    parentsOf: (name) => parents[name] ?? [],
    childrenOf: (name) =>
      Object.entries(parents)
        .filter(([, ps]) => ps.includes(name))
        .map(([child]) => child),
  };
}

/** The same catalogue with the simulator's indexes (name lookup, values, names, create times). */
export function makeIndexedCatalogue(): DimsCatalogue {
  const index = new DimsIndex();
  files.forEach((f) => index.add(f));
  const byName = new Map(files.map((f) => [f.name, f]));
  return {
    ...makeCatalogue(),
    file: (n) => byName.get(n),
    fileCount: () => files.length,
    dimsIndex: () => index,
  };
}
