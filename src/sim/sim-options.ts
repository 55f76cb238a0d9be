import type { ClockMode } from './clock/sim-clock.js';

export interface SimOptions {
  /** Default 0 = a free port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** null/absent = in memory; else the world is persisted there (JSON) and reloaded on start. */
  stateDir?: string | null;
  /** Seed of the world's random source (ignored when a saved world is reloaded). Default 42. */
  seed?: number;
  /** Default 'real'. 'manual': time moves only through clock.advance(ms). */
  clock?: ClockMode;
  /** Base URL of POMS for the wrapper callback when the launch env has no POMS_URL. */
  pomsUrl?: string;
  /** Seed the demo world (experiment samdev…) when there is no saved world. */
  demo?: boolean;
  /** Virtual start time of a new world (manual and accelerated clocks). Default: now, to the second. */
  startTime?: Date;
  /** Where to write the shims. Default `<stateDir>/bin`, or a temporary directory removed on stop. */
  shimDir?: string;
  /** Schedd names, used round-robin. Default sim-schedd01.example, sim-schedd02.example. */
  schedds?: string[];
  /**
   * Bearer tokens SAM accepts for writes (definitions, snapshots, project descriptions). Default:
   * one random token, given as RunningSimulator.samToken (POMS in sim mode sends it).
   */
  samTokens?: string[];
  /**
   * Serve HTTPS (PEM texts) instead of HTTP. Client certificates signed by `ca` are asked for and,
   * when presented, authenticate SAM writes; connections without one are still accepted.
   */
  tls?: { cert: string; key: string; ca: string };
}
