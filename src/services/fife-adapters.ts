import type { DataDispatcher } from '../adapters/data-dispatcher/index.js';
import type { Metacat } from '../adapters/metacat/index.js';
import type { Rucio } from '../adapters/rucio/index.js';
import type { Jobsub } from '../adapters/jobsub/jobsub.js';
import type { Lens } from '../adapters/lens/lens.js';
import type { RegistryClient } from '../adapters/registry/ferry-client.js';
import type { Sam } from '../adapters/sam/sam.js';
import type { RemoteShell } from '../adapters/ssh/remote-shell.js';
import type { SplitSam } from '../domain/splits/index.js';

/** The outside world as the services see it; main.ts builds the real ones (or the simulator's). */
export interface FifeAdapters {
  shell: RemoteShell;
  /** SAM for the split types, bound to an experiment. */
  splitSamFor: (experiment: string) => SplitSam;
  /** MetaCat for the split types of experiments whose data service is `metacat`. */
  splitMetacatFor?: (experiment: string) => SplitSam;
  /** Variables every launch script exports first (e.g. POMS_SIM_URL for the simulator's shims). */
  launchEnv?: ReadonlyArray<readonly [string, string]>;
  /** Where the launch host's wrapper calls back (POMS_URL). */
  callbackUrl?: string;
  health?: Record<string, () => Promise<{ ok: boolean; detail?: string }>>;
  /** Tracking (Lens poller, wrapup, job actions) needs these; without them it is off. */
  sam?: Sam;
  lens?: Lens;
  jobsub?: Jobsub;
  /** MetaCat, Data Dispatcher and Rucio, for experiments whose data service is `metacat`. */
  metacat?: Metacat;
  dataDispatcher?: DataDispatcher;
  rucio?: Rucio;
  /** Where a MetaCat launch's jobs reach Data Dispatcher and MetaCat (DATA_DISPATCHER_URL, METACAT_SERVER_URL). */
  metacatJobSite?: { ddUrl?: string; metacatUrl?: string };
  /** The lab registry (FERRY); without it no sync and no creation at first sign-in. */
  registry?: RegistryClient;
}

/** SAM that knows no files: for deployments and tests that launch without split types. */
export const emptySplitSam: SplitSam = {
  countFiles: async () => 0,
  listFiles: async () => [],
  fileMetadata: async () => null,
  createDefinition: async () => {},
  takeSnapshot: async () => {
    throw new Error('no SAM configured');
  },
};
