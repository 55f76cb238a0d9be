import type { ClassAd, ClassAdValue } from '../../adapters/jobsub/parse/index.js';

// What the POMS jobsub wrapper (and jobsub_lite's lib/poms_wrap.py) adds to a submission when the
// launch environment has POMS_TASK_ID / POMS4_SUBMISSION_ID (external-apis.md 1.4): classads
// naming the submission, campaign and stage, and the same variables in the job environment.

const INT_ADS = [
  'POMS_TASK_ID',
  'POMS4_SUBMISSION_ID',
  'POMS4_CAMPAIGN_STAGE_ID',
  'POMS4_CAMPAIGN_ID',
  'POMS_CAMPAIGN_ID',
];
const STRING_ADS = [
  'POMS4_CAMPAIGN_STAGE_NAME',
  'POMS4_CAMPAIGN_NAME',
  'POMS4_CAMPAIGN_TYPE',
  'POMS4_TEST_LAUNCH',
  'POMS_LAUNCHER',
  'POMS_CAMPAIGN_NAME',
];
/**
 * Passed on to the jobs, the Data Dispatcher project too (external-apis.md 4.4): its workers read
 * it, and declare their outputs' submission under POMS_METACAT_ATTRIBUTION_PARAM.
 */
const JOB_ENV = [
  'POMS_TASK_ID',
  'POMS_CAMPAIGN_ID',
  'POMS4_SUBMISSION_ID',
  'POMS4_CAMPAIGN_STAGE_NAME',
  'POMS_DATA_DISPATCHER_PROJECT_ID',
  'POMS_DATA_DISPATCHER_TASK_ID',
  'POMS_DATA_DISPATCHER_DATASET_QUERY',
  'POMS_METACAT_ATTRIBUTION_PARAM',
  'DATA_DISPATCHER_URL',
  'METACAT_SERVER_URL',
];

/** The submission id the launch environment names, if any. */
export function pomsSubmissionId(env: Record<string, string>): string | undefined {
  const id = env.POMS4_SUBMISSION_ID || env.POMS_TASK_ID;
  return id && /^\d+$/.test(id) ? id : undefined;
}

/** Classads and job env the wrapper adds; explicit `-l` / `-e` of the same name win. */
export function pomsWrap(env: Record<string, string>): { ads: ClassAd; jobEnv: Record<string, string> } {
  const ads: ClassAd = {};
  const jobEnv: Record<string, string> = {};
  const sid = pomsSubmissionId(env);
  if (!sid) return { ads, jobEnv };
  const value = (name: string): string | undefined =>
    name === 'POMS_TASK_ID' || name === 'POMS4_SUBMISSION_ID' ? sid : env[name];
  for (const name of INT_ADS) {
    const v = value(name);
    if (v && /^\d+$/.test(v)) ads[name] = Number(v);
  }
  for (const name of STRING_ADS) {
    const v = env[name];
    if (v !== undefined) ads[name] = v as ClassAdValue;
  }
  const cats = [
    `POMS_TASK_ID_${sid}`,
    ...(env.POMS_CAMPAIGN_ID ? [`POMS_CAMPAIGN_ID_${env.POMS_CAMPAIGN_ID}`] : []),
  ];
  ads.FIFE_CATEGORIES = cats.join(',');
  for (const name of JOB_ENV) {
    const v = value(name);
    if (v !== undefined && v !== '') jobEnv[name] = v;
  }
  return { ads, jobEnv };
}
