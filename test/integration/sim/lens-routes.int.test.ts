import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecentSubmissions, recentSubmissionsQuery } from '../../../src/adapters/lens/query/index.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { admin, advance, lens, POMS_ENV, runShim } from './sim-harness.js';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ clock: 'manual', demo: true, startTime: new Date('2025-04-01T10:00:00Z') });
  await runShim(sim, 'fife_launch', ['-Oglobal.dataset=demo_raw_small', '-Oglobal.njobs=2'], POMS_ENV(101));
});
afterAll(() => sim.stop());

describe('Lens GraphQL endpoint of the simulator', () => {
  it('answers the recent-submissions document', async () => {
    const r = await lens(sim, recentSubmissionsQuery('fermilab'));
    expect(r.status).toBe(200);
    expect(parseRecentSubmissions(JSON.stringify(r.body)).entries.map((e) => e.pomsTaskID)).toEqual([101]);
  });

  it('400 for syntax errors, unknown fields and a missing query', async () => {
    const syntax = await lens(sim, '{ submission(id: "x" { id } }');
    expect(syntax.status).toBe(400);
    expect(syntax.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/^Syntax Error/),
      locations: [expect.any(Object)],
    });
    const unknown = await lens(sim, '{ submissions(group: "fermilab") { id bogus } }');
    expect(unknown).toMatchObject({
      status: 400,
      body: { errors: [{ message: 'Cannot query field "bogus" on type "Submission".' }] },
    });
    const res = await fetch(sim.lensUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(400);
  });

  it('lags behind the batch system by the lag knob', async () => {
    await advance(sim, 30 * 60_000);
    const q = '{ submission(pomsTaskID: 101) { done completed } }';
    expect((await lens(sim, q)).body.data.submission).toEqual({ done: true, completed: 2 });
    await admin(sim, '/faults', { lens: { lagMs: 28 * 60_000 } }, 'PATCH');
    expect((await lens(sim, q)).body.data.submission).toEqual({ done: false, completed: 0 });
    await admin(sim, '/faults', { lens: { lagMs: 0 } }, 'PATCH');
  });

  it('outages: 5xx, garbage, GraphQL errors; slowness in wall-clock time', async () => {
    const q = '{ submission(pomsTaskID: 101) { id } }';
    await admin(sim, '/outage', { service: 'lens', on: true });
    expect((await lens(sim, q)).status).toBe(502);
    await admin(sim, '/outage', { service: 'lens', on: true, kind: 'garbage' });
    const garbage = await lens(sim, q);
    expect(garbage.status).toBe(200);
    expect(typeof garbage.body).toBe('string');
    await admin(sim, '/outage', { service: 'lens', on: true, kind: 'errors' });
    expect((await lens(sim, q)).body).toEqual({
      data: null,
      errors: [{ message: expect.stringMatching(/unavailable/) }],
    });
    await admin(sim, '/outage', { service: 'lens', on: false });
    await admin(sim, '/faults', { lens: { slowRealMs: 300 } }, 'PATCH');
    const t0 = Date.now();
    expect((await lens(sim, q)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    await admin(sim, '/faults', { lens: { slowRealMs: 0 } }, 'PATCH');
  });
});
