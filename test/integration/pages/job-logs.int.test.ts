import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserLikeClient } from '../../helpers/browser-like-client.js';
import { startApiHarness, type ApiHarness } from '../api/api-harness.js';
import { pomsCall } from '../api/poms-client-call.js';

// From the submission page a shifter opens the job logs (jobsub_fetchlog on the launch host, here
// the simulator's), one file as text and the whole bundle as a .tar.gz; the page also links the
// submission to Landscape and Grafana and its project to the SAM station monitor ([links]).
describe('job logs and site links on the submission page', () => {
  let h: ApiHarness;
  let sid: number;
  const browser = () => new BrowserLikeClient(h.url);

  beforeAll(async () => {
    h = await startApiHarness({
      sim: true,
      overrides: {
        links: {
          landscape_submission: 'https://landscape.example/lens/view/job/{lens_job_id}/details',
          grafana_submission: 'https://grafana.example/d/poms?var-exp={experiment}&var-sub={submission_id}',
          sam_station_monitor:
            'https://sam.example/station_monitor/{experiment}/stations/{experiment}/projects/{project}',
        },
      },
    });
    const stage = await h.testDb
      .db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    const r = await pomsCall(
      h.url,
      'launch_jobs',
      { experiment: 'samdev', role: 'production', campaign_stage_id: stage.stage_id },
      { token: await h.token('producer') },
    );
    sid = Number(r.location!.slice(r.location!.lastIndexOf('_') + 1));
    await h.services.runner.idle();
    h.sim!.clock.advance(120_000);
  });
  afterAll(async () => h?.close());

  it('a job log opens from the submission page, and the bundle downloads', async () => {
    const b = browser();
    await b.signIn('shifter');
    const page = await b.get(`/experiments/samdev/submissions/${sid}`);
    expect(page.status).toBe(200);
    const href = /id="job-logs-link" href="([^"]+)"/.exec(page.body)?.[1];
    expect(href).toBe(`/experiments/samdev/submissions/${sid}/job-logs`);

    const list = await b.get(href!);
    expect(list.status).toBe(200);
    const files = [...list.body.matchAll(/href="([^"]*\/job-logs\/file\?name=[^"]+)">([^<]+)</g)];
    expect(files.map((m) => m[2])).toEqual(expect.arrayContaining([expect.stringMatching(/\.log$/)]));
    const log = files.find((m) => m[2].endsWith('.log'))!;
    const text = await b.get(log[1].replaceAll('&amp;', '&'));
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.body).toMatch(/^000 \(\d+\.\d+\.\d+\)/m); // a condor user log: the submit event

    const tar = await fetch(`${h.url}${href}.tar.gz`, { headers: { cookie: (b as any).cookie } });
    expect(tar.status).toBe(200);
    expect(tar.headers.get('content-disposition')).toMatch(/submission_\d+_logs\.tar\.gz/);
    const raw = gunzipSync(Buffer.from(await tar.arrayBuffer())).toString('latin1');
    expect(raw).toContain(log[2]);

    // The JSON twin lists the same files (from the cache).
    const json = await b.get(`/api/v1/experiments/samdev/submissions/${sid}/job-logs`);
    expect(JSON.parse(json.body).files.map((f: { name: string }) => f.name)).toEqual(files.map((m) => m[2]));
    // An unknown file is a 404 naming it.
    expect((await b.get(`${href}/file?name=nope.txt`)).status).toBe(404);
  });

  it('links the submission to Landscape and Grafana, and its project to the SAM station monitor', async () => {
    const b = browser();
    await b.signIn('shifter');
    const row = await h.testDb.db('submissions').where({ submission_id: sid }).first();
    const page = (await b.get(`/experiments/samdev/submissions/${sid}`)).body;
    const lensId = encodeURIComponent(row.jobsub_job_id.replace('@', '.0@'));
    expect(page).toContain(`href="https://landscape.example/lens/view/job/${lensId}/details"`);
    expect(page).toContain(`href="https://grafana.example/d/poms?var-exp=samdev&amp;var-sub=${sid}"`);
    expect(row.project).toBeTruthy();
    expect(page).toContain(
      `id="station-monitor-link" href="https://sam.example/station_monitor/samdev/stations/samdev/projects/${encodeURIComponent(row.project)}"`,
    );
  });
});
