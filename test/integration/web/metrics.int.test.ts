import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimApp, stageId, type SimApp } from '../overview/overview-fixture.js';

/** The value of one sample line `name{labels} value`, labels matched as written; undefined if absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const got = Object.fromEntries([...line.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(line.split(' ').pop());
  }
  return undefined;
}

// GET /metrics scraped as Prometheus does, after the app has answered pages, run loops, launched,
// and called SAM and Lens through the real clients against the simulator (one call failing).
describe('GET /metrics', () => {
  let h: SimApp;
  beforeAll(async () => {
    h = await startSimApp();
  }, 120_000);
  afterAll(async () => h?.close());

  it('has requests by route and status, loops, launches, external calls, submissions and the pool', async () => {
    const page = await fetch(`${h.url}/sign-in`);
    expect(page.status).toBe(200);
    const id = page.headers.get('x-request-id');
    expect(id).toMatch(/^[\w-]{8,}$/);
    expect((await fetch(`${h.url}/no/such/page`)).status).toBe(404);

    h.services.loops.register({ name: 'metrics-ok', intervalMs: 60_000, run: async () => 'fine' });
    h.services.loops.register({
      name: 'metrics-bad',
      intervalMs: 60_000,
      run: async () => {
        throw new Error('boom');
      },
    });
    await h.services.loops.runNow('metrics-ok');
    await h.services.loops.runNow('metrics-bad');

    const producer = await h.testDb
      .db('experimenters')
      .where({ username: 'producer' })
      .first('experimenter_id');
    const out = await h.services.launches.launch({
      stageId: await stageId(h, 'demo', 'reco'),
      launcherId: producer.experimenter_id,
      launcherName: 'producer',
      kind: 'manual',
    });
    expect(out.kind).toBe('launched');
    await h.services.runner.idle();

    await fetch(`${h.url}/health`); // SAM and Lens answer
    h.sim.world.faults.patch({ lens: { outage: 'errors' } });
    try {
      await fetch(`${h.url}/health`); // Lens answers GraphQL errors
    } finally {
      h.sim.world.faults.patch({ lens: { outage: 'off' } });
    }

    const res = await fetch(`${h.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();

    const http = { method: 'GET', route: '/sign-in', status: '200' };
    expect(sample(text, 'poms_http_requests_total', http)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'poms_http_request_duration_seconds_count', http)).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'poms_http_request_duration_seconds_bucket', { ...http, le: '+Inf' }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'poms_http_requests_total', { route: 'unmatched', status: '404' })).toBe(1);
    expect(text).not.toContain('/no/such/page');

    expect(sample(text, 'poms_loop_runs_total', { loop: 'metrics-ok', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'poms_loop_runs_total', { loop: 'metrics-bad', outcome: 'failed' })).toBe(1);
    expect(sample(text, 'poms_loop_failures_total', { loop: 'metrics-bad' })).toBe(1);
    expect(sample(text, 'poms_loop_run_duration_seconds_count', { loop: 'metrics-ok' })).toBe(1);
    expect(sample(text, 'poms_loop_lag_seconds', { loop: 'metrics-ok' })).toBe(0);

    expect(sample(text, 'poms_launches_total', { outcome: 'submitted' })).toBe(1);
    expect(sample(text, 'poms_launches_total', { outcome: 'failed' })).toBe(0);
    expect(sample(text, 'poms_submissions', { status: 'New' })).toBeGreaterThanOrEqual(1);

    const lensOk = { service: 'lens', operation: 'health', outcome: 'ok' };
    expect(sample(text, 'poms_external_call_duration_seconds_count', lensOk)).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'poms_external_call_errors_total', { service: 'lens' })).toBe(1);
    expect(
      sample(text, 'poms_external_call_duration_seconds_count', { service: 'sam', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'poms_external_call_duration_seconds_count', { service: 'ssh', outcome: 'ok' }),
    ).toBeGreaterThanOrEqual(1);

    for (const state of ['used', 'free', 'pending'])
      expect(sample(text, 'poms_db_pool_connections', { state }), state).toBeGreaterThanOrEqual(0);
    expect(text).toMatch(/^poms_process_cpu_seconds_total \d/m);
  });

  it('puts the request id on error pages and in the response header', async () => {
    const res = await fetch(`${h.url}/no/such/page`, {
      headers: { accept: 'text/html', 'x-request-id': 'trace-42' },
    });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('trace-42');
    expect(await res.text()).toContain('Request id <code>trace-42</code>');
    const odd = await fetch(`${h.url}/no/such/page`, { headers: { 'x-request-id': 'not ok <script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
