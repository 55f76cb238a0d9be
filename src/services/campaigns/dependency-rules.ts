// Dependency graph rules for one campaign: edges upstream → downstream between its stages.

export interface Edge {
  upstream: number;
  downstream: number;
}

/**
 * The path that adding `edge` would close into a cycle ([downstream, …, upstream]), or null.
 * Self-edges are not cycles here (they are checked against the split type instead).
 */
export function cycleThrough(edges: readonly Edge[], edge: Edge): number[] | null {
  if (edge.upstream === edge.downstream) return null;
  const out = new Map<number, number[]>();
  for (const e of edges) {
    if (e.upstream === e.downstream) continue;
    out.set(e.upstream, [...(out.get(e.upstream) ?? []), e.downstream]);
  }
  // Breadth-first from the new edge's downstream end: reaching its upstream end closes a cycle.
  const parent = new Map<number, number>([[edge.downstream, edge.downstream]]);
  const queue = [edge.downstream];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i];
    if (at === edge.upstream) {
      const path = [at];
      for (let n = at; n !== edge.downstream; n = parent.get(n)!) path.unshift(parent.get(n)!);
      return path;
    }
    for (const next of out.get(at) ?? []) {
      if (parent.has(next)) continue;
      parent.set(next, at);
      queue.push(next);
    }
  }
  return null;
}
