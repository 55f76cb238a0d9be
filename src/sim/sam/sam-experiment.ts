import { countDims, evaluateDims, type DimsCatalogue, type SimFile } from './dims/index.js';
import type { DimsIndex } from './dims/dims-index.js';
import type { IdCounters } from '../world/id-counters.js';
import { SamCatalogue, type CatalogueState } from './catalogue/sam-catalogue.js';
import type { SamProject } from './projects/sam-project.js';
import { SamProjects } from './projects/sam-projects.js';

export interface ExperimentState extends CatalogueState {
  name: string;
  projects: SamProject[];
}

/**
 * One experiment's SAM server (station = experiment name): catalogue plus projects. It is the
 * DimsCatalogue the dimension engine reads, so project snapshots and consumed statuses are live.
 */
export class SamExperiment implements DimsCatalogue {
  readonly catalogue: SamCatalogue;
  readonly projects: SamProjects;
  /**
   * Metadata parameters this SAM defines (`samweb add-parameter`), lower-case name → data type:
   * what POMS's jobs declare. A query naming another one is refused, as SAM refuses it.
   */
  readonly parameters = new Map<string, string>([
    ['poms.submission_id', 'int'],
    ['sim.jobsub_id', 'string'],
  ]);

  /** File counts and lists not computed because their client had gone (sam-routes.ts). */
  readonly calls = { abandoned: 0 };

  constructor(
    readonly name: string,
    ids: IdCounters,
    changed: () => void,
    saved?: ExperimentState,
  ) {
    this.catalogue = new SamCatalogue(name, ids, changed, saved);
    this.projects = new SamProjects(ids, changed, saved?.projects);
  }

  /** Evaluates dims now; throws the dims engine's errors (DimsSyntaxError, unknown definition…). */
  query(dims: string): SimFile[] {
    return evaluateDims(dims, this);
  }

  /** How many files the dims select now (same errors as query). */
  count(dims: string): number {
    return countDims(dims, this);
  }

  // ---- DimsCatalogue ----
  allFiles(): Iterable<SimFile> {
    return this.catalogue.allFiles();
  }
  file(name: string): SimFile | undefined {
    return this.catalogue.view(name);
  }
  fileCount(): number {
    return this.catalogue.fileCount();
  }
  dimsIndex(): DimsIndex {
    return this.catalogue.indexes();
  }
  definition(name: string): string | undefined {
    return this.catalogue.definition(name)?.dims;
  }
  snapshot(id: number): string[] | undefined {
    return this.catalogue.snapshot(id)?.files;
  }
  projectSnapshot(project: string): string[] | undefined {
    const p = this.projects.get(project);
    return p ? this.catalogue.snapshot(p.snapshotId)?.files : undefined;
  }
  projectFileStatus(project: string): ReadonlyMap<string, string> | undefined {
    return this.projects.fileStatusMap(project);
  }
  parameterDefined(key: string): boolean {
    return this.parameters.has(key.toLowerCase());
  }
  projectNames(): Iterable<string> {
    return this.projects.names();
  }
  parentsOf(fileName: string): string[] {
    return this.catalogue.parentsOf(fileName);
  }
  childrenOf(fileName: string): string[] {
    return this.catalogue.childrenOf(fileName);
  }

  /** The files of a stored definition now; throws DimsUnknownDefinitionError when there is none. */
  queryDefinition(name: string): SimFile[] {
    return evaluateDims({ kind: 'defname', name, pos: 0 }, this);
  }

  toJSON(): ExperimentState {
    return { name: this.name, ...this.catalogue.toJSON(), projects: this.projects.toJSON() };
  }
}
