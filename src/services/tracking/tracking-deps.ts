import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Jobsub } from '../../adapters/jobsub/jobsub.js';
import type { Lens } from '../../adapters/lens/lens.js';
import type { Sam } from '../../adapters/sam/sam.js';
import type { DataHandlingFor } from '../data/data-handling.js';
import type { SessionFor } from '../launch/host-session.js';
import type { LaunchService } from '../launch/launch-service.js';

/** What the tracking loops need: the database, Lens, the data services, launching, and their timing settings. */
export interface TrackingDeps {
  db: Knex;
  lens: Lens;
  sam: Sam;
  /** Each experiment's data handling (SAM, or MetaCat + Data Dispatcher + Rucio). */
  data: DataHandlingFor;
  /** For the job logs of submissions Lens never reported; without it they are not checked. */
  jobsub?: Jobsub;
  /** The site profile and credentials of POMS's own jobsub commands; default: the login setup alone. */
  sessionFor?: SessionFor;
  launches: LaunchService;
  log: Logger;
  now?: () => Date;
  /**
   * Lens failing for this long makes the poller read job states with jobsub_q on the launch hosts
   * (needs `jobsub`) until Lens answers again; absent: never.
   */
  lensFallbackAfterMs?: number;
  /** Followed submissions per step of a Lens poll's pipeline (default 1,000; tests use fewer). */
  lensPipelineStep?: number;
  /** Lens poll period; the next window overlaps the last by two periods. */
  pollIntervalMs: number;
  /**
   * A submission still New after this long is LaunchFailed without a jobsub id, and has its
   * condor user log checked with one.
   */
  launchFailedAfterMs: number;
  /** A Completed submission whose outputs are not located after this long is Located anyway. */
  locatedMaxWaitMs: number;
}
