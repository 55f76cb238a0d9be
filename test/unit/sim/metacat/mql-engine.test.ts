import { describe, expect, it } from 'vitest';
import { mqlSplitDialect } from '../../../../src/domain/files/mql/split-mql.js';
import { orphansOf, outputsOf } from '../../../../src/domain/files/mql/provenance-mql.js';
import {
  evaluateMql,
  MqlNotFoundError,
  MqlSyntaxError,
  type MqlCatalogue,
  type MqlFile,
} from '../../../../src/sim/metacat/mql/index.js';

// The simulator's MQL engine on a hand-made catalogue: each construct POMS writes, and refusals.

const T0 = Date.parse('2026-12-01T00:00:00Z') / 1000;
function catalogue(): MqlCatalogue {
  const files: MqlFile[] = [];
  const parents = new Map<string, string[]>();
  const add = (name: string, meta: Record<string, unknown>, created = T0, from: string[] = []) => {
    const id = files.length + 1;
    files.push({
      did: `dune:${name}`,
      namespace: 'dune',
      name,
      fid: `f${id}`,
      id,
      createdTimestamp: created,
      creator: 'u',
      size: 1,
      metadata: meta,
    });
    parents.set(`dune:${name}`, from);
  };
  for (let k = 0; k < 6; k++)
    add(`raw_${k}.root`, {
      'core.runs': [1000 + (k % 2)],
      'core.runs_subruns': [(1000 + (k % 2)) * 100000 + k],
      'core.end_time': T0 + k * 3600,
    });
  add('reco_0.root', { 'core.application.version': 'v2' }, T0 + 7200, ['dune:raw_0.root']);
  add('reco_1.hist', { 'core.application.version': 'v2' }, T0 + 7200, ['dune:raw_1.root']);
  const byDid = (d: string) => files.find((f) => f.did === d);
  return {
    namespaces: () => ['dune'],
    filesOf: (ns) => (ns === 'dune' ? files : undefined),
    byDid,
    byFid: (fid) => files.find((f) => f.fid === fid),
    dataset: (d) =>
      d === 'dune:raw' ? files.filter((f) => f.name.startsWith('raw_')).map((f) => f.did) : undefined,
    namedQuery: (d) => (d === 'dune:odd' ? 'filter every_nth(2, 1)(files from dune:raw ordered)' : undefined),
    parents: (f) => (parents.get(f.did) ?? []).map((d) => byDid(d)!),
    children: (f) => files.filter((c) => parents.get(c.did)?.includes(f.did)),
  };
}

const names = (q: string) => evaluateMql(q, catalogue()).map((f) => f.name);
const d = mqlSplitDialect('dune');

describe('simulated MQL engine', () => {
  it('evaluates the split types’ queries', () => {
    expect(names(d.slice('dune:raw', 2, 2))).toEqual(['raw_2.root', 'raw_3.root']);
    expect(names(d.first('dune:raw', 1))).toEqual(['raw_0.root']);
    expect(names(d.stride('dune:raw', 3, 1))).toEqual(['raw_1.root', 'raw_4.root']);
    expect(names(d.run('dune:raw', 1001))).toEqual(['raw_1.root', 'raw_3.root', 'raw_5.root']);
    expect(names(d.runSubrun(d.undelivered('dune:raw', 0), 0, 1000, 4))).toEqual(['raw_4.root']);
    expect(names(d.endTimeWindow('dune:raw', T0 + 3600, T0 + 3 * 3600, 'UTC'))).toEqual([
      'raw_2.root',
      'raw_3.root',
    ]);
    expect(names(`${d.limit('files from dune:raw - files dune:raw_0.root, dune:raw_1.root', 2)}`)).toEqual([
      'raw_2.root',
      'raw_3.root',
    ]);
  });

  it('named queries, file lists, fids, unions and joins', () => {
    expect(names('files selected by dune:odd')).toEqual(['raw_1.root', 'raw_3.root', 'raw_5.root']);
    expect(names('fids f2, f1')).toEqual(['raw_1.root', 'raw_0.root']);
    expect(names('union(files dune:raw_4.root, files dune:raw_0.root)')).toEqual([
      'raw_0.root',
      'raw_4.root',
    ]);
    expect(
      names('{files from dune:raw, files selected by dune:odd} where core.runs[any] in (1001)'),
    ).toHaveLength(3);
  });

  it('provenance: outputs by pattern and version, orphans', () => {
    const after = new Date((T0 + 60) * 1000);
    expect(names(outputsOf('files from dune:raw', { pattern: 'reco%.root', version: 'v2', after }))).toEqual([
      'reco_0.root',
    ]);
    expect(
      names(orphansOf('files dune:raw_0.root, dune:raw_1.root', [{ pattern: '%.root', after }])),
    ).toEqual(['raw_1.root']);
    expect(names('parents(files dune:reco_1.hist)')).toEqual(['raw_1.root']);
  });

  it('refuses what MetaCat refuses', () => {
    expect(() => names('files frm dune:raw')).toThrow(MqlSyntaxError);
    expect(() => names('files from dune:raw where core.runs[any] >')).toThrow(MqlSyntaxError);
    expect(() => names('files from dune:nope')).toThrow(MqlNotFoundError);
    expect(() => names('filter sample(1)(files from dune:raw)')).toThrow(MqlNotFoundError);
  });
});
