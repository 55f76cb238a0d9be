// The original's merge rules for [option, value] lists: updates replace a key's value in place or
// append a new key; an empty value removes the key (update_stage_param_overrides). Recovery ladders
// merge per recovery type: a known type's pairs are merged, a new type is appended.

export type Pair = [string, string];
export type Rung = [string, Pair[]];

export function mergePairs(current: readonly (readonly string[])[], updates: readonly Pair[]): Pair[] {
  const out = current.map((p) => [p[0], p[1] ?? ''] as Pair);
  for (const [k, v] of updates) {
    const at = out.findIndex((p) => p[0] === k);
    if (v === '') {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = [k, v];
    else out.push([k, v]);
  }
  return out;
}

export function mergeRecoveries(current: readonly Rung[], updates: readonly Rung[]): Rung[] {
  const out: Rung[] = current.map(([t, pairs]) => [t, pairs.map((p) => [...p] as Pair)]);
  for (const [type, pairs] of updates) {
    const at = out.findIndex(([t]) => t === type);
    if (at >= 0) out[at] = [type, mergePairs(out[at][1], pairs)];
    else out.push([type, pairs]);
  }
  return out;
}
