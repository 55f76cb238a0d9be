import { CatalogueError } from '../sam/catalogue/sam-catalogue.js';

// What MetaCat keeps beside the world's one file catalogue: frozen datasets (a query saved with
// `save_as`) and named queries. Files themselves are the SAM catalogue's, seen as `experiment:name`.

export interface MetacatDatasetRecord {
  did: string;
  files: string[];
  creator: string;
  created: number;
}

export interface NamedQueryRecord {
  did: string;
  source: string;
  creator: string;
  created: number;
}

export interface MetacatState {
  datasets: MetacatDatasetRecord[];
  namedQueries: NamedQueryRecord[];
}

export class MetacatStore {
  private readonly datasets = new Map<string, MetacatDatasetRecord>();
  private readonly queries = new Map<string, NamedQueryRecord>();
  /** Writes since this simulator process started (tests show a read-only check makes none). */
  readonly writes = { datasetsSaved: 0, queriesSaved: 0 };

  constructor(
    private readonly changed: () => void,
    saved?: MetacatState,
  ) {
    for (const d of saved?.datasets ?? []) this.datasets.set(d.did, d);
    for (const q of saved?.namedQueries ?? []) this.queries.set(q.did, q);
  }

  /** Freezes `files` as a new dataset; MetaCat refuses an existing name. */
  saveDataset(did: string, files: string[], creator: string, nowMs: number): MetacatDatasetRecord {
    if (this.datasets.has(did)) throw new CatalogueError('conflict', `Dataset ${did} already exists`);
    const d = { did, files: [...files], creator, created: nowMs / 1000 };
    this.datasets.set(did, d);
    this.writes.datasetsSaved++;
    this.changed();
    return d;
  }

  dataset(did: string): MetacatDatasetRecord | undefined {
    return this.datasets.get(did);
  }

  saveQuery(did: string, source: string, creator: string, update: boolean, nowMs: number): NamedQueryRecord {
    if (this.queries.has(did) && !update) throw new CatalogueError('conflict', 'Query already exists');
    const q = { did, source, creator, created: nowMs / 1000 };
    this.queries.set(did, q);
    this.writes.queriesSaved++;
    this.changed();
    return q;
  }

  query(did: string): NamedQueryRecord | undefined {
    return this.queries.get(did);
  }

  toJSON(): MetacatState {
    return { datasets: [...this.datasets.values()], namedQueries: [...this.queries.values()] };
  }
}
