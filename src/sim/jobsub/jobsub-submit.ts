import { formatSubmitOutput, parseClassAdValue, type ClassAd } from '../../adapters/jobsub/parse/index.js';
import { shellQuoteWords } from '../../lib/shell-quote.js';
import type { SimSubmission } from '../batch/batch-types.js';
import type { LaunchFailure } from '../faults/fault-knobs.js';
import type { KnobScope } from '../faults/fault-store.js';
import type { SimWorld } from '../world/sim-world.js';
import {
  NO_SCHEDDS,
  SSH_EXIT,
  SSH_REFUSED,
  SUBMIT_REJECTED,
  TOKEN_FAILURE,
  TOO_MANY_JOBS,
} from './launch-failure-text.js';
import { pomsWrap } from './poms-wrap.js';
import { failure, jobsubGroup, reply, type ShimReply, type ShimRequest } from './shim-protocol.js';
import { MAX_JOBS_PER_SUBMISSION, parseClassAdLine, parseSubmitArgs } from './submit-args.js';

export interface SubmitOutcome {
  reply: ShimReply;
  submission?: SimSubmission;
}

const argError = (msg: string) =>
  failure(
    `usage: jobsub_submit [-G GROUP] [-N N] [options] file://executable [args]\njobsub_submit: error: ${msg}\n`,
    2,
  );

/**
 * Draws the launch-failure knob for one launch (see FaultStore.takeLaunchFailure); a `slow` launch
 * waits its slowLaunchMs here, the other kinds are applied by the caller.
 */
export async function drawLaunchFailure(world: SimWorld, scope: KnobScope): Promise<LaunchFailure> {
  const kind = world.faults.takeLaunchFailure(scope);
  if (kind === 'slow') await world.clock.sleep(world.faults.knobs(scope).slowLaunchMs);
  return kind;
}

/**
 * jobsub_submit: a plain cluster of N procs, or with --dataset-definition a SAM DAG (DAGMan + begin,
 * N workers, end). A plain cluster whose job env has POMS_DATA_DISPATCHER_PROJECT_ID is N Data
 * Dispatcher workers on that project. Job env = `-e` (plus JOBSUB_EXTRA_ENVIRONMENT, plus SAM_* for datasets); classads
 * = `-l` (plus JOBSUB_EXTRA_LINES, plus the POMS wrapper's). `failure` is the launch-failure knob
 * already drawn for this launch (ssh, token and submit apply here). Submits to the next schedd the
 * collector advertises. Prints jobsub_lite's success text.
 */
export function jobsubSubmit(
  world: SimWorld,
  req: ShimRequest,
  failureKind: LaunchFailure = 'none',
): SubmitOutcome {
  const schedd = world.batch.nextSchedd();
  // the hop to the submit host is refused before jobsub_submit runs there
  if (failureKind === 'ssh')
    return { reply: failure(SSH_REFUSED(schedd ?? world.batch.schedds[0]), SSH_EXIT) };
  const spec = parseSubmitArgs(req.argv);
  if (spec.errors.length) return { reply: argError(spec.errors.join('; ')) };
  const env = req.env;
  const group = jobsubGroup(spec.group, env);
  if (!group) return { reply: argError('no group: give -G GROUP or set $GROUP') };
  if (spec.count > MAX_JOBS_PER_SUBMISSION)
    return { reply: failure(TOO_MANY_JOBS(spec.count, MAX_JOBS_PER_SUBMISSION)) };
  if (failureKind === 'token') return { reply: failure(TOKEN_FAILURE) };
  if (failureKind === 'submit') return { reply: failure(SUBMIT_REJECTED) };
  if (!schedd) return { reply: failure(NO_SCHEDDS) };

  const experiment = world.experimentForGroup(group);
  const owner = env.USER || env.LOGNAME || `${experiment}pro`;
  const wrapped = pomsWrap(env);
  const jobEnv: Record<string, string> = { ...wrapped.jobEnv };
  const extraEnv = (env.JOBSUB_EXTRA_ENVIRONMENT ?? '').split(',').filter(Boolean);
  for (const [name, value] of [...extraEnv.map((n) => [n, undefined] as const), ...spec.env]) {
    const v = value ?? env[name];
    if (v !== undefined) jobEnv[name] = v;
  }
  const ads: ClassAd = { ...wrapped.ads };
  const extraLines = (env.JOBSUB_EXTRA_LINES ?? '').split(',').filter(Boolean);
  for (const line of [...extraLines, ...spec.lines]) {
    const kv = parseClassAdLine(line);
    if (!kv) return { reply: argError(`bad --lines value: ${line}`) };
    ads[kv[0]] = parseClassAdValue(kv[1]);
  }
  let project: string | undefined;
  if (spec.dataset) {
    project =
      spec.projectName ??
      jobEnv.SAM_PROJECT ??
      env.SAM_PROJECT ??
      `${spec.dataset}_${owner}_${world.rng.hex(8)}`;
    Object.assign(jobEnv, {
      SAM_PROJECT: project,
      SAM_PROJECT_NAME: project,
      SAM_DATASET: spec.dataset,
      SAM_STATION: experiment,
      SAM_EXPERIMENT: experiment,
      SAM_USER: owner,
      SAM_GROUP: experiment,
    });
  }
  const intEnv = (name: string) => (/^\d+$/.test(jobEnv[name] ?? '') ? Number(jobEnv[name]) : undefined);
  const stage = jobEnv.POMS4_CAMPAIGN_STAGE_NAME ?? env.POMS4_CAMPAIGN_STAGE_NAME;
  const ddProject = spec.dataset ? undefined : intEnv('POMS_DATA_DISPATCHER_PROJECT_ID');
  const submission = world.batch.submit({
    schedd,
    group,
    experiment,
    owner,
    ...(spec.role ? { role: spec.role } : {}),
    command: shellQuoteWords(['jobsub_submit', ...req.argv]),
    executable: spec.executable!,
    args: spec.args,
    env: jobEnv,
    ads,
    njobs: spec.count,
    ...(spec.dataset ? { dataset: spec.dataset, project } : {}),
    ...(ddProject === undefined ? {} : { ddProject }),
    filesPerJob: intEnv('SIM_FILES_PER_JOB'),
    generateTotal: ddProject === undefined ? intEnv('SIM_GENERATE') : undefined,
    outputPrefix: jobEnv.SIM_OUTPUT_PREFIX || stage || 'out',
    outputVersion: jobEnv.SIM_OUTPUT_VERSION || 'v1',
    ...(stage ? { stage } : {}),
  });
  const text = formatSubmitOutput({
    cluster: submission.cluster,
    schedd: submission.schedd,
    count: spec.count,
  });
  return { reply: reply(text), submission };
}
