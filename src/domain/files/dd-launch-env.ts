// The environment a MetaCat experiment's launch passes to its jobs (external-apis.md 4.4: the
// original branch's POMS_DATA_DISPATCHER_* names), built here only, for the launch and its preview:
// the Data Dispatcher project the jobs' workers take files from, the submission (task) id, the MQL
// the project was made from, the metadata key the jobs name the submission under on their outputs
// (`[metacat] attribution_param`), and where the jobs' DD and MetaCat clients reach the servers
// POMS used (DATA_DISPATCHER_URL, METACAT_SERVER_URL: the variables those clients read).

/** Where the jobs reach Data Dispatcher and MetaCat, and the key their outputs name the submission under. */
export interface DdJobSite {
  attributionParam: string;
  ddUrl?: string;
  metacatUrl?: string;
}

/** What a preview shows where the launch puts the id of the project it creates. */
export const NEW_DD_PROJECT = '(the Data Dispatcher project the launch creates)';

export function ddLaunchEnv(input: {
  /** null: not created yet (a preview). */
  projectId: number | null;
  submissionId: number;
  query: string;
  site: DdJobSite;
}): Array<[string, string]> {
  const { site } = input;
  return [
    ['POMS_DATA_DISPATCHER_PROJECT_ID', input.projectId === null ? NEW_DD_PROJECT : String(input.projectId)],
    ['POMS_DATA_DISPATCHER_TASK_ID', String(input.submissionId)],
    ['POMS_DATA_DISPATCHER_DATASET_QUERY', input.query],
    ['POMS_METACAT_ATTRIBUTION_PARAM', site.attributionParam],
    ...(site.ddUrl ? [['DATA_DISPATCHER_URL', site.ddUrl] as [string, string]] : []),
    ...(site.metacatUrl ? [['METACAT_SERVER_URL', site.metacatUrl] as [string, string]] : []),
  ];
}
