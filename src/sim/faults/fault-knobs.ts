import * as z from 'zod';

// Scenario knobs (external-apis.md 6.5). Job/file/launch knobs exist at three levels, merged field
// by field: global < per dataset (the SAM definition a launch consumes) < per stage (the job env's
// POMS4_CAMPAIGN_STAGE_NAME). Durations in virtual milliseconds unless named "real".

const rate = z.number().min(0).max(1);
const ms = z.number().min(0);
const range = z.tuple([ms, ms]);

export const LAUNCH_FAILURES = ['none', 'setup', 'token', 'submit', 'callback', 'slow'] as const;
export type LaunchFailure = (typeof LAUNCH_FAILURES)[number];

export const stageKnobsSchema = z
  .object({
    /** Probability that processing a file fails (file → `failed`). */
    fileFailureRate: rate,
    /** These input files fail the first time they are delivered in any project, then succeed. */
    firstPassFailures: z.array(z.string()),
    /** Probability that a worker job crashes (exit `crashExitCode`, its process ends `bad`). */
    jobCrashRate: rate,
    crashExitCode: z.number().int().min(1).max(255),
    /** Probability, at each (re)start, that a job is put on hold while running. */
    holdRate: rate,
    holdReason: z.string(),
    holdReasonCode: z.number().int(),
    /** Idle time before a job starts running, drawn uniformly. */
    queueDelayMs: range,
    /** Running time before a worker asks for its first file. */
    startupMs: range,
    /** Processing time per file (and the run time of a job with nothing to consume). */
    fileTimeMs: range,
    /** Delay between an output's declaration and its first location. */
    locationDelayMs: range,
    /** Fraction of outputs that never get a location. */
    neverLocatedFraction: rate,
    /** Output files declared per successfully processed input. */
    outputsPerFile: z.number().int().min(0).max(10),
    /** How a launch fails; `none` = it succeeds. */
    launchFailure: z.enum(LAUNCH_FAILURES),
    /** Launches still to fail with `launchFailure`; null = every launch. */
    launchFailureCount: z.number().int().min(0).nullable(),
    /** How long a `slow` launch takes before it submits (virtual ms; default past POMS's 4 h). */
    slowLaunchMs: ms,
    /** How long a finished job stays visible in jobsub_q. */
    lingerMs: ms,
  })
  .partial();

export type StageKnobs = z.infer<typeof stageKnobsSchema>;
export type ResolvedKnobs = Required<StageKnobs>;

export const samKnobsSchema = z
  .object({
    /** `5xx`: every SAM call answers 503; `garbage`: 200 with an HTML error page. */
    outage: z.enum(['off', '5xx', 'garbage']),
    /** Wall-clock delay added to every SAM answer (POMS times out after 5 s). */
    slowRealMs: ms,
    /** files/count and files/list refuse results larger than this (`query limit` in the body). */
    queryLimit: z.number().int().min(0).nullable(),
  })
  .partial();

export const lensKnobsSchema = z
  .object({
    /** `5xx`: 502; `garbage`: 200 with a non-JSON body; `errors`: 200 with data null and an error. */
    outage: z.enum(['off', '5xx', 'garbage', 'errors']),
    /** Lens shows the batch system as it was this long ago (virtual ms). */
    lagMs: ms,
    slowRealMs: ms,
  })
  .partial();

export const faultsSchema = z.object({
  global: stageKnobsSchema.default({}),
  stages: z.record(z.string(), stageKnobsSchema).default({}),
  datasets: z.record(z.string(), stageKnobsSchema).default({}),
  sam: samKnobsSchema.default({}),
  lens: lensKnobsSchema.default({}),
});

export type Faults = z.infer<typeof faultsSchema>;
export type SamKnobs = Required<z.infer<typeof samKnobsSchema>>;
export type LensKnobs = Required<z.infer<typeof lensKnobsSchema>>;

export const DEFAULT_KNOBS: ResolvedKnobs = {
  fileFailureRate: 0,
  firstPassFailures: [],
  jobCrashRate: 0,
  crashExitCode: 1,
  holdRate: 0,
  holdReason: 'Job put on hold by remote host: memory usage exceeded request_memory',
  holdReasonCode: 26,
  queueDelayMs: [30_000, 120_000],
  startupMs: [5_000, 15_000],
  fileTimeMs: [60_000, 180_000],
  locationDelayMs: [60_000, 300_000],
  neverLocatedFraction: 0,
  outputsPerFile: 1,
  launchFailure: 'none',
  launchFailureCount: null,
  slowLaunchMs: 5 * 3_600_000,
  lingerMs: 600_000,
};

export const DEFAULT_SAM: SamKnobs = { outage: 'off', slowRealMs: 0, queryLimit: null };
export const DEFAULT_LENS: LensKnobs = { outage: 'off', lagMs: 0, slowRealMs: 0 };
