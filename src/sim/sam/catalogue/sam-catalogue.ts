import { parseDims, type SimFile } from '../dims/index.js';
import { DimsIndex } from '../dims/dims-index.js';
import { nextId, type IdCounters } from '../../world/id-counters.js';
import { toSimFile, type NewSamFile, type SamFileRecord } from './sam-file.js';

export interface SamDefinition {
  id: number;
  name: string;
  dims: string;
  user: string;
  group: string;
  description?: string;
  createDate: number;
}

export interface SamSnapshot {
  id: number;
  /** Definition it froze, when taken from one. */
  defname?: string;
  /** File names in file-id order at the time of the snapshot. */
  files: string[];
  createDate: number;
}

export interface CatalogueState {
  files: SamFileRecord[];
  definitions: SamDefinition[];
  snapshots: SamSnapshot[];
}

export class CatalogueError extends Error {
  constructor(
    readonly kind: 'not_found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'CatalogueError';
  }
}

// `__proto__` is refused: names key plain objects in the persisted state.
const NAME = /^(?!__proto__$)[A-Za-z0-9_.+-]+$/;

/** Files, definitions and snapshots of one experiment's SAM. */
export class SamCatalogue {
  private readonly files = new Map<string, SamFileRecord>();
  private readonly views = new Map<string, SimFile>();
  private readonly dimsIndex = new DimsIndex();
  private readonly children = new Map<string, string[]>();
  private readonly definitions = new Map<string, SamDefinition>();
  private readonly snapshots = new Map<number, SamSnapshot>();
  /** Writes since this process started (tests assert that a read-only check made none). */
  readonly writes = { definitionsCreated: 0, snapshotsTaken: 0 };

  constructor(
    readonly experiment: string,
    private readonly ids: IdCounters,
    private readonly changed: () => void,
    saved?: CatalogueState,
  ) {
    for (const f of saved?.files ?? []) this.index(f);
    for (const d of saved?.definitions ?? []) this.definitions.set(d.name, d);
    for (const s of saved?.snapshots ?? []) this.snapshots.set(s.id, s);
  }

  // ---- files ----

  /** Declares a file; defaults fill the metadata. Throws CatalogueError when the name exists. */
  declareFile(f: NewSamFile, nowMs: number): SamFileRecord {
    if (!NAME.test(f.name)) throw new CatalogueError('invalid', `Invalid file name '${f.name}'`);
    if (this.files.has(f.name)) throw new CatalogueError('conflict', `File ${f.name} already exists`);
    for (const p of f.parents ?? []) {
      if (!this.files.has(p)) throw new CatalogueError('invalid', `Parent file ${p} not found`);
    }
    const rec: SamFileRecord = {
      size: 1_000_000,
      fileType: 'mc',
      fileFormat: 'artroot',
      dataTier: 'unknown',
      eventCount: 0,
      firstEvent: 0,
      lastEvent: 0,
      createDate: nowMs,
      createUser: 'sam',
      group: this.experiment,
      parents: [],
      runs: [],
      locations: [],
      checksum: [],
      params: {},
      ...f,
      id: nextId(this.ids, 'file'),
    };
    this.index(rec);
    this.changed();
    return rec;
  }

  file(name: string): SamFileRecord | undefined {
    return this.files.get(name);
  }

  fileCount(): number {
    return this.files.size;
  }

  /** Adds a location (SAM "located"); false when the file is unknown. */
  addLocation(name: string, location: string): boolean {
    const f = this.files.get(name);
    if (!f) return false;
    if (!f.locations.includes(location)) f.locations.push(location);
    this.views.get(name)!.located = true; // the same object the indexes hold
    this.changed();
    return true;
  }

  allFiles(): Iterable<SimFile> {
    return this.views.values();
  }

  /** The dimension engine's view of one file. */
  view(name: string): SimFile | undefined {
    return this.views.get(name);
  }

  /** Indexes the dimension engine answers queries from (live files only). */
  indexes(): DimsIndex {
    return this.dimsIndex;
  }

  parentsOf(name: string): string[] {
    return this.files.get(name)?.parents ?? [];
  }

  childrenOf(name: string): string[] {
    return this.children.get(name) ?? [];
  }

  // ---- definitions ----

  createDefinition(d: Omit<SamDefinition, 'id' | 'createDate'>, nowMs: number): SamDefinition {
    if (!NAME.test(d.name)) throw new CatalogueError('invalid', `Invalid definition name '${d.name}'`);
    if (this.definitions.has(d.name))
      throw new CatalogueError('conflict', `Dataset definition ${d.name} already exists`);
    parseDims(d.dims); // SAM refuses a definition whose dimensions do not parse
    const def: SamDefinition = { ...d, id: nextId(this.ids, 'definition'), createDate: nowMs };
    this.definitions.set(d.name, def);
    this.writes.definitionsCreated += 1;
    this.changed();
    return def;
  }

  definition(name: string): SamDefinition | undefined {
    return this.definitions.get(name);
  }

  definitionNames(): string[] {
    return [...this.definitions.keys()];
  }

  /** SAM refuses to delete a definition once a snapshot was taken of it (a project used it). */
  deleteDefinition(name: string): void {
    if (!this.definitions.has(name))
      throw new CatalogueError('not_found', `Dataset definition ${name} not found`);
    const used = [...this.snapshots.values()].find((s) => s.defname === name);
    if (used) {
      throw new CatalogueError(
        'conflict',
        `Dataset definition ${name} has been used (snapshot ${used.id}) and cannot be deleted`,
      );
    }
    this.definitions.delete(name);
    this.changed();
  }

  // ---- snapshots ----

  addSnapshot(files: string[], nowMs: number, defname?: string): SamSnapshot {
    const snap: SamSnapshot = {
      id: nextId(this.ids, 'snapshot'),
      ...(defname ? { defname } : {}),
      files,
      createDate: nowMs,
    };
    this.snapshots.set(snap.id, snap);
    this.writes.snapshotsTaken += 1;
    this.changed();
    return snap;
  }

  snapshot(id: number): SamSnapshot | undefined {
    return this.snapshots.get(id);
  }

  toJSON(): CatalogueState {
    return {
      files: [...this.files.values()],
      definitions: [...this.definitions.values()],
      snapshots: [...this.snapshots.values()],
    };
  }

  private index(rec: SamFileRecord): void {
    this.files.set(rec.name, rec);
    const view = toSimFile(rec);
    this.views.set(rec.name, view);
    this.dimsIndex.add(view);
    for (const p of rec.parents) {
      const kids = this.children.get(p) ?? [];
      kids.push(rec.name);
      this.children.set(p, kids);
    }
  }
}
