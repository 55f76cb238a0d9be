import type { SeededRng } from '../clock/seeded-rng.js';
import type { DdProjects } from '../dd/dd-projects.js';
import type { FaultStore } from '../faults/fault-store.js';
import type { SamExperiment } from '../sam/sam-experiment.js';
import type { IdCounters } from './id-counters.js';

/** What the world's parts share: time, randomness, knobs, ids, SAM, Data Dispatcher, and the agenda. */
export interface SimContext {
  /** Virtual now, ms since the epoch. */
  now(): number;
  readonly rng: SeededRng;
  readonly faults: FaultStore;
  readonly ids: IdCounters;
  /** The experiment's SAM (created empty on first use). */
  sam(experiment: string): SamExperiment;
  /** Data Dispatcher's projects (workers of a DD submission reserve and release their handles). */
  readonly dd: DdProjects;
  /** Queues an event for the world to dispatch at virtual time `at`. */
  schedule(at: number, kind: string, key: string, opts?: { epoch?: number; scope?: string }): void;
  /**
   * How many times a file was delivered by any project of the experiment, after counting one more
   * delivery when `add` (default true). The first pass of a file is delivery 1.
   */
  noteDelivery(experiment: string, file: string, add?: boolean): number;
  /** Marks the world dirty (debounced persistence). */
  changed(): void;
}
