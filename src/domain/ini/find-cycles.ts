// Cycles in a directed graph, without recursion (a file may hold a very long chain of stages).

type Edges = ReadonlyMap<string, readonly string[]>;

function finishOrder(nodes: readonly string[], edges: Edges): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  for (const start of nodes) {
    if (seen.has(start)) continue;
    seen.add(start);
    const stack: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const out = edges.get(top.node) ?? [];
      if (top.next < out.length) {
        const n = out[top.next++];
        if (!seen.has(n)) {
          seen.add(n);
          stack.push({ node: n, next: 0 });
        }
      } else {
        order.push(top.node);
        stack.pop();
      }
    }
  }
  return order;
}

/** Strongly connected components with more than one node (Kosaraju), members in `nodes` order. */
function cyclicComponents(nodes: readonly string[], edges: Edges): string[][] {
  const reverse = new Map<string, string[]>();
  for (const [from, tos] of edges) {
    for (const to of tos) {
      const list = reverse.get(to) ?? [];
      list.push(from);
      reverse.set(to, list);
    }
  }
  const component = new Map<string, number>();
  const members: string[][] = [];
  for (const start of finishOrder(nodes, edges).reverse()) {
    if (component.has(start)) continue;
    const id = members.length;
    const stack = [start];
    component.set(start, id);
    members.push([start]);
    while (stack.length > 0) {
      for (const prev of reverse.get(stack.pop() as string) ?? []) {
        if (component.has(prev)) continue;
        component.set(prev, id);
        members[id].push(prev);
        stack.push(prev);
      }
    }
  }
  const index = new Map(nodes.map((n, i) => [n, i]));
  return members
    .filter((m) => m.length > 1)
    .map((m) => m.sort((a, b) => (index.get(a) ?? 0) - (index.get(b) ?? 0)))
    .sort((a, b) => (index.get(a[0]) ?? 0) - (index.get(b[0]) ?? 0));
}

/** Shortest path from `start` back to itself inside `within`: [start, ..., start]. */
function cycleThrough(start: string, within: ReadonlySet<string>, edges: Edges): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of edges.get(queue[i]) ?? []) {
      if (next === start) {
        const back: string[] = [];
        for (let n = queue[i]; n !== start; n = parent.get(n) ?? start) back.push(n);
        return [start, ...back.reverse(), start];
      }
      if (within.has(next) && !parent.has(next)) {
        parent.set(next, queue[i]);
        queue.push(next);
      }
    }
  }
  return [start];
}

/**
 * One cycle per group of nodes that reach each other (self-loops are ignored), each as
 * [a, b, ..., a] starting at the group's first node in `nodes` order.
 */
export function findCycles(nodes: readonly string[], edges: Edges): string[][] {
  const loopless = new Map([...edges].map(([from, tos]) => [from, tos.filter((to) => to !== from)]));
  return cyclicComponents(nodes, loopless).map((m) => cycleThrough(m[0], new Set(m), loopless));
}
