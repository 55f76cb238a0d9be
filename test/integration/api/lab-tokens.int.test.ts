import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLabIssuer, type LabIssuer } from '../../helpers/lab-issuer.js';
import { startTestApp } from '../../helpers/test-app.js';
import { startApiHarness, type ApiHarness } from './api-harness.js';
import { pomsCall } from './poms-client-call.js';

// Bearer JWTs from the lab's issuer (issue 20): checked against the issuer's published keys, its
// audience and expiry; the user from the token's storage scope as the original did.
describe('lab bearer tokens on the API and the poms_client routes', () => {
  let issuer: LabIssuer;
  let h: ApiHarness;
  const AUD = 'https://poms.example.org';
  const me = (token: string, path = '/api/v1/me') =>
    fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as any,
    }));
  const userToken = (user: string, extra: Record<string, unknown> = {}, expiresIn?: number) =>
    issuer.mint(
      { aud: AUD, sub: `${user}@example.org`, scope: `storage.create:/samdev/users/${user}`, ...extra },
      { expiresIn },
    );

  beforeAll(async () => {
    issuer = await startLabIssuer();
    h = await startApiHarness({
      sim: true,
      overrides: { lab_tokens: { issuer: issuer.url, audience: `${AUD}, other`, jwks_cooldown_s: '0' } },
    });
    const [x] = await h.testDb
      .db('experimenters')
      .insert({ username: 'samdevpro', last_name: 'samdev production' })
      .returning('experimenter_id');
    await h.testDb.db('memberships').insert({ ...x, experiment: 'samdev', role: 'production' });
  });
  afterAll(async () => {
    await h?.services.runner.idle();
    await h?.close();
    await issuer?.close();
  });

  it('a valid token acts as the user its storage scope names, in that experiment', async () => {
    const r = await me(await userToken('producer'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      username: 'producer',
      experiment: 'samdev',
      role: 'production',
      auth_via: 'lab-token',
      token: null,
      lab_token: { issuer: issuer.url, user_from: 'user scope', experiment: 'samdev' },
    });
  });

  it("an experiment's storage scope acts as its production account", async () => {
    const r = await me(await issuer.mint({ aud: AUD, scope: 'compute.create storage.create:/samdev/' }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ username: 'samdevpro', role: 'production' });
  });

  it('expired, wrong-audience, unknown-issuer and badly signed tokens are refused with the reason', async () => {
    const cases: Array<[string, Promise<string>, RegExp]> = [
      ['expired', userToken('producer', {}, Math.floor(Date.now() / 1000) - 3600), /expired at/],
      [
        'audience',
        userToken('producer', { aud: 'https://elsewhere.example' }),
        /meant for .*elsewhere.*not for this POMS/,
      ],
      [
        'issuer',
        userToken('producer', { iss: 'https://issuer.example' }),
        /issuer "https:\/\/issuer\.example" is not trusted/,
      ],
      [
        'signature',
        issuer.mint({ aud: AUD, scope: 'storage.create:/samdev/users/producer' }, { key: 'stranger' }),
        /signature does not verify/,
      ],
    ];
    for (const [name, token, message] of cases) {
      const r = await me(await token);
      expect([name, r.status]).toEqual([name, 401]);
      expect(r.body.error.message).toMatch(message);
    }
    const r = await me('a.b.c');
    expect(r.status).toBe(401);
    expect(r.body.error.message).toMatch(/not a JWT/);
  });

  it('a token naming no user or an unknown user is refused, and one of another experiment gets 403', async () => {
    const nobody = await me(await issuer.mint({ aud: AUD, scope: 'storage.read:/samdev' }));
    expect([nobody.status, nobody.body.error.message]).toEqual([
      401,
      expect.stringMatching(/no storage\.create/),
    ]);
    const stranger = await me(await userToken('mallory'));
    expect([stranger.status, stranger.body.error.message]).toEqual([
      401,
      expect.stringMatching(/speaks for mallory \(from its user scope\), who is not a POMS user/),
    ]);
    const elsewhere = await me(await userToken('producer'), '/api/v1/experiments/dune/campaigns');
    expect([elsewhere.status, elsewhere.body.error.message]).toEqual([
      403,
      'this lab token is limited to experiment samdev',
    ]);
  });

  it('a rotated key is fetched again when a token names a kid the cached set lacks', async () => {
    expect((await me(await userToken('producer'))).status).toBe(200);
    const before = issuer.jwksFetches();
    await issuer.rotate();
    const r = await me(await userToken('analyst'));
    expect([r.status, r.body.username]).toEqual([200, 'analyst']);
    expect(issuer.jwksFetches()).toBe(before + 1);
  });

  it("the wrappers' callbacks accept a lab token (GET, as the job wrapper calls back)", async () => {
    const stage = await h.testDb
      .db('stages as s')
      .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
      .where({ 'c.name': 'demo', 's.name': 'reco' })
      .first('s.stage_id');
    const token = await userToken('producer');
    const call = (method: string, q: Record<string, string | number>) =>
      fetch(`${h.url}/poms/${method}?${new URLSearchParams(q as Record<string, string>)}`, {
        headers: { authorization: `Bearer ${token}` },
      }).then(async (r) => [r.status, await r.text()] as const);
    const [s1, task] = await call('get_submission_id_for', {
      campaign_stage_id: stage.stage_id,
      command_executed: 'fife_launch -c reco.cfg',
      experiment: 'samdev',
      role: 'production',
    });
    expect([s1, task]).toEqual([200, expect.stringMatching(/^Task=\d+$/)]);
    const sid = task.slice(5);
    expect(
      await call('update_submission', {
        submission_id: Number(sid),
        jobsub_job_id: '77.0@sim-schedd01.example',
      }),
    ).toEqual([200, 'Ok.']);
    const row = await h.testDb
      .db('submissions')
      .where({ submission_id: Number(sid) })
      .first();
    expect(row.jobsub_job_id).toBe('77@sim-schedd01.example');
    const posted = await pomsCall(
      h.url,
      'update_submission',
      { submission_id: Number(sid), status: 'Idle' },
      { token },
    );
    expect(posted.status).toBe(200);
  });

  it('lab tokens cannot mint POMS API tokens', async () => {
    const r = await fetch(`${h.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await userToken('producer')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', experiment: 'samdev', max_role: 'analysis' }),
    });
    expect(r.status).toBe(403);
  });
});

describe('without [lab_tokens] issuer', () => {
  it('a JWT is refused, naming the setting', async () => {
    const issuer = await startLabIssuer();
    const app = await startTestApp();
    try {
      const token = await issuer.mint({ aud: 'x', scope: 'storage.create:/samdev/users/producer' });
      const r = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(r.status).toBe(401);
      expect(((await r.json()) as any).error.message).toMatch(/\[lab_tokens\] issuer is not set/);
    } finally {
      await app.close();
      await issuer.close();
    }
  });
});
