import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { admin, sam } from './sim-harness.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ clock: 'manual', demo: true, startTime: new Date('2025-04-01T10:00:00Z') });
});
afterAll(() => sim.stop());

describe('samweb REST of the simulator', () => {
  it('files/list (json and plain) and files/count (GET and POST) evaluate dims', async () => {
    const list = await sam(
      sim,
      `/files/list?format=json&dims=${encodeURIComponent('defname:demo_raw with limit 2')}`,
    );
    expect(list.status).toBe(200);
    expect(JSON.parse(list.text)).toEqual(['raw_run1000_0001.root', 'raw_run1000_0002.root']);
    const plain = await sam(
      sim,
      `/files/list?dims=${encodeURIComponent('defname:demo_gen_cfg and run_number 3')}`,
    );
    expect(plain.text).toBe('demo_gen_cfg_005.root\n');
    expect(await sam(sim, `/files/count?dims=${encodeURIComponent('defname:demo_raw')}`)).toEqual({
      status: 200,
      text: '40',
    });
    expect(
      await sam(sim, '/files/count', {
        form: { dims: "defname:demo_gen_cfg and end_time > '2025-02-02T12:00:00+0000'" },
      }),
    ).toEqual({
      status: 200,
      text: '3',
    });
    const long = await sam(sim, '/files/list?format=json', {
      form: { dims: `file_name ${'x'.repeat(2000)} or defname:demo_calib` },
    });
    expect(JSON.parse(long.text)).toHaveLength(12);
  });

  it('answers 400 with the message for bad dims and unknown definitions', async () => {
    const syntax = await sam(sim, `/files/count?dims=${encodeURIComponent('file_name (')}`);
    expect(syntax.status).toBe(400);
    expect(syntax.text).toMatch(/^Parse error at line 1, column/);
    const unknown = await sam(sim, '/files/count', { form: { dims: 'defname:nope' } });
    expect(unknown).toEqual({ status: 400, text: "Definition 'nope' not found\n" });
    expect((await sam(sim, '/files/count')).status).toBe(400);
  });

  it('file metadata (2.4) and lineage', async () => {
    const md = await sam(sim, '/files/name/raw_run1000_0003.root/metadata?format=json');
    expect(JSON.parse(md.text)).toMatchObject({
      file_name: 'raw_run1000_0003.root',
      data_tier: 'raw',
      runs: [[1000, 3, 'physics']],
      end_time: '2025-01-10T00:30:00+00:00',
      parents: [],
    });
    expect((await sam(sim, '/files/name/nope.root/metadata?format=json')).status).toBe(404);
    await admin(sim, '/experiments/samdev/files', {
      files: [{ name: 'child.root', parents: ['raw_run1000_0003.root'], version: 'v9' }],
    });
    const kids = await sam(sim, '/files/name/raw_run1000_0003.root/lineage/children');
    expect(JSON.parse(kids.text)).toEqual([{ file_name: 'child.root', file_id: expect.any(Number) }]);
    const parents = await sam(sim, '/files/name/child.root/lineage/parents');
    expect(JSON.parse(parents.text)[0].file_name).toBe('raw_run1000_0003.root');
  });

  it('definitions: create, 409 when it exists, describe, snapshot, delete refused once used', async () => {
    const form = { defname: 'my_def', dims: 'defname:demo_raw with limit 3', user: 'sam', group: 'samdev' };
    expect((await sam(sim, '/definitions/create', { form })).status).toBe(200);
    const again = await sam(sim, '/definitions/create', { form });
    expect(again.status).toBe(409);
    expect(again.text).toMatch(/already exists/);
    expect(
      (await sam(sim, '/definitions/create', { form: { defname: 'broken', dims: 'file_name (' } })).status,
    ).toBe(400);
    const desc = JSON.parse((await sam(sim, '/definitions/name/my_def?format=json')).text);
    expect(desc).toMatchObject({
      defname: 'my_def',
      dims: 'defname:demo_raw with limit 3',
      username: 'sam',
      group: 'samdev',
    });
    expect((await sam(sim, '/definitions/name/my_def')).text).toMatch(/^Definition Name: my_def\n/);
    expect((await sam(sim, '/definitions/name/missing')).status).toBe(404);
    expect(await sam(sim, '/definitions/name/my_def/files/count')).toEqual({ status: 200, text: '3' });

    const snap = await sam(sim, '/definitions/name/my_def/snapshot?format=plain', {
      form: { group: 'samdev' },
    });
    expect(snap.text).toMatch(/^\d+$/);
    expect(
      JSON.parse((await sam(sim, `/files/list?format=json&dims=snapshot_id%20${snap.text}`)).text),
    ).toHaveLength(3);
    const refused = await sam(sim, '/definitions/name/my_def', { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(refused.text).toMatch(/has been used/);

    await sam(sim, '/definitions/create', { form: { defname: 'throwaway', dims: 'file_name x' } });
    expect((await sam(sim, '/definitions/name/throwaway', { method: 'DELETE' })).status).toBe(200);
    expect((await sam(sim, '/definitions/name/throwaway', { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses writes without credentials (401) or with a token it does not know (403); reads stay open', async () => {
    const form = { defname: 'anon_def', dims: 'file_name x' };
    const none = await sam(sim, '/definitions/create', { form, token: null });
    expect(none.status).toBe(401);
    expect(none.text).toMatch(/needs a client certificate or a bearer token/);
    const wrong = await sam(sim, '/definitions/create', { form, token: 'not-the-token' });
    expect(wrong.status).toBe(403);
    expect((await sam(sim, '/definitions/name/anon_def', { token: null })).status).toBe(404);
    for (const [method, path] of [
      ['DELETE', '/definitions/name/demo_raw'],
      ['POST', '/definitions/name/demo_raw/snapshot'],
      ['POST', '/projects/samdev/some_project/description'],
    ])
      expect((await sam(sim, path, { method, token: null })).status, `${method} ${path}`).toBe(401);
    // Reads, including a long-dims POST of files/count and files/list, need nothing.
    expect((await sam(sim, '/files/count', { form: { dims: 'defname:demo_raw' }, token: null })).status).toBe(
      200,
    );
    expect((await sam(sim, '/definitions/name/demo_raw/files/count', { token: null })).status).toBe(200);
    expect((await sam(sim, '/definitions/create', { form })).status).toBe(200);
  });

  it('the project lifecycle over HTTP, summary and recovery dimensions', async () => {
    const start = await sam(sim, '/startProject', {
      form: { name: 'hand_made', station: 'samdev', group: 'samdev', defname: 'demo_gen_cfg' },
    });
    expect(start.text.trim()).toMatch(/\/sam\/samdev\/api\/projects\/samdev\/hand_made$/);
    const proc = (
      await sam(sim, '/projects/samdev/hand_made/establishProcess', {
        form: { appname: 'a', appversion: 'v', node: 'n', filelimit: '2' },
      })
    ).text;
    const next = await sam(sim, `/projects/samdev/hand_made/process/${proc}/getNextFile`, { form: {} });
    expect(next.text.split('\n')[1]).toBe('demo_gen_cfg_001.root');
    await sam(sim, `/projects/samdev/hand_made/process/${proc}/updateFileStatus`, {
      form: { filename: 'demo_gen_cfg_001.root', status: 'consumed' },
    });
    await sam(sim, `/projects/samdev/hand_made/process/${proc}/getNextFile`, { form: {} });
    expect(
      (await sam(sim, `/projects/samdev/hand_made/process/${proc}/getNextFile`, { form: {} })).status,
    ).toBe(204);
    await sam(sim, `/projects/samdev/hand_made/processes/${proc}/status`, {
      method: 'PUT',
      form: { status: 'completed' },
    });
    await sam(sim, '/projects/samdev/hand_made/description', {
      form: { description: 'POMS CampaignStage 7 Submission 1' },
    });
    await sam(sim, '/projects/samdev/hand_made/endProject', { form: { force: '1' } });

    const summary = JSON.parse(
      (await sam(sim, '/projects/name/hand_made/summary?format=json&process_limit=0')).text,
    );
    expect(summary).toMatchObject({
      project_status: 'completed',
      dataset_def_name: 'demo_gen_cfg',
      files_in_snapshot: 5,
      file_counts: { consumed: 1, delivered: 1, unknown: 3, failed: 0 },
      process_counts: { completed: 1 },
    });
    expect(summary).not.toHaveProperty('processes');
    const rec = await sam(sim, '/projects/name/hand_made/recovery_dimensions?useProcess=0');
    expect(rec.text).toBe(
      "snapshot_for_project_name 'hand_made' minus (project_name 'hand_made' and consumed_status consumed)",
    );
    expect(await sam(sim, `/files/count?dims=${encodeURIComponent(rec.text)}`)).toEqual({
      status: 200,
      text: '4',
    });
    expect((await sam(sim, '/projects/name/nope/summary?format=json')).status).toBe(404);
    const project = (await admin(sim, '/experiments/samdev/projects/hand_made')).body;
    expect(project.description).toBe('POMS CampaignStage 7 Submission 1');
  });

  it('outage and query-limit knobs', async () => {
    await admin(sim, '/outage', { service: 'sam', on: true });
    const down = await sam(sim, '/files/count?dims=defname:demo_raw');
    expect(down.status).toBe(503);
    await admin(sim, '/outage', { service: 'sam', on: true, kind: 'garbage' });
    expect((await sam(sim, '/files/count?dims=defname:demo_raw')).text).toMatch(/<html>/);
    await admin(sim, '/outage', { service: 'sam', on: false });
    await admin(sim, '/faults', { sam: { queryLimit: 10 } }, 'PATCH');
    const limited = await sam(sim, '/files/count?dims=defname:demo_raw');
    expect(limited.status).toBe(400);
    expect(limited.text).toMatch(/query limit/);
    await admin(sim, '/faults', { sam: { queryLimit: null } }, 'PATCH');
    expect((await sam(sim, '/files/count?dims=defname:demo_raw')).text).toBe('40');
  });
});
