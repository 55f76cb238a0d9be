/** One dependency as the stage service lists it (upstream → downstream, on a file pattern). */
export interface NeighbourDependency {
  dependency_id: number;
  upstream: string;
  downstream: string;
  upstream_stage_id: number;
  downstream_stage_id: number;
  file_pattern: string;
}

export interface NeighbourhoodStage {
  stage_id: number;
  name: string;
  upstream: NeighbourDependency[];
  downstream: NeighbourDependency[];
}

interface GraphNode {
  id: number;
  name: string;
  kind: 'self' | 'upstream' | 'downstream';
  /** Column left to right: 0 upstream, 1 the stage, 2 downstream. */
  level: number;
  /** The stage page; null for the stage itself. */
  url: string | null;
}

/**
 * The stage page's neighbourhood: its upstream and downstream stages, as a list (links,
 * without script) and as the graph the page script draws with vis-network. Graph: the upstream
 * stages (level 0), the stage itself (level 1, highlighted), the downstream stages (level 2), one
 * arrow per dependency labelled with its file pattern. A self-dependency (splits: each split runs
 * on the previous one's output) is listed on both sides by the stage service; it becomes one loop.
 * `graph` is null when the stage has no dependency at all: the page then shows the list only.
 */
export function neighbourhoodGraph(stage: NeighbourhoodStage, exp: string) {
  const stageUrl = (id: number) => `/experiments/${encodeURIComponent(exp)}/stages/${id}`;
  const self = stage.stage_id;
  const nodes = new Map<number, GraphNode>();
  nodes.set(self, { id: self, name: stage.name, kind: 'self', level: 1, url: null });
  const add = (id: number, name: string, kind: 'upstream' | 'downstream') => {
    if (!nodes.has(id))
      nodes.set(id, { id, name, kind, level: kind === 'upstream' ? 0 : 2, url: stageUrl(id) });
  };
  const edges = new Map<number, { id: number; from: number; to: number; label: string; loop: boolean }>();
  for (const d of [...stage.upstream, ...stage.downstream]) {
    add(d.upstream_stage_id, d.upstream, 'upstream');
    add(d.downstream_stage_id, d.downstream, 'downstream');
    edges.set(d.dependency_id, {
      id: d.dependency_id,
      from: d.upstream_stage_id,
      to: d.downstream_stage_id,
      label: d.file_pattern,
      loop: d.upstream_stage_id === d.downstream_stage_id,
    });
  }
  const link = (id: number, name: string, pattern: string) => ({
    stage_id: id,
    name,
    url: stageUrl(id),
    file_pattern: pattern,
  });
  return {
    upstream: stage.upstream
      .filter((d) => d.upstream_stage_id !== self)
      .map((d) => link(d.upstream_stage_id, d.upstream, d.file_pattern)),
    downstream: stage.downstream
      .filter((d) => d.downstream_stage_id !== self)
      .map((d) => link(d.downstream_stage_id, d.downstream, d.file_pattern)),
    loops: stage.upstream
      .filter((d) => d.downstream_stage_id === self && d.upstream_stage_id === self)
      .map((d) => ({ file_pattern: d.file_pattern })),
    graph: edges.size ? { stage_id: self, nodes: [...nodes.values()], edges: [...edges.values()] } : null,
  };
}
