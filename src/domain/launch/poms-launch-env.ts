import { invalid } from '../../lib/errors.js';

// The environment the POMS jobsub wrapper and the jobs read (external-apis §1.3). Values are plain
// strings; the script builder quotes them.

export interface PomsEnvInput {
  stage: { id: number; name: string; type: string };
  campaign: { id: number; name: string };
  submissionId: number;
  parentSubmissionId?: number | null;
  /** Test flag as sent to the wrapper: a test launch, or any launch of a campaign of type "test". */
  testFlag: boolean;
  /** Username of the launcher. */
  launcher: string;
  /** "" on the production POMS, "int" on integration, "1" elsewhere. */
  pomsTest: string;
  jobTypeId: number;
  group: string;
  /** Where the wrapper calls back (POMS_URL); omitted when not given. */
  callbackUrl?: string;
}

/** jobsub group of an experiment: the experiment, except samdev → fermilab. */
export function groupFor(experiment: string): string {
  return experiment === 'samdev' ? 'fermilab' : experiment;
}

const blanksToUnderscores = (s: string) => s.replace(/\s/g, '_');

/**
 * POMS_CAMPAIGN_NAME: the stage name if it equals the campaign name, `<campaign>__<rest>` if the
 * stage name starts with the campaign name, else `<campaign>__<stage>`; blanks → `_`.
 */
export function legacyCampaignName(campaign: string, stage: string): string {
  if (stage === campaign) return blanksToUnderscores(stage);
  const rest = stage.startsWith(campaign) ? stage.slice(campaign.length) : stage;
  return blanksToUnderscores(`${campaign}__${rest}`);
}

export function pomsLaunchEnv(e: PomsEnvInput): Array<[string, string]> {
  const env: Array<[string, string]> = [
    ['POMS4_CAMPAIGN_STAGE_ID', String(e.stage.id)],
    ['POMS4_CAMPAIGN_STAGE_NAME', blanksToUnderscores(e.stage.name)],
    ['POMS4_CAMPAIGN_STAGE_TYPE', e.stage.type],
    ['POMS4_CAMPAIGN_ID', String(e.campaign.id)],
    ['POMS4_CAMPAIGN_NAME', blanksToUnderscores(e.campaign.name)],
    ['POMS4_SUBMISSION_ID', String(e.submissionId)],
    ['POMS4_TEST_LAUNCH', e.testFlag ? 'True' : 'False'],
    ['POMS_CAMPAIGN_ID', String(e.stage.id)],
    ['POMS_CAMPAIGN_NAME', legacyCampaignName(e.campaign.name, e.stage.name)],
    ['POMS_PARENT_TASK_ID', e.parentSubmissionId == null ? '' : String(e.parentSubmissionId)],
    ['POMS_TASK_ID', String(e.submissionId)],
    ['POMS_LAUNCHER', e.launcher],
    ['POMS_TEST', e.pomsTest],
    ['POMS_TASK_DEFINITION_ID', String(e.jobTypeId)],
    ['JOBSUB_GROUP', e.group],
    ['GROUP', e.group],
  ];
  if (e.callbackUrl !== undefined) env.push(['POMS_URL', e.callbackUrl]);
  return env;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Refuses names that are not shell variable names (they are written unquoted in `export NAME=`). */
export function checkEnvNames(env: ReadonlyArray<readonly [string, string]>): void {
  const badName = env.find(([n]) => !NAME.test(n));
  if (badName) {
    const message = `'${badName[0]}' is not a valid environment variable name`;
    throw invalid(message, [{ field: 'env', message }]);
  }
}
