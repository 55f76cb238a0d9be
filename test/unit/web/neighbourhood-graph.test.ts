import { describe, expect, it } from 'vitest';
import { neighbourhoodGraph } from '../../../src/web/routes/stage-page/neighbourhood-graph.js';

const dep = (id: number, up: [number, string], down: [number, string], pattern: string) => ({
  dependency_id: id,
  upstream_stage_id: up[0],
  upstream: up[1],
  downstream_stage_id: down[0],
  downstream: down[1],
  file_pattern: pattern,
});
const GEN: [number, string] = [1, 'gen'];
const RECO: [number, string] = [2, 'reco'];
const ANA: [number, string] = [3, 'ana'];

describe('the stage page neighbourhood graph', () => {
  it('puts the upstream stages left, the stage in the middle and the downstream stages right', () => {
    const n = neighbourhoodGraph(
      {
        stage_id: 2,
        name: 'reco',
        upstream: [dep(10, GEN, RECO, 'gen_%.root')],
        downstream: [dep(11, RECO, ANA, 'reco_%.root')],
      },
      'my exp',
    );
    expect(n.graph!.nodes).toEqual([
      { id: 2, name: 'reco', kind: 'self', level: 1, url: null },
      { id: 1, name: 'gen', kind: 'upstream', level: 0, url: '/experiments/my%20exp/stages/1' },
      { id: 3, name: 'ana', kind: 'downstream', level: 2, url: '/experiments/my%20exp/stages/3' },
    ]);
    expect(n.graph!.edges).toEqual([
      { id: 10, from: 1, to: 2, label: 'gen_%.root', loop: false },
      { id: 11, from: 2, to: 3, label: 'reco_%.root', loop: false },
    ]);
    expect(n.upstream).toEqual([
      { stage_id: 1, name: 'gen', url: '/experiments/my%20exp/stages/1', file_pattern: 'gen_%.root' },
    ]);
    expect(n.downstream.map((d) => d.name)).toEqual(['ana']);
    expect(n.loops).toEqual([]);
  });

  it('draws a self-dependency once, as a loop, and keeps it out of the neighbour lists', () => {
    const self = dep(20, RECO, RECO, 'reco_%.root');
    const n = neighbourhoodGraph({ stage_id: 2, name: 'reco', upstream: [self], downstream: [self] }, 'e');
    expect(n.graph!.nodes.map((x) => x.id)).toEqual([2]);
    expect(n.graph!.edges).toEqual([{ id: 20, from: 2, to: 2, label: 'reco_%.root', loop: true }]);
    expect(n).toMatchObject({ upstream: [], downstream: [], loops: [{ file_pattern: 'reco_%.root' }] });
  });

  it('has no graph for a stage without dependencies', () => {
    const n = neighbourhoodGraph({ stage_id: 2, name: 'reco', upstream: [], downstream: [] }, 'e');
    expect(n).toEqual({ upstream: [], downstream: [], loops: [], graph: null });
  });
});
