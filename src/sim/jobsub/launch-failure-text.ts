// What a launch host prints when a launch fails at each stage (external-apis.md 6.2 failure modes).
// Wording follows the real tools closely enough for a person reading a launch log.

/** OpenSSH refusing the hop to the submit host; ssh exits 255. */
export const SSH_REFUSED = (host: string) => `ssh: connect to host ${host} port 22: Connection refused\n`;
export const SSH_EXIT = 255;

/** jobsub_submit when the collector advertises no jobsub schedd at all (batch.missingSchedds). */
export const NO_SCHEDDS = 'Error: no jobsub schedds found in the collector: cannot submit\n';

export const SETUP_FAILURE =
  "==> Error: Spec 'fife-utils@3.7.4 os=fe' matches no installed packages.\n" +
  'setup: ERROR: Failed to set up product fife_utils (exit status 1)\n';

export const TOKEN_FAILURE =
  'Attempting OIDC authentication with https://htvaultprod.fnal.gov:8200\n' +
  'htgettoken: Initializing kerberos client for host@htvaultprod.fnal.gov\n' +
  'htgettoken: Kerberos init failed: Credentials cache file /tmp/krb5cc_sim not found\n' +
  'htgettoken: Failure getting token from https://htvaultprod.fnal.gov:8200\n' +
  'Error: getToken failed: htgettoken exited with status 1\n';

export const SUBMIT_REJECTED =
  'Submitting job(s)\n' +
  'ERROR: Failed to connect to local queue manager\n' +
  'AUTHENTICATE:1003:Failed to authenticate with any method\n' +
  'Error: condor_submit exited with failed status code 1\n';

export const TOO_MANY_JOBS = (n: number, max: number) =>
  `Error: Number of submitted jobs would exceed MAX_JOBS_PER_SUBMISSION (${n} > ${max})\n`;
