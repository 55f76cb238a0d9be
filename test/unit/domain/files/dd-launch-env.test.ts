import { describe, expect, it } from 'vitest';
import { ddLaunchEnv, NEW_DD_PROJECT } from '../../../../src/domain/files/dd-launch-env.js';

describe('ddLaunchEnv', () => {
  const site = {
    attributionParam: 'dune.poms_task',
    ddUrl: 'https://dd.example/dd/data',
    metacatUrl: 'https://metacat.example/app',
  };

  it("names the project, the task, the project's query, the attribution key and the servers", () => {
    expect(ddLaunchEnv({ projectId: 1801, submissionId: 42, query: 'files from dune:raw', site })).toEqual([
      ['POMS_DATA_DISPATCHER_PROJECT_ID', '1801'],
      ['POMS_DATA_DISPATCHER_TASK_ID', '42'],
      ['POMS_DATA_DISPATCHER_DATASET_QUERY', 'files from dune:raw'],
      ['POMS_METACAT_ATTRIBUTION_PARAM', 'dune.poms_task'],
      ['DATA_DISPATCHER_URL', 'https://dd.example/dd/data'],
      ['METACAT_SERVER_URL', 'https://metacat.example/app'],
    ]);
  });

  it('says the project is still to come in a preview, and leaves out servers it does not know', () => {
    const env = ddLaunchEnv({
      projectId: null,
      submissionId: 0,
      query: 'files selected by dune:q',
      site: { attributionParam: 'poms.submission_id' },
    });
    expect(env[0]).toEqual(['POMS_DATA_DISPATCHER_PROJECT_ID', NEW_DD_PROJECT]);
    expect(env.map(([n]) => n)).not.toContain('DATA_DISPATCHER_URL');
    expect(env.map(([n]) => n)).not.toContain('METACAT_SERVER_URL');
  });
});
