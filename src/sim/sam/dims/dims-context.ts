import type { DimsCatalogue, SimFile } from './dims-catalogue.js';
import type { DimsIndex } from './dims-index.js';
import { DimsError } from './dims-errors.js';

export type FileSet = Set<SimFile>;

/** One project's files as the engine reads them. */
export interface ProjectFiles {
  /** The file's consumed status in the project; undefined when the project does not know it. */
  status(file: string): string | undefined;
  entries(): Iterable<[string, string]>;
  /** An upper bound of the number of entries. */
  size: number;
}

/**
 * One evaluation's view of the catalogue (retired files are invisible) and its memos: projects'
 * file statuses and snapshots are read once per evaluation however often a query tests them.
 */
export class DimsContext {
  readonly index: DimsIndex | undefined;
  private names: Map<string, SimFile> | undefined;
  private readonly projectViews = new Map<string, ProjectFiles>();
  private readonly snapshots = new Map<number, Set<string>>();
  private readonly projectSnapshots = new Map<string, Set<string>>();
  private projects: string[] | undefined;

  constructor(readonly catalogue: DimsCatalogue) {
    this.index = catalogue.dimsIndex?.();
  }

  /** The live file of that name. */
  file(name: string): SimFile | undefined {
    const f = this.catalogue.file ? this.catalogue.file(name) : this.nameMap().get(name);
    return f && !f.retired ? f : undefined;
  }

  /** Every live file (for dimensions no index answers). */
  *scan(): Iterable<SimFile> {
    for (const f of this.catalogue.allFiles()) if (!f.retired) yield f;
  }

  /** Upper bound of any result: the number of files in the catalogue. */
  get size(): number {
    return this.catalogue.fileCount?.() ?? this.nameMap().size;
  }

  /** The project's files and their consumed status (`unknown`: in its snapshot, never delivered). */
  project(name: string): ProjectFiles {
    let out = this.projectViews.get(name);
    if (out) return out;
    const snapshot = this.projectSnapshotNames(name);
    const statuses = this.catalogue.projectFileStatus(name) ?? new Map<string, string>();
    out = {
      status: (file) => statuses.get(file) ?? (snapshot.has(file) ? 'unknown' : undefined),
      *entries() {
        for (const file of snapshot) yield [file, statuses.get(file) ?? 'unknown'];
        for (const [file, status] of statuses) if (!snapshot.has(file)) yield [file, status];
      },
      size: snapshot.size + statuses.size,
    };
    this.projectViews.set(name, out);
    return out;
  }

  snapshotNames(id: number): Set<string> {
    let out = this.snapshots.get(id);
    if (!out) this.snapshots.set(id, (out = new Set(this.catalogue.snapshot(id) ?? [])));
    return out;
  }

  /** Names in the project's snapshot. */
  projectSnapshotNames(project: string): Set<string> {
    let out = this.projectSnapshots.get(project);
    if (!out)
      this.projectSnapshots.set(project, (out = new Set(this.catalogue.projectSnapshot(project) ?? [])));
    return out;
  }

  /** Every project, for `consumed_status` that no sibling term ties to a project. */
  allProjects(): string[] {
    const names = this.projects ?? this.catalogue.projectNames?.();
    if (!names) throw new DimsError('consumed_status needs project_name or snapshot_for_project_name here');
    this.projects = [...names];
    return this.projects;
  }

  private nameMap(): Map<string, SimFile> {
    this.names ??= new Map([...this.catalogue.allFiles()].map((f) => [f.name, f]));
    return this.names;
  }
}

export function byId(a: SimFile, b: SimFile): number {
  return a.id - b.id;
}

/** Files for names (those `keep` accepts, when given); names not in the catalogue (or retired) are dropped. */
export function filesNamed(
  ctx: DimsContext,
  names: Iterable<string>,
  keep?: (f: SimFile) => boolean,
): FileSet {
  const out: FileSet = new Set();
  for (const n of names) {
    const f = ctx.file(n);
    if (f && (!keep || keep(f))) out.add(f);
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
