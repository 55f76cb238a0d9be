// The MetaCat port (external-apis.md 4.2): file queries in MQL, provenance, datasets and named
// queries (the analogue of SAM definitions). Files are named `namespace:name` (a DID).
import type { HealthReport } from '../http/health-report.js';

export interface MetacatFile {
  fid: string;
  namespace: string;
  name: string;
  size?: number;
  /** Epoch seconds. */
  createdTimestamp?: number;
  creator?: string;
  /** Experiment-defined `category.param` metadata, when asked for. */
  metadata?: Record<string, unknown>;
  /** fids of parents and children, when provenance was asked for. */
  parents?: string[];
  children?: string[];
}

export interface MetacatDataset {
  namespace: string;
  name: string;
  frozen: boolean;
  fileCount?: number;
}

export interface QueryOptions {
  withMetadata?: boolean;
  withProvenance?: boolean;
  /** Freeze the result as this new dataset (`ns:name`); MetaCat refuses an existing one. */
  saveAs?: string;
}

/**
 * Every method rejects with AdapterError on failure: `rejected` for an MQL error (HTTP 400, the
 * message kept) or missing/refused credentials (401/403), `conflict` for a name taken,
 * `unavailable`/`timeout` once retries are spent, `malformed` for an answer that is not MetaCat's.
 */
export interface Metacat {
  query(mql: string, opts?: QueryOptions): Promise<MetacatFile[]>;
  /** `summary=count`. */
  count(mql: string): Promise<number>;
  /** null when there is no such file. */
  file(did: string, opts?: { withMetadata?: boolean; withProvenance?: boolean }): Promise<MetacatFile | null>;
  /** null when there is no such dataset. */
  dataset(did: string): Promise<MetacatDataset | null>;
  /** Saves (or with `update`, replaces) the named query `ns:name` = `mql`. Needs the token. */
  createNamedQuery(did: string, mql: string, opts?: { update?: boolean }): Promise<void>;
  /** The MQL of a named query; null when there is none. */
  namedQuery(did: string): Promise<string | null>;
  health(): Promise<HealthReport>;
}
