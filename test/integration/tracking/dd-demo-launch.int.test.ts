import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { NEW_DD_PROJECT } from '../../../src/domain/files/dd-launch-env.js';
import { seedDdDemo, DD_DEMO_CAMPAIGN } from '../../../src/services/demo/dd-demo.js';
import { DD_DEMO_DATASET, DD_DEMO_EXPERIMENT as EXP } from '../../../src/sim/index.js';
import { DD_DEMO_FILES } from '../../../src/sim/demo/dd-demo-world.js';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startSimHarness, type SimHarness } from '../../helpers/sim-app.js';
import { checkChainOf, serve } from '../chain/chain-fixture.js';
import { chainDriver } from './chain-driver.js';

// A MetaCat launch of dd_demo (issue 19) on the simulator over real HTTP and the launch-host shims,
// with a non-default `[metacat] attribution_param`: the launch preview shows the Data Dispatcher
// variables exactly as the launch then sets them (one builder); a launch whose transaction fails
// after its DD project was made cancels the project; the jobs name their submission under the
// configured key and attribution reads that key; Check chain counts each stage's split and each
// dependency's upstream outputs, writing nothing to SAM, MetaCat or DD, and the launches then get
// exactly those files.
const KEY = 'dune.poms_task';

describe('a MetaCat launch: preview, failed launch, attribution key, Check chain', () => {
  let h: SimHarness;
  let web: Awaited<ReturnType<typeof serve>>;
  let campaignId = 0;
  const { subs, stageId, runUntil } = chainDriver(() => h, DD_DEMO_CAMPAIGN);
  const ids = { reco: 0, ana: 0 };
  let reco = {} as SubmissionRow;
  beforeAll(async () => {
    h = await startSimHarness(7, { metacat: { attribution_param: KEY } });
    web = await serve(h);
    await seedDdDemo(h.testDb.db);
    ids.reco = await stageId('reco');
    ids.ana = await stageId('ana');
    campaignId = (await h.testDb.db('campaigns').where({ name: DD_DEMO_CAMPAIGN }).first('campaign_id'))
      .campaign_id;
  });
  afterAll(async () => {
    await h?.services.runner.idle();
    await web?.close();
    await h?.close();
  });
  const producer = async () => (await h.services.identity.loadUser('producer', { experiment: EXP }))!;
  const check = () => checkChainOf(h, web.url, campaignId, EXP);
  const dd = () => h.services.fife.dataDispatcher!;
  const handles = async (s: SubmissionRow) => (await dd().project(Number(s.dd_project_id)))!.handles!;

  it('a launch whose transaction fails after its DD project was made cancels that project', async () => {
    const db = h.testDb.db;
    await db.raw(`create function test_fail_dd() returns trigger language plpgsql as $$
      begin raise exception 'injected failure after the DD project was made'; end $$`);
    await db.raw(`create trigger test_fail_dd before update of dd_project_id on submissions for each row
      when (new.dd_project_id is not null) execute function test_fail_dd()`);
    const made = h.sim.world.dd.all().length;
    try {
      await expect(h.services.launchActions.launch(await producer(), ids.reco, {}, EXP)).rejects.toThrow(
        /injected failure/,
      );
    } finally {
      await db.raw('drop trigger test_fail_dd on submissions');
      await db.raw('drop function test_fail_dd()');
    }
    expect(await subs()).toEqual([]);
    const projects = h.sim.world.dd.all();
    expect(projects).toHaveLength(made + 1);
    expect(projects.at(-1)?.state).toBe('cancelled');
  });

  it('the preview shows the DD variables as the launch then sets them; Check chain counts what it gets', async () => {
    const user = await producer();
    const before = h.sim.world.dd.writes.projectsCreated;
    const preview = await h.services.launchActions.preview(user, ids.reco, false, EXP);
    const query = `files from ${DD_DEMO_DATASET}`;
    expect(preview).toMatchObject({ exhausted: false });
    const shown = (preview as { dataDispatcher: { query: string; files: number; env: [string, string][] } })
      .dataDispatcher;
    expect(shown).toEqual({
      query,
      files: DD_DEMO_FILES,
      env: [
        ['POMS_DATA_DISPATCHER_PROJECT_ID', NEW_DD_PROJECT],
        ['POMS_DATA_DISPATCHER_TASK_ID', '0'],
        ['POMS_DATA_DISPATCHER_DATASET_QUERY', query],
        ['POMS_METACAT_ATTRIBUTION_PARAM', KEY],
        ['DATA_DISPATCHER_URL', h.sim.ddUrl],
        ['METACAT_SERVER_URL', h.sim.metacatUrl],
      ],
    });
    for (const [name] of shown.env) expect((preview as { script: string }).script).toContain(`${name}=`);
    // The page shows them too.
    const browser = new BrowserLikeClient(web.url);
    await browser.signIn('producer');
    const page = (await browser.get(`/experiments/${EXP}/stages/${ids.reco}/launch-preview`)).body;
    const row = page.slice(
      page.indexOf('id="preview-dd"'),
      page.indexOf('</tr>', page.indexOf('id="preview-dd"')),
    );
    expect(row).toContain(`the ${DD_DEMO_FILES} file(s) of <code>${query}</code>`);
    expect(row).toContain(`<code>POMS_METACAT_ATTRIBUTION_PARAM=${KEY}</code>`);
    expect(h.sim.world.dd.writes.projectsCreated).toBe(before);

    const report = await check();
    expect(report.stages.find((s) => s.name === 'reco')).toMatchObject({
      files: DD_DEMO_FILES,
      problem: null,
    });
    expect(report.dependencies).toMatchObject([
      { upstream: 'reco', downstream: 'ana', files: null, basis: 'the upstream stage has no outputs yet' },
    ]);

    const out = await h.services.launchActions.launch(user, ids.reco, {}, EXP);
    await h.services.runner.idle();
    reco = (await subs()).find((s) => s.submission_id === (out as { submissionId: number }).submissionId)!;
    expect(await handles(reco)).toHaveLength(DD_DEMO_FILES);
    // The jobs' environment (the simulator's batch submission of this launch) has every variable
    // the preview showed, the project and task ids now the real ones.
    const job = h.sim.world.batch.allSubmissions().find((s) => s.ddProject === Number(reco.dd_project_id))!;
    const real: Record<string, string> = {
      POMS_DATA_DISPATCHER_PROJECT_ID: String(reco.dd_project_id),
      POMS_DATA_DISPATCHER_TASK_ID: String(reco.submission_id),
    };
    for (const [name, value] of shown.env) expect(job.env[name], name).toBe(real[name] ?? value);
  });

  it(
    'jobs name their submission under the configured key; the dependency count is what ana then gets',
    { timeout: 300_000 },
    async () => {
      const user = await producer();
      await h.services.holds.holdStage(user, ids.ana);
      const queued = async () =>
        (await h.testDb.db('held_launches').where({ stage_id: ids.ana }).first()) !== undefined;
      await runUntil(queued);
      reco = (await subs()).find((s) => s.submission_id === reco.submission_id)!;
      expect(reco.status).toBe('Located');
      const recovery = (await subs()).find((s) => s.parent_submission_id === reco.submission_id)!;
      expect(recovery.status).toBe('Located');

      const mc = h.services.fife.metacat!;
      const tied = await mc.query(`files where ${KEY} = ${reco.submission_id}`);
      expect(tied).toHaveLength(Number(reco.files_consumed));
      for (const f of tied) expect(Object.keys(f.metadata ?? {})).not.toContain('poms.submission_id');

      const report = await check();
      const dep = report.dependencies[0];
      expect(dep).toMatchObject({ upstream: 'reco', downstream: 'ana', files: DD_DEMO_FILES });
      expect(dep.basis).toBe('outputs of its 2 latest submission(s) with a Data Dispatcher project');

      await h.services.holds.releaseStage(user, ids.ana);
      await h.services.runner.idle();
      const ana = (await subs()).find((s) => s.stage_id === ids.ana)!;
      expect(await handles(ana)).toHaveLength(dep.files!);

      // Attribution reads the configured key: a child of one of reco's inputs made in its lifetime
      // that names another submission is not reco's; a file naming reco is, without parents.
      const at = new Date(reco.completed_at!).getTime() - 1000;
      const file = (name: string, sid: number, parents: string[]) => ({
        name,
        parents,
        application: { family: 'reco', name: 'reco', version: 'v1' },
        createDate: at,
        params: { [KEY]: sid },
      });
      const input = (await handles(reco))[0].name;
      h.sim.world.addFiles(EXP, [file('reco_foreign.root', 999_999, [input])]);
      expect((await check()).dependencies[0].files).toBe(DD_DEMO_FILES);
      h.sim.world.addFiles(EXP, [file('reco_tied.root', reco.submission_id, [])]);
      expect((await check()).dependencies[0].files).toBe(DD_DEMO_FILES + 1);
    },
  );
});
