import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../helpers/browser-like-client.js';
import { startTestApp, type TestApp } from '../../helpers/test-app.js';

const E = '/api/v1/experiments/samdev';

// Who may do what to campaign configuration, per role (inventory §9, src/domain/permissions):
// analysis edits only its own analysis objects, shifters edit nothing, production edits
// production objects, superusers edit anything; everyone in the experiment views everything.
describe('campaign configuration permissions by role', () => {
  let app: TestApp;
  const as = (user: string, method: string, path: string, body?: unknown) =>
    api(app.url, method, path, { user, body });
  const ids: Record<string, number> = {};

  const defaults = {
    job_type: 'jt',
    login_setup: 'ls',
    software_version: 'v1',
    vo_role: 'Analysis',
    dataset_or_split_data: 'd',
  };
  async function campaignOf(user: string, name: string) {
    // Analysis campaigns cannot use production's login setups: each analysis user has their own.
    const login_setup = user === 'producer' ? 'ls' : `ls_${user}`;
    const c = await as(user, 'POST', `${E}/campaigns`, { name, defaults: { ...defaults, login_setup } });
    expect(c.status, JSON.stringify(c.json)).toBe(201);
    const s = await as(user, 'POST', `${E}/campaigns/${c.json.campaign_id}/stages`, { name: 'one' });
    expect(s.status).toBe(201);
    ids[name] = c.json.campaign_id;
    ids[`${name}/stage`] = s.json.stage_id;
  }

  beforeAll(async () => {
    app = await startTestApp();
    expect((await as('admin', 'PUT', `${E}/members/analyst2`, { role: 'analysis' })).status).toBe(200);
    await as('producer', 'POST', `${E}/login-setups`, { name: 'ls', launch_host: 'h', launch_account: 'a' });
    for (const a of ['analyst', 'analyst2'])
      await as(a, 'POST', `${E}/login-setups`, { name: `ls_${a}`, launch_host: 'h', launch_account: a });
    await as('producer', 'POST', `${E}/job-types`, { name: 'jt', launch_script: 'fife_launch' });
    await campaignOf('analyst', 'ana_own');
    await campaignOf('analyst2', 'ana_other');
    await campaignOf('producer', 'prod');
  });
  afterAll(async () => app?.close());

  const loginSetupOf: Record<string, string> = {
    ana_own: 'ls_analyst',
    ana_other: 'ls_analyst2',
    prod: 'ls',
  };
  const edit = (user: string, name: string) =>
    as(user, 'PUT', `${E}/campaigns/${ids[name]}`, {
      name,
      defaults: { ...defaults, login_setup: loginSetupOf[name] },
      keywords: { by: user },
    });
  const editStage = (user: string, name: string) =>
    as(user, 'PUT', `${E}/stages/${ids[`${name}/stage`]}`, { name: 'one', software_version: `v-${user}` });
  const addStage = (user: string, name: string) =>
    as(user, 'POST', `${E}/campaigns/${ids[name]}/stages`, { name: `by_${user}` });
  const tag = (user: string, name: string) =>
    as(user, 'POST', `${E}/campaigns/${ids[name]}/tags`, { tag: user });
  const deactivate = (user: string, name: string) =>
    as(user, 'POST', `${E}/campaigns/${ids[name]}/active`, { active: false });

  it('lets every member view every campaign, and nobody outside the experiment', async () => {
    for (const user of ['analyst', 'analyst2', 'shifter', 'producer', 'superuser']) {
      const list = await as(user, 'GET', `${E}/campaigns`);
      expect(list.json.total, user).toBe(3);
      expect((await as(user, 'GET', `${E}/campaigns/${ids.prod}`)).status).toBe(200);
      expect((await as(user, 'GET', `${E}/campaigns/${ids.prod}/ini`)).status).toBe(200);
    }
    await api(app.url, 'POST', '/api/v1/experiments', {
      user: 'admin',
      body: { experiment: 'other', name: 'Other' },
    });
    await as('admin', 'PUT', '/api/v1/experiments/other/members/outsider', { role: 'production' });
    const outsider = await as('outsider', 'GET', `${E}/campaigns`);
    expect(outsider.status).toBe(403);
    expect(outsider.json.error.message).toBe('outsider is not a member of samdev');
  });

  it('analysis: edits its own analysis campaigns only', async () => {
    for (const act of [edit, editStage, addStage, tag]) {
      expect((await act('analyst', 'ana_own')).status, act.name).toBeLessThan(300);
      const other = await act('analyst', 'ana_other');
      expect(other.status, act.name).toBe(403);
      expect(other.json.error.message).toBe('analysis users may edit only their own analysis objects');
      expect((await act('analyst', 'prod')).status, act.name).toBe(403);
    }
    const own = await as('analyst', 'GET', `${E}/campaigns?owner=mine`);
    expect(own.json.items.map((c: { name: string; can_modify: boolean }) => [c.name, c.can_modify])).toEqual([
      ['ana_own', true],
    ]);
  });

  it('production shifter: creates and edits nothing', async () => {
    const create = await as('shifter', 'POST', `${E}/campaigns`, { name: 'shifty' });
    expect(create.status).toBe(403);
    expect(create.json.error.message).toBe('production shifters cannot create configuration');
    for (const act of [edit, editStage, addStage, tag, deactivate]) {
      for (const name of ['ana_own', 'prod']) {
        const r = await act('shifter', name);
        expect(r.status, `${act.name} ${name}`).toBe(403);
      }
    }
    expect((await as('shifter', 'POST', `${E}/job-types`, { name: 'x', launch_script: 'y' })).status).toBe(
      403,
    );
    expect((await as('shifter', 'POST', `${E}/campaigns/${ids.prod}/clone`, { name: 'copy' })).status).toBe(
      403,
    );
    expect((await as('shifter', 'DELETE', `${E}/campaigns/${ids.prod}`)).status).toBe(403);
  });

  it('production: edits production campaigns, not analysis ones', async () => {
    for (const act of [edit, editStage, addStage, tag]) {
      expect((await act('producer', 'prod')).status, act.name).toBeLessThan(300);
      const ana = await act('producer', 'ana_own');
      expect(ana.status).toBe(403);
      expect(ana.json.error.message).toBe('this object belongs to an analysis user');
    }
    const jt = (await as('producer', 'GET', `${E}/job-types`)).json.items[0];
    expect(jt.creator_role).toBe('production');
    // An analysis user may use the shared job type but not change it.
    const change = await as('analyst', 'PUT', `${E}/job-types/${jt.job_type_id}`, {
      name: 'jt',
      launch_script: 'other',
    });
    expect(change.status).toBe(403);
  });

  it('superuser: edits anything, and deletes', async () => {
    for (const name of ['ana_own', 'ana_other', 'prod']) {
      for (const act of [edit, editStage, tag, deactivate])
        expect((await act('superuser', name)).status, act.name).toBeLessThan(300);
    }
    const del = await as('superuser', 'DELETE', `${E}/campaigns/${ids.ana_other}`);
    expect(del.status).toBe(200);
  });

  it('clones belong to the one who clones: an analysis user can then edit the copy', async () => {
    // A copy of a production campaign would use production's login setup: refused for analysis.
    const prodCopy = await as('analyst', 'POST', `${E}/campaigns/${ids.prod}/clone`, {
      name: 'my_prod_copy',
    });
    expect(prodCopy.status).toBe(400);
    expect(prodCopy.json.error.message).toContain(
      'login setup ls belongs to production and can be used only by production campaigns',
    );
    const copy = await as('analyst', 'POST', `${E}/campaigns/${ids.ana_own}/clone`, {
      name: 'my_prod_copy',
    });
    expect(copy.status).toBe(201);
    expect(
      (
        await as('analyst', 'PUT', `${E}/campaigns/${copy.json.campaign_id}`, {
          name: 'my_prod_copy',
          active: false,
          defaults: { ...defaults, login_setup: 'ls_analyst' },
        })
      ).status,
    ).toBe(200);
    const view = await as('producer', 'GET', `${E}/campaigns/${copy.json.campaign_id}`);
    expect(view.json).toMatchObject({ creator: 'analyst', creator_role: 'analysis', can_modify: false });
  });

  it('import: a re-import needs modify on the campaign; defined job types are kept when the caller may not change them', async () => {
    const ini = (await as('producer', 'GET', `${E}/campaigns/${ids.prod}/ini`)).text;
    const analystReimport = await fetch(`${app.url}${E}/campaigns/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-remote-user': 'analyst', accept: 'application/json' },
      body: ini,
    });
    expect(analystReimport.status).toBe(403);
    // Analysis campaigns use an analysis login setup (production's may not be used by them).
    const renamed = ini
      .replace('name=prod', 'name=ana_import')
      .replace('launch_script=fife_launch', 'launch_script=my_launch')
      .replace('[login_setup ls]', '[login_setup ls_analyst]')
      .replace(/^account=a$/m, 'account=analyst')
      .replace(/^login_setup=ls$/m, 'login_setup=ls_analyst');
    const res = await fetch(`${app.url}${E}/campaigns/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-remote-user': 'analyst', accept: 'application/json' },
      body: renamed,
    });
    const report = await res.json();
    expect(res.status).toBe(201);
    expect(report.unchanged).toContainEqual(expect.objectContaining({ kind: 'job_type', name: 'jt' }));
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        section: 'job_type jt',
        message: expect.stringContaining(
          "Job type 'jt' already exists and differs from the file, but you may not change it",
        ),
      }),
    );
    const jt = (await as('producer', 'GET', `${E}/job-types`)).json.items.find(
      (j: { name: string }) => j.name === 'jt',
    );
    expect(jt.launch_script).toBe('fife_launch');
    // The owner's role may update it through an import.
    const prodRes = await fetch(`${app.url}${E}/campaigns/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-remote-user': 'producer', accept: 'application/json' },
      body: renamed.replace('name=ana_import', 'name=prod_import'),
    });
    const prodReport = await prodRes.json();
    expect(prodReport.updated).toContainEqual(expect.objectContaining({ kind: 'job_type', name: 'jt' }));
  });
});
