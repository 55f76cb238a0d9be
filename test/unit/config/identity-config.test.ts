import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../helpers/config-problems.js';

const problems = configProblems;

describe('identity settings (issue 20)', () => {
  it('trusts no lab issuer unless one is configured', () => {
    const c = loadConfig({});
    expect(c.lab_tokens.issuer).toBeUndefined();
    expect(c.lab_tokens.audience).toEqual([]);
    expect(c.lab_tokens.production_account).toBe('{experiment}pro');
  });

  it('an issuer needs an audience, and the production account names the experiment', () => {
    expect(problems({ POMS_LAB_TOKENS_ISSUER: 'https://cilogon.org/fermilab' })).toEqual([
      expect.stringMatching(/^\[lab_tokens\] audience: an issuer needs an audience/),
    ]);
    expect(problems({ POMS_LAB_TOKENS_ISSUER: 'not a url', POMS_LAB_TOKENS_AUDIENCE: 'x' })).toEqual([
      expect.stringMatching(/^\[lab_tokens\] issuer:/),
    ]);
    expect(problems({ POMS_LAB_TOKENS_PRODUCTION_ACCOUNT: 'production' })).toEqual([
      expect.stringMatching(/production_account: must contain \{experiment\}/),
    ]);
    const c = loadConfig({
      POMS_LAB_TOKENS_ISSUER: 'https://cilogon.org/fermilab',
      POMS_LAB_TOKENS_AUDIENCE: 'https://poms.fnal.gov, poms',
    });
    expect(c.lab_tokens.audience).toEqual(['https://poms.fnal.gov', 'poms']);
  });

  it('the registry is off unless configured, and real mode needs its url', () => {
    expect(loadConfig({}).registry.mode).toBe('off');
    expect(problems({ POMS_REGISTRY_MODE: 'real' })).toEqual([
      expect.stringMatching(/^\[registry\] url: mode = real needs the registry url/),
    ]);
    expect(problems({ POMS_REGISTRY_MODE: 'ferry' })).toEqual([expect.stringMatching(/^\[registry\] mode:/)]);
  });

  it('oidc mode needs its issuer, client id and secret (no default secret), and where to come back', () => {
    const base = { POMS_AUTH_MODE: 'oidc', POMS_SERVER_SESSION_SECRET: 'x'.repeat(40) };
    expect(problems(base)).toEqual([
      expect.stringMatching(/^\[oidc\] issuer: required/),
      expect.stringMatching(/^\[oidc\] client_id: required/),
      expect.stringMatching(/^\[oidc\] client_secret: required/),
      expect.stringMatching(/^\[server\] base_url: required when \[auth\] mode = oidc/),
    ]);
    expect(
      problems({
        ...base,
        POMS_OIDC_ISSUER: 'https://cilogon.org',
        POMS_OIDC_CLIENT_ID: 'poms',
        POMS_OIDC_CLIENT_SECRET: 's',
        POMS_SERVER_BASE_URL: 'https://poms.example.org',
      }),
    ).toEqual([]);
  });
});
