// The Rucio port: where a file's replicas are (external-apis.md 4.1). POMS reads replicas for
// Located: a submission's output is located once Rucio knows a replica of it on some RSE.
import type { HealthReport } from '../http/health-report.js';

export interface RucioReplica {
  scope: string;
  name: string;
  bytes?: number;
  /** RSE name → physical file names there. */
  rses: Record<string, string[]>;
  /** RSE name → replica state (`AVAILABLE`, `COPYING`, …), when the server sent it. */
  states?: Record<string, string>;
}

/**
 * Every method rejects with AdapterError on failure: `rejected` for missing or refused credentials
 * (401 CannotAuthenticate, 403), `unavailable`/`timeout` once retries are spent, `malformed` for
 * an answer not Rucio's.
 */
export interface Rucio {
  /** Replicas of the given `scope:name` DIDs; a DID without any replica is left out. */
  listReplicas(dids: readonly string[]): Promise<RucioReplica[]>;
  /** The names of the storage elements. */
  listRses(): Promise<string[]>;
  health(): Promise<HealthReport>;
}
