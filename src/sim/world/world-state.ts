import type { SimEvent } from '../clock/agenda.js';
import type { BatchState } from '../batch/batch-simulator.js';
import type { ExperimentState } from '../sam/sam-experiment.js';
import type { DdProjectRecord } from '../dd/dd-projects.js';
import type { MetacatState } from '../metacat/metacat-store.js';
import type { IdCounters } from './id-counters.js';

/** The whole world as persisted (`<stateDir>/sim-state.json`). Bump `format` on incompatible change. */
export interface WorldState {
  format: 'poms-sim/1';
  /** Virtual time when saved, ms since the epoch. */
  now: number;
  rng: number;
  ids: IdCounters;
  agenda: { events: SimEvent[]; seq: number };
  experiments: ExperimentState[];
  batch: BatchState;
  faults: unknown;
  /** `<experiment>/<file>` → deliveries so far. */
  deliveries: Record<string, number>;
  /** MetaCat's datasets and named queries (absent in worlds saved before them). */
  metacat?: MetacatState;
  /** Data Dispatcher projects. */
  dd?: DdProjectRecord[];
}

export const WORLD_FORMAT = 'poms-sim/1';
