import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import type { SubmissionRow } from '../../../src/db/stores/submission-store.js';
import { demoStageId, startSimHarness, type SimHarness } from '../../helpers/sim-app.js';
import { cell, getJson, P, signedIn, tableRows } from './page-helpers.js';

// Issue 13: "single_stage showed 80 declared while still New". A launch that POMS has not yet seen
// run (New) shows no outputs declared on its page, its JSON twin and the submissions list, even
// while another launch of the same stage on the same inputs declares matching outputs during its
// lifetime (the old rule took every matching child of its inputs made after it started).
describe('a New submission shows no outputs', () => {
  let h: SimHarness;
  let server: Server;
  let url: string;
  let reco: number;
  let second: number;
  let secondLaunched: Date;

  beforeAll(async () => {
    h = await startSimHarness(11);
    reco = await demoStageId(h.testDb.db, 'reco');
    const producer = await h.user('producer');
    await h.services.launchActions.launch(producer, reco, {}, 'samdev');
    await h.services.runner.idle();
    h.sim.clock.advance(120_000); // the first launch's jobs start on the 40 demo files
    // The second launch's jobs wait in the queue for an hour: it has made nothing yet.
    h.sim.world.faults.patch({ global: { queueDelayMs: [3_600_000, 3_600_000] } });
    secondLaunched = new Date();
    await h.services.launchActions.launch(producer, reco, {}, 'samdev');
    await h.services.runner.idle();
    for (let i = 0; i < 20; i++) h.sim.clock.advance(30_000); // no poll: POMS still says New
    const rows = await h.testDb.db<SubmissionRow>('submissions').orderBy('submission_id');
    second = rows.at(-1)!.submission_id;
    const app = createApp(h.services, h.services.config);
    server = await new Promise((ok) => {
      const s = app.listen(0, '127.0.0.1', () => ok(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 300_000);
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((ok) => server?.close(ok));
    await h?.close();
  });

  it('while the other launch declares children of the same inputs in its lifetime', async () => {
    const sam = h.services.fife.sam!;
    const since = secondLaunched.toISOString().slice(0, 19).replace('T', ' ');
    const made = await sam.countFiles('samdev', `file_name like 'reco_%' and create_date > '${since}'`);
    expect(made).toBeGreaterThan(0);
    const row = await h.testDb.db<SubmissionRow>('submissions').where({ submission_id: second }).first();
    expect(row!.status).toBe('New');
    expect(row!.project).toBeTruthy();
  });

  it('on its page, its JSON twins, the stage’s submissions list and file report', async () => {
    const page = (await getJson(url, `${P}/submissions/${second}?refresh=1`)).json;
    expect(page.submission.status).toBe('New');
    expect(page.files.row.counts).toMatchObject({ outputsDeclared: 0, outputsLocated: 0 });
    const files = (await getJson(url, `${P}/submissions/${second}/files`)).json;
    expect(files.row.counts).toMatchObject({ outputsDeclared: 0, outputsLocated: 0 });
    const list = (await getJson(url, `${P}/stages/${reco}/submissions`)).json;
    const listed = list.rows.items.find((r: any) => r.submission_id === second);
    expect(listed.output.count ?? 0).toBe(0);
    const producer = await signedIn(url, 'producer');
    const html = (await producer.get(`${P}/stages/${reco}/files`)).body;
    const own = tableRows(html, 'file-report-table').find((r) => r.id === second);
    expect(own && cell(own.html, 'outputsDeclared')).toBe(0);
  });
});
