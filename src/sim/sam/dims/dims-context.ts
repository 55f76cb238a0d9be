import type { DimsCatalogue, SimFile } from './dims-catalogue.js';

export type FileSet = Set<SimFile>;

/** One evaluation's view of the catalogue: retired files removed, name index built once. */
export interface DimsContext {
  readonly catalogue: DimsCatalogue;
  /** Non-retired files ordered by id. */
  readonly universe: SimFile[];
  readonly byName: Map<string, SimFile>;
}

export function createDimsContext(catalogue: DimsCatalogue): DimsContext {
  const universe = [...catalogue.allFiles()].filter((f) => !f.retired).sort(byId);
  return { catalogue, universe, byName: new Map(universe.map((f) => [f.name, f])) };
}

export function byId(a: SimFile, b: SimFile): number {
  return a.id - b.id;
}

/** Files for names; names not in the catalogue (or retired) are dropped. */
export function filesNamed(ctx: DimsContext, names: Iterable<string>): FileSet {
  const out: FileSet = new Set();
  for (const n of names) {
    const f = ctx.byName.get(n);
    if (f) out.add(f);
  }
  return out;
}

export function intersect(a: FileSet, b: FileSet): FileSet {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  return new Set([...small].filter((f) => large.has(f)));
}

export function union(a: FileSet, b: FileSet): FileSet {
  return new Set([...a, ...b]);
}

export function minus(a: FileSet, b: FileSet): FileSet {
  return new Set([...a].filter((f) => !b.has(f)));
}
