import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataDispatcherClient } from '../../../src/adapters/data-dispatcher/index.js';
import type { MetacatClient } from '../../../src/adapters/metacat/index.js';
import type { RucioClient } from '../../../src/adapters/rucio/index.js';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import type { RunningSimulator } from '../../../src/sim/index.js';
import { MetacatDataHandling } from '../../../src/services/data/metacat-data-handling.js';
import { metacatHandling } from '../../../src/services/data/metacat/metacat-handling.js';
import type { SubmissionContext } from '../../../src/services/tracking/submission-context.js';
import { rucioEraClients } from '../../helpers/rucio-era-clients.js';
import { startTestSimulator } from '../adapters/sim-fixture.js';

// `added_files` on a MetaCat experiment, over HTTP to the simulator: the files the submission's
// input query selects now that its Data Dispatcher project did not get at launch — through the
// data handling interface the recovery ladder and a person's recovery use.

describe('added_files recovery through MetaCat', () => {
  let sim: RunningSimulator;
  let mc: MetacatClient;
  let mdh: MetacatDataHandling;
  let dd: DataDispatcherClient;
  let rucio: RucioClient;
  const file = (name: string) => ({ name, createDate: sim.world.now(), dataTier: 'raw' });
  beforeAll(async () => {
    sim = await startTestSimulator();
    ({ mc, dd, rucio } = rucioEraClients(sim));
    mdh = new MetacatDataHandling(mc, dd, rucio);
  });
  afterAll(() => sim?.stop());

  it('recovers only the files added to the input query since the launch, defined as a named query', async () => {
    sim.world.addFiles('samdev', ['added_a', 'added_b', 'added_c'].map(file));
    await mc.createNamedQuery('samdev:growing', 'files where name ~ "^added_"');
    const { project } = await mdh.launchProject(201, { dataset: 'samdev:growing' });
    expect(project.handles).toHaveLength(3);
    const sub = {
      submission_id: 201,
      dd_project_id: project.projectId,
      dataset: 'samdev:growing',
      created_at: new Date(sim.world.now()),
      completed_at: null,
      experiment: 'samdev',
      parent_submission_id: null,
      recovery_position: 0,
    } as unknown as SubmissionRow;
    const ctx = {
      sub,
      stage: { softwareVersion: 'v1', outputAncestorDepth: 1 },
      jobType: { outputFilePatterns: '%', recoveries: [] },
    } as unknown as SubmissionContext;
    // Recovery sets and a person's recovery read no table: no database is needed here.
    const handling = metacatHandling({} as Knex, mc, mdh, () => '0123456789abcdef0123456789abcdef', {
      dd,
      rucio,
    });

    expect(await mdh.recoveryFiles(metacatSub(sub), 'added_files')).toEqual([]);
    sim.world.addFiles('samdev', ['added_d', 'added_e', 'other_f'].map(file));
    expect(await mdh.recoveryFiles(metacatSub(sub), 'added_files')).toEqual([
      'samdev:added_d',
      'samdev:added_e',
    ]);

    const manual = await handling.manualRecovery(ctx, 'added_files');
    expect(manual.files).toEqual(['samdev:added_d', 'samdev:added_e']);
    expect(manual.query).toBe('files samdev:added_d, samdev:added_e');

    // The ladder counts added_files on the original even when a recovery just became Located.
    const laterRecovery = { ...sub, submission_id: 202, dd_project_id: null } as SubmissionRow;
    const sets = handling.recoverySets(laterRecovery, ctx);
    expect(await sets.count('added_files')).toBe(2);
    const defined = await sets.define('added_files', 1);
    expect(defined).toEqual({
      definition: 'samdev:poms_recover_0123456789abcdef0123456789abcdef_201_1',
      query: 'files samdev:added_d, samdev:added_e',
    });
    expect((await mc.query(`files selected by ${defined!.definition}`)).map((f) => f.name)).toEqual([
      'added_d',
      'added_e',
    ]);
  });
});

const metacatSub = (sub: SubmissionRow) => ({
  submissionId: sub.submission_id,
  projectId: Number(sub.dd_project_id),
  softwareVersion: 'v1',
  created: new Date(sub.created_at),
  completedAt: null,
  outputAncestorDepth: 1,
});
