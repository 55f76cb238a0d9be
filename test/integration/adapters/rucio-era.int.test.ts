import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDispatcherClient } from '../../../src/adapters/data-dispatcher/index.js';
import { MetacatClient } from '../../../src/adapters/metacat/index.js';
import { RucioClient } from '../../../src/adapters/rucio/index.js';
import type { RunningSimulator } from '../../../src/sim/index.js';
import { failure } from '../../helpers/adapter-failure.js';
import { rucioEraClients } from '../../helpers/rucio-era-clients.js';
import { patchFaults, startTestSimulator } from './sim-fixture.js';

// The real MetaCat, Data Dispatcher and Rucio clients over HTTP against the simulator: one world,
// so a file declared as a job's output is MetaCat's child of its input, and its upload becomes a
// Rucio replica once located.

const retry = { retries: 1, baseDelayMs: 1, maxDelayMs: 2, random: () => 0 };

describe('Rucio-era clients against the simulator', () => {
  let sim: RunningSimulator;
  let mc: MetacatClient;
  let anonymous: MetacatClient;
  let dd: DataDispatcherClient;
  let rucio: RucioClient;
  beforeAll(async () => {
    sim = await startTestSimulator();
    ({ mc, dd, rucio } = rucioEraClients(sim, { retry }));
    anonymous = new MetacatClient({ baseUrl: sim.metacatUrl, retry });
    sim.world.addFiles('samdev', [
      {
        name: 'reco_run1000_0001.root',
        parents: ['raw_run1000_0001.root'],
        application: { family: 'reco', name: 'reco', version: 'v2' },
      },
    ]);
  });
  afterAll(() => sim?.stop());

  describe('MetaCat', () => {
    it('queries a dataset: counts, ordered slices, metadata in core.* keys', async () => {
      expect(await anonymous.count('files from samdev:demo_raw')).toBe(40);
      const files = await anonymous.query('files from samdev:demo_raw ordered skip 2 limit 3', {
        withMetadata: true,
      });
      expect(files.map((f) => f.name)).toEqual([3, 4, 5].map((i) => `raw_run1000_000${i}.root`));
      expect(files[0].metadata).toMatchObject({
        'core.runs': [1000],
        'core.runs_subruns': [100000003],
        'core.data_tier': 'raw',
      });
    });

    it('file metadata with parents and children', async () => {
      const raw = await mc.file('samdev:raw_run1000_0001.root');
      const reco = await mc.file('samdev:reco_run1000_0001.root');
      expect(raw!.children).toEqual([reco!.fid]);
      expect(reco!.parents).toEqual([raw!.fid]);
      expect(await mc.file('samdev:nope.root')).toBeNull();
      const kids = await mc.query(
        'children(files samdev:raw_run1000_0001.root) where core.application.version = "v2"',
      );
      expect(kids.map((f) => f.name)).toEqual(['reco_run1000_0001.root']);
    });

    it('named queries need the token; then they run and read back', async () => {
      expect(
        (await failure(anonymous.createNamedQuery('samdev:q1', 'files from samdev:demo_raw limit 2'))).status,
      ).toBe(401);
      await mc.createNamedQuery('samdev:q1', 'files from samdev:demo_raw ordered limit 2');
      expect((await failure(mc.createNamedQuery('samdev:q1', 'files from samdev:demo_raw'))).kind).toBe(
        'conflict',
      );
      await mc.createNamedQuery('samdev:q1', 'files from samdev:demo_raw ordered limit 3', { update: true });
      expect(await mc.count('files selected by samdev:q1')).toBe(3);
      expect(await mc.namedQuery('samdev:q1')).toBe('files from samdev:demo_raw ordered limit 3');
      expect(await mc.namedQuery('samdev:q404')).toBeNull();
    });

    it('save_as freezes a dataset once, with the token only', async () => {
      expect(
        (await failure(anonymous.query('files from samdev:demo_raw', { saveAs: 'samdev:frozen1' }))).status,
      ).toBe(401);
      const saved = await mc.query('files from samdev:demo_raw ordered limit 4', {
        saveAs: 'samdev:frozen1',
      });
      expect(saved).toHaveLength(4);
      // save_as makes a dataset of the files; MetaCat's `frozen` flag stays off
      expect(await mc.dataset('samdev:frozen1')).toMatchObject({ frozen: false, fileCount: 4 });
      expect((await failure(mc.query('files from samdev:demo_raw', { saveAs: 'samdev:frozen1' }))).kind).toBe(
        'conflict',
      );
      expect(await mc.dataset('samdev:nothing')).toBeNull();
      expect((await failure(mc.query('files from samdev:demo_raw', { saveAs: 'nowhere:ds' }))).status).toBe(
        404,
      );
    });

    it('an MQL error is rejected with the parser’s message; an outage is unavailable', async () => {
      const e = await failure(mc.count('files frm samdev:demo_raw'));
      expect([e.kind, e.message]).toEqual(['rejected', expect.stringMatching(/MQLSyntaxError/)]);
      await patchFaults(sim, { metacat: { outage: '5xx' } });
      try {
        expect((await failure(mc.count('files from samdev:demo_raw'))).kind).toBe('unavailable');
        expect((await mc.health()).ok).toBe(false);
      } finally {
        await patchFaults(sim, { metacat: { outage: 'off' } });
      }
      expect((await mc.health()).ok).toBe(true);
    });
  });

  describe('Data Dispatcher', () => {
    const files = [1, 2, 3].map((i) => `samdev:raw_run1000_000${i}.root`);

    it('needs the token to create a project', async () => {
      const anon = new DataDispatcherClient({ baseUrl: sim.ddUrl, retry });
      expect((await failure(anon.createProject(files))).status).toBe(401);
    });

    it('workers reserve, finish and fail files; the project ends failed; failed handles restart', async () => {
      const p = await dd.createProject(files, {
        query: 'files from samdev:demo_raw ordered limit 3',
        attributes: { poms_submission_id: 7 },
      });
      expect(p.state).toBe('active');
      expect(p.handles!.map((h) => h.state)).toEqual(['initial', 'initial', 'initial']);
      const a = await dd.nextFile(p.projectId, 'w1');
      const b = await dd.nextFile(p.projectId, 'w2');
      if (!a.handle || !b.handle) throw new Error('expected reservations');
      expect([a.handle.workerId, a.handle.attempts, a.handle.state]).toEqual(['w1', 1, 'reserved']);
      expect(
        (await failure(dd.release(p.projectId, `samdev:${a.handle.name}`, 'w2', { failed: false }))).kind,
      ).toBe('rejected');
      await dd.release(p.projectId, `samdev:${a.handle.name}`, 'w1', { failed: false });
      await dd.release(p.projectId, `samdev:${b.handle.name}`, 'w2', { failed: true, retry: true });
      // the fewest attempts first: the untouched third file, then the one to retry
      const c = await dd.nextFile(p.projectId, 'w3');
      expect(c.handle).toMatchObject({ name: 'raw_run1000_0003.root', attempts: 1 });
      await dd.release(p.projectId, `samdev:${c.handle!.name}`, 'w3', { failed: false });
      const again = await dd.nextFile(p.projectId, 'w4');
      expect(again.handle).toMatchObject({ name: 'raw_run1000_0002.root', attempts: 2 });
      await dd.release(p.projectId, `samdev:${again.handle!.name}`, 'w4', { failed: true, retry: false });
      expect(await dd.nextFile(p.projectId, 'w5')).toEqual({
        handle: null,
        retry: false,
        reason: expect.any(String),
      });
      const ended = await dd.project(p.projectId);
      expect(ended!.state).toBe('failed');
      expect(ended!.handles!.map((h) => h.state)).toEqual(['done', 'failed', 'done']);
      const restarted = await dd.restartHandles(p.projectId, { failed: true });
      expect(restarted.state).toBe('active');
      expect(restarted.handles!.map((h) => h.state)).toEqual(['done', 'initial', 'done']);
      expect((await dd.cancelProject(p.projectId)).state).toBe('cancelled');
      expect(await dd.project(999_999)).toBeNull();
    });
    it('hands out only files with a replica (any file in a virtual project), fewest attempts first', async () => {
      sim.world.addFiles('samdev', [{ name: 'unlocated_0001.root', locations: [] }]);
      const dids = ['samdev:unlocated_0001.root', 'samdev:raw_run1000_0009.root'];
      const p = await dd.createProject(dids);
      const got = await dd.nextFile(p.projectId, 'w1');
      expect(got.handle).toMatchObject({ name: 'raw_run1000_0009.root' });
      expect(await dd.nextFile(p.projectId, 'w2')).toEqual({ handle: null, retry: true, reason: 'retry' });
      const v = await dd.createProject(dids, { attributes: { virtual: true } });
      expect((await dd.nextFile(v.projectId, 'w3')).handle).toMatchObject({ name: 'unlocated_0001.root' });

      // the project as DD serves it by default: every handle with its replicas, keyed by RSE
      const raw = (await fetch(`${sim.ddUrl}/project?project_id=${p.projectId}`).then((r) => r.json())) as {
        file_handles: Array<{ name: string; replicas: Record<string, Record<string, unknown>> }>;
      };
      expect(raw.file_handles.map((h) => [h.name, Object.keys(h.replicas)])).toEqual([
        ['unlocated_0001.root', []],
        ['raw_run1000_0009.root', ['FNAL_ENSTORE']],
      ]);
      expect(raw.file_handles[1].replicas.FNAL_ENSTORE).toMatchObject({
        rse: 'FNAL_ENSTORE',
        available: true,
        rse_available: true,
        path: '/pnfs/samdev/raw/1000/raw_run1000_0009.root',
      });
    });

    it('a reservation that outlives worker_timeout fails when retry_on_timeout is False', async () => {
      const p = await dd.createProject(['samdev:raw_run1000_0010.root'], {
        workerTimeoutS: 60,
        attributes: { retry_on_timeout: 'False' },
      });
      await dd.nextFile(p.projectId, 'gone');
      sim.clock.advance(61_000);
      const after = await dd.project(p.projectId);
      expect([after!.state, after!.handles![0].state]).toEqual(['failed', 'failed']);
    });
  });

  describe('Rucio', () => {
    it('lists replicas where the catalogue has locations; an upload becomes a replica when located', async () => {
      const reps = await rucio.listReplicas([
        'samdev:raw_run1000_0001.root',
        'samdev:reco_run1000_0001.root',
      ]);
      expect(reps.map((r) => [r.name, Object.keys(r.rses)])).toEqual([
        ['raw_run1000_0001.root', ['FNAL_ENSTORE']],
      ]);
      sim.world.sam('samdev').catalogue.addLocation('reco_run1000_0001.root', 'dcache:/pnfs/samdev/sim/reco');
      const now = await rucio.listReplicas(['samdev:reco_run1000_0001.root']);
      expect(now[0].rses.FNAL_DCACHE[0]).toMatch(/^root:\/\/.*reco_run1000_0001\.root$/);
      expect(await rucio.listRses()).toContain('FNAL_DCACHE');
    });

    it('answers in scope, name order, with states only for all_states', async () => {
      const ask = (allStates: boolean) =>
        fetch(`${sim.rucioUrl}/replicas/list`, {
          method: 'POST',
          headers: { 'x-rucio-auth-token': sim.samToken, 'content-type': 'application/json' },
          body: JSON.stringify({
            dids: ['raw_run1000_0003.root', 'raw_run1000_0002.root'].map((name) => ({
              scope: 'samdev',
              name,
            })),
            all_states: allStates,
          }),
        }).then(async (r) =>
          (await r.text())
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Record<string, unknown>),
        );
      const plain = await ask(false);
      expect(plain.map((x) => x.name)).toEqual(['raw_run1000_0002.root', 'raw_run1000_0003.root']);
      expect(plain[0]).not.toHaveProperty('states');
      expect((await ask(true))[0].states).toEqual({ FNAL_ENSTORE: 'AVAILABLE' });
    });

    it('refuses a call without a token as CannotAuthenticate', async () => {
      const anon = new RucioClient({ baseUrl: sim.rucioUrl, retry });
      const e = await failure(anon.listReplicas(['samdev:raw_run1000_0001.root']));
      expect([e.kind, e.status, e.message]).toEqual([
        'rejected',
        401,
        expect.stringMatching(/CannotAuthenticate/),
      ]);
    });
  });
});
