import * as z from 'zod';

// Scenario knobs (external-apis.md 6.5). Job/file/launch knobs exist at three levels, merged field
// by field: global < per dataset (the SAM definition a launch consumes) < per stage (the job env's
// POMS4_CAMPAIGN_STAGE_NAME). Durations in virtual milliseconds unless named "real".

const rate = z.number().min(0).max(1);
const ms = z.number().min(0);
const range = z.tuple([ms, ms]);

export const LAUNCH_FAILURES = ['none', 'ssh', 'setup', 'token', 'submit', 'callback', 'slow'] as const;
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
    /**
     * Draw each crash's exit code and stderr, each hold's reason and each failed file's log line
     * from the realistic tables of batch/failure-mix.ts (numbers, paths and hosts vary) instead of
     * `crashExitCode`, `holdReason` and the fixed file error line. Each job records what it drew.
     */
    causeMix: z.boolean(),
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
    /**
     * Probability, each time a job's queue wait ends (first start, or again after a release), that
     * the schedd loses it instead of starting it: the job vanishes from the queue without history.
     * Applies to every job of a submission: DAGMan, DAG nodes, plain procs. A vanished job
     * - is gone from jobsub_q (listings, ids, constraints) and cannot be held, released or removed;
     * - is gone from Lens altogether, as if never reported (its earlier counts drop out); a
     *   submission whose every job vanished has no Lens entry at all;
     * - never runs again: no SAM process, nothing consumed or declared after it vanished; its
     *   current state stays what it was (a DAG waits for a vanished node forever, and a vanished
     *   DAGMan submits no further node);
     * - keeps its logs for jobsub_fetchlog, and its condor user log simply stops: no `001`, `005`
     *   or `009` after its last event (usually `000` submitted, or `013` released).
     */
    vanishRate: rate,
    /**
     * How a launch fails; `none` = it succeeds. `ssh`: the hop to the submit host is refused
     * (OpenSSH's message, exit 255, nothing submitted); `setup`: the software setup fails;
     * `token`: htgettoken fails; `submit`: condor_submit is rejected; `callback`: submitted, but
     * the POMS callback fails; `slow`: submitted after `slowLaunchMs`.
     */
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

/** MetaCat, Data Dispatcher and Rucio: the same outage and slowness knobs as SAM. */
export const restKnobsSchema = z
  .object({
    /** `5xx`: every call answers 503; `garbage`: 200 with an HTML error page. */
    outage: z.enum(['off', '5xx', 'garbage']),
    /** Wall-clock delay added to every answer. */
    slowRealMs: ms,
  })
  .partial();

export const batchKnobsSchema = z
  .object({
    /**
     * Schedds the collector does not advertise right now. Their jobs go on running, but jobsub_q
     * does not list them (querying one by id or `-name` fails as condor_q does for an unknown
     * schedd), rm/hold/release cannot reach them, jobsub_submit picks other schedds, and Lens has
     * no entry for their submissions. Remove a name and everything reappears in its current state.
     */
    missingSchedds: z.array(z.string().min(1)),
  })
  .partial();

export const faultsSchema = z.object({
  global: stageKnobsSchema.default({}),
  stages: z.record(z.string(), stageKnobsSchema).default({}),
  datasets: z.record(z.string(), stageKnobsSchema).default({}),
  sam: samKnobsSchema.default({}),
  lens: lensKnobsSchema.default({}),
  batch: batchKnobsSchema.default({}),
  metacat: restKnobsSchema.default({}),
  dd: restKnobsSchema.default({}),
  rucio: restKnobsSchema.default({}),
});

export type Faults = z.infer<typeof faultsSchema>;
export type SamKnobs = Required<z.infer<typeof samKnobsSchema>>;
export type LensKnobs = Required<z.infer<typeof lensKnobsSchema>>;
export type BatchKnobs = Required<z.infer<typeof batchKnobsSchema>>;
export type RestKnobs = Required<z.infer<typeof restKnobsSchema>>;
export type RestService = 'metacat' | 'dd' | 'rucio';

export const DEFAULT_KNOBS: ResolvedKnobs = {
  fileFailureRate: 0,
  firstPassFailures: [],
  jobCrashRate: 0,
  crashExitCode: 1,
  holdRate: 0,
  holdReason: 'Job put on hold by remote host: memory usage exceeded request_memory',
  holdReasonCode: 26,
  causeMix: false,
  vanishRate: 0,
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
export const DEFAULT_BATCH: BatchKnobs = { missingSchedds: [] };
export const DEFAULT_REST: RestKnobs = { outage: 'off', slowRealMs: 0 };
