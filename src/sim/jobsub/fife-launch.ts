import { groupWords, toPomsJobId } from '../../adapters/jobsub/parse/index.js';
import { shellQuoteWords } from '../../lib/shell-quote.js';
import type { SimWorld } from '../world/sim-world.js';
import { isNoDataset, parseFifeLaunchArgs, projectStamp } from './fife-launch-args.js';
import { drawLaunchFailure, jobsubSubmit } from './jobsub-submit.js';
import { SETUP_FAILURE } from './launch-failure-text.js';
import { reportJobToPoms, unreported, type FetchLike } from './poms-callback.js';
import { pomsSubmissionId } from './poms-wrap.js';
import { failure, jobsubGroup, type ShimReply, type ShimRequest } from './shim-protocol.js';

export interface FifeLaunchDeps {
  /** POMS base URL for the callback when the launch env has no POMS_URL. */
  pomsUrl?: string;
  fetchImpl?: FetchLike;
}

const DEFAULT_NJOBS = 4;

/**
 * The simulator's `fife_launch`: reads `-Oglobal.dataset|version|stage|njobs|files_per_job|generate`
 * (`-c` is ignored), starts the launch the way a FIFE launch script does — a dataset DAG on a new
 * project `<dataset>_<user>_<yyyymmddHHMMSS>_<rand>`, or a generator cluster when the dataset is
 * empty/none, or, when the launch environment names a Data Dispatcher project
 * (POMS_DATA_DISPATCHER_PROJECT_ID, external-apis.md 4.4), a cluster of DD workers on it (the
 * dataset is then only a label) — prints the jobsub_submit transcript, then plays the POMS wrapper: `Task=<sid>`, the
 * update_submission callback and its status line. Launch-failure knobs apply here (`setup` and
 * `slow` in this function, `ssh`, `token` and `submit` inside jobsub_submit).
 */
export async function fifeLaunch(
  world: SimWorld,
  req: ShimRequest,
  deps: FifeLaunchDeps = {},
): Promise<ShimReply> {
  const plan = planLaunch(world, req);
  if ('exitCode' in plan) return plan;
  const { env, dataset, stageName, experiment, sid, words, prefix, ddProject } = plan;
  let out = plan.banner;
  if (plan.dryRun) return { stdout: out, stderr: '', exitCode: 0 };

  const failureKind = await drawLaunchFailure(world, { stage: stageName, dataset });
  // the software setup fails before fife_launch prints anything
  if (failureKind === 'setup') return failure(SETUP_FAILURE, 1);
  if (ddProject !== undefined && !world.dd.get(ddProject))
    return failure(`fife_launch: Data Dispatcher project ${ddProject} not found\n`, 1, out);
  if (ddProject === undefined && dataset && !world.sam(experiment).catalogue.definition(dataset))
    return failure(`fife_launch: SAM dataset definition '${dataset}' not found in ${experiment}\n`, 1, out);

  const submitted = jobsubSubmit(world, { ...req, argv: words }, failureKind);
  out += submitted.reply.stdout;
  const sub = submitted.submission;
  if (!sub) return { ...submitted.reply, stdout: out };
  if (!dataset && ddProject === undefined && sid)
    out += defineGeneratorOutputs(world, experiment, sid, prefix, sub.cluster);

  const pomsUrl = env.POMS_URL || deps.pomsUrl;
  const pomsId = toPomsJobId(`${sub.cluster}.0@${sub.schedd}`);
  if (sid && pomsUrl) {
    const lines =
      failureKind === 'callback'
        ? [unreported(pomsId, 'connection refused (simulated)')]
        : await reportJobToPoms(pomsUrl, sid, pomsId, env.POMS_SUBMISSION_TOKEN, deps.fetchImpl);
    out += lines.map((l) => `${l}\n`).join('');
  }
  return { stdout: out, stderr: submitted.reply.stderr, exitCode: 0 };
}

interface LaunchPlan {
  env: Record<string, string>;
  dataset?: string;
  stageName?: string;
  experiment: string;
  sid?: string;
  prefix: string;
  /** The Data Dispatcher project the jobs work on, if the launch names one. */
  ddProject?: number;
  /** jobsub_submit arguments. */
  words: string[];
  /** What is printed before the submit output: config line, `Task=<sid>`, the submit command. */
  banner: string;
  dryRun: boolean;
}

/** Reads and checks the options; the jobsub_submit command the launch will run. */
function planLaunch(world: SimWorld, req: ShimRequest): LaunchPlan | ShimReply {
  const a = parseFifeLaunchArgs(req.argv);
  const env = req.env;
  const o = (k: string) => a.overrides.get(`global.${k}`);
  const group = jobsubGroup(o('group'), env);
  if (!group) return failure('fife_launch: no group: set $GROUP or -Oglobal.group=\n', 2);
  const dataset = isNoDataset(o('dataset')) ? undefined : o('dataset')!.trim();
  const stageName = env.POMS4_CAMPAIGN_STAGE_NAME;
  const prefix = o('stage') || a.stage || stageName || 'out';
  if (!/^[\w.+-]+$/.test(prefix)) return failure(`fife_launch: bad output prefix '${prefix}'\n`, 2);
  for (const k of ['njobs', 'files_per_job', 'generate']) {
    const v = o(k);
    if (v !== undefined && !/^\d+$/.test(v))
      return failure(`fife_launch: global.${k} must be a whole number, got '${v}'\n`, 2);
  }
  const njobs = Number(o('njobs') ?? DEFAULT_NJOBS);
  if (njobs < 1) return failure('fife_launch: global.njobs must be at least 1\n', 2);
  const experiment = world.experimentForGroup(group);
  const user = env.USER || env.LOGNAME || `${experiment}pro`;
  const sid = pomsSubmissionId(env);
  const ddText = env.POMS_DATA_DISPATCHER_PROJECT_ID?.trim();
  if (ddText && !/^\d+$/.test(ddText))
    return failure(`fife_launch: POMS_DATA_DISPATCHER_PROJECT_ID must be a project id, got '${ddText}'\n`, 2);
  const ddProject = ddText ? Number(ddText) : undefined;
  const project =
    ddProject === undefined &&
    dataset &&
    `${dataset}_${user}_${projectStamp(world.now())}_${world.rng.hex(6)}`;
  const words = [
    ...groupWords(group, o('role')),
    '-N',
    String(njobs),
    ...(project
      ? ['--dataset-definition', dataset!, '--project-name', project, '-e', `SAM_PROJECT=${project}`]
      : []),
    ...(ddProject === undefined ? [] : ['-e', `POMS_DATA_DISPATCHER_PROJECT_ID=${ddProject}`]),
    ...pomsClassadWords(env, sid),
    '-e',
    `SIM_OUTPUT_PREFIX=${prefix}`,
    '-e',
    `SIM_OUTPUT_VERSION=${o('version') || 'v1'}`,
    ...(o('files_per_job') ? ['-e', `SIM_FILES_PER_JOB=${o('files_per_job')}`] : []),
    ...(dataset || ddProject !== undefined ? [] : ['-e', `SIM_GENERATE=${o('generate') ?? njobs}`]),
    '--resource-provides=usage_model=OPPORTUNISTIC,DEDICATED',
    '--expected-lifetime=8h',
    'file:///sim/worker.sh',
    '--stage',
    prefix,
  ];
  const banner =
    `fife_launch: using config ${a.config ?? '(none)'} (simulated)\n` +
    (sid ? `Task=${sid}\n` : '') +
    (ddProject === undefined ? '' : `fife_launch: Data Dispatcher project ${ddProject}\n`) +
    `fife_launch: ${shellQuoteWords(['jobsub_submit', ...words])}\n`;
  return { env, dataset, stageName, experiment, sid, prefix, ddProject, words, banner, dryRun: a.dryRun };
}

/** A generator has no project: its jobs declare `poms_depends_<sid>_1` over their outputs, as POMS expects. */
function defineGeneratorOutputs(
  world: SimWorld,
  exp: string,
  sid: string,
  prefix: string,
  cluster: number,
): string {
  const name = `poms_depends_${sid}_1`;
  if (world.sam(exp).catalogue.definition(name)) return '';
  world.defineDataset(exp, name, `file_name '${prefix}_gen_${cluster}_%'`, {
    description: 'generator outputs',
  });
  return `fife_launch: outputs will be in SAM definition ${name}\n`;
}

/** `-l +POMS_TASK_ID=<sid>` … as the POMS wrapper adds them, so Lens and constraints see them. */
function pomsClassadWords(env: Record<string, string>, sid: string | undefined): string[] {
  if (!sid) return [];
  const ints: Record<string, string | undefined> = {
    POMS_TASK_ID: sid,
    POMS4_SUBMISSION_ID: sid,
    POMS4_CAMPAIGN_STAGE_ID: env.POMS4_CAMPAIGN_STAGE_ID,
    POMS4_CAMPAIGN_ID: env.POMS4_CAMPAIGN_ID,
  };
  const lines = Object.entries(ints)
    .filter(([, v]) => v !== undefined && /^\d+$/.test(v))
    .map(([k, v]) => `+${k}=${v}`);
  const stage = env.POMS4_CAMPAIGN_STAGE_NAME;
  if (stage) lines.push(`+POMS4_CAMPAIGN_STAGE_NAME="${stage.replace(/["\\]/g, '\\$&')}"`);
  return lines.flatMap((l) => ['-l', l]);
}
