import { nextId, type IdCounters } from '../../world/id-counters.js';
import { CatalogueError } from '../catalogue/sam-catalogue.js';
import type { FileConsumedStatus, ProcessStatus, SamProcess, SamProject } from './sam-project.js';
import { fileStatusCounts } from './project-summary.js';

export interface StartProjectInput {
  name: string;
  station: string;
  group: string;
  user: string;
  defname?: string;
  snapshotId: number;
  files: string[];
}

export interface EstablishProcessInput {
  appname?: string;
  appversion?: string;
  node?: string;
  user?: string;
  filelimit?: number;
  jobId?: string;
}

/** The projects of one experiment (station) and their consumer processes. */
export class SamProjects {
  private readonly byName = new Map<string, SamProject>();
  /** File → consumed status per project, kept with `fileStatus` (the dims engine reads it per query). */
  private readonly statuses = new Map<string, Map<string, string>>();
  /** Snapshot files per consumed status per project, kept with `fileStatus` (summaries read it). */
  private readonly counts = new Map<string, Record<string, number>>();

  constructor(
    private readonly ids: IdCounters,
    private readonly changed: () => void,
    saved: SamProject[] = [],
  ) {
    for (const p of saved) this.byName.set(p.name, p);
  }

  start(input: StartProjectInput, nowMs: number): SamProject {
    if (this.byName.has(input.name))
      throw new CatalogueError('conflict', `Project ${input.name} already exists`);
    const p: SamProject = {
      id: nextId(this.ids, 'project'),
      name: input.name,
      station: input.station,
      group: input.group,
      user: input.user,
      ...(input.defname ? { defname: input.defname } : {}),
      snapshotId: input.snapshotId,
      status: 'running',
      startMs: nowMs,
      files: [...input.files],
      next: 0,
      fileStatus: {},
      processes: [],
    };
    this.byName.set(p.name, p);
    this.changed();
    return p;
  }

  get(name: string): SamProject | undefined {
    return this.byName.get(name);
  }

  /** Throws CatalogueError not_found. */
  require(name: string): SamProject {
    const p = this.byName.get(name);
    if (!p) throw new CatalogueError('not_found', `Project ${name} not found`);
    return p;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  all(): SamProject[] {
    return [...this.byName.values()];
  }

  establishProcess(project: string, input: EstablishProcessInput, nowMs: number): SamProcess {
    const p = this.require(project);
    const proc: SamProcess = {
      id: nextId(this.ids, 'process'),
      status: 'active',
      appname: input.appname ?? 'demo',
      appversion: input.appversion ?? 'v1',
      node: input.node ?? 'sim-worker.example',
      user: input.user ?? p.user,
      ...(input.filelimit ? { filelimit: input.filelimit } : {}),
      delivered: [],
      startMs: nowMs,
      ...(input.jobId ? { jobId: input.jobId } : {}),
    };
    p.processes.push(proc);
    this.changed();
    return proc;
  }

  /**
   * samweb getNextFile: the next undelivered snapshot file, now `delivered` to the process; null
   * when there is none for it (project ended, process ended or at its file limit, snapshot drained).
   */
  getNextFile(project: string, processId: number): string | null {
    const p = this.require(project);
    const proc = this.process(p, processId);
    if (p.status !== 'running' || proc.status !== 'active') return null;
    if (proc.filelimit !== undefined && proc.delivered.length >= proc.filelimit) return null;
    if (p.next >= p.files.length) return null;
    const file = p.files[p.next++];
    proc.delivered.push(file);
    this.setStatus(p, file, 'delivered', processId);
    this.changed();
    return file;
  }

  updateFileStatus(project: string, processId: number, file: string, status: FileConsumedStatus): void {
    const p = this.require(project);
    const current = p.fileStatus[file];
    if (!current || current.processId !== processId)
      throw new CatalogueError('invalid', `File ${file} was not delivered to process ${processId}`);
    this.setStatus(p, file, status, processId);
    this.changed();
  }

  endProcess(
    project: string,
    processId: number,
    status: Exclude<ProcessStatus, 'active'>,
    nowMs: number,
  ): void {
    const proc = this.process(this.require(project), processId);
    if (proc.status !== 'active') return;
    proc.status = status;
    proc.endMs = nowMs;
    this.changed();
  }

  /** Ends the project; processes still active stay as they are (their files stay `delivered`). */
  endProject(project: string, nowMs: number): void {
    const p = this.require(project);
    if (p.status === 'completed') return;
    p.status = 'completed';
    p.endMs = nowMs;
    this.changed();
  }

  setDescription(project: string, text: string): void {
    this.require(project).description = text;
    this.changed();
  }

  /** File → consumed status inside the project (files never handed out are absent); live, read-only. */
  fileStatusMap(project: string): ReadonlyMap<string, string> | undefined {
    const p = this.byName.get(project);
    return p ? this.statusMap(p) : undefined;
  }

  /** Snapshot files per consumed status (every key present); live, read-only. */
  statusCounts(p: SamProject): Readonly<Record<string, number>> {
    let c = this.counts.get(p.name);
    if (!c) this.counts.set(p.name, (c = fileStatusCounts(p)));
    return c;
  }

  private setStatus(p: SamProject, file: string, status: FileConsumedStatus, processId: number): void {
    const c = this.statusCounts(p) as Record<string, number>;
    c[p.fileStatus[file]?.status ?? 'unknown']--;
    c[status]++;
    p.fileStatus[file] = { status, processId };
    this.statusMap(p).set(file, status);
  }

  private statusMap(p: SamProject): Map<string, string> {
    let m = this.statuses.get(p.name);
    if (!m) {
      m = new Map(Object.entries(p.fileStatus).map(([f, s]) => [f, s.status]));
      this.statuses.set(p.name, m);
    }
    return m;
  }

  toJSON(): SamProject[] {
    return this.all();
  }

  private process(p: SamProject, id: number): SamProcess {
    const proc = p.processes.find((x) => x.id === id);
    if (!proc) throw new CatalogueError('not_found', `Process ${id} not found in project ${p.name}`);
    return proc;
  }
}
