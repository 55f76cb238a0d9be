import { describe, expect, it } from 'vitest';
import {
  credentialExpiry,
  planCredentials,
  type CredentialPolicy,
  type HeldFile,
} from '../../../../src/domain/credentials/index.js';
import { AppError } from '../../../../src/lib/errors.js';
import { jwt, PROXY_END, PROXY_PEM, VAULT_TOKEN } from '../../../helpers/credentials.js';

const now = new Date('2026-12-06T08:00:00Z');
const hour = 3600_000;
const file = (name: string, content: string, storedAt = now): HeldFile => ({
  name,
  bytes: Buffer.from(content),
  storedAt,
});
const policy: CredentialPolicy = {
  marginS: 3600,
  vaultTokenMaxAgeS: 5 * 86400,
  remoteDir: '/tmp',
  vaultServer: 'htvaultprod.fnal.gov',
  managedTokensServer: 'fermicloud543.fnal.gov',
  productionProxyOnHost: '/opt/mu2epro/mu2epro.Production.proxy',
  analysisProxyRequired: false,
};
const req = { experiment: 'mu2e', group: 'mu2e', username: 'alice', launchId: 'abc123', uploads: [], now };
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(409);
    return (e as AppError).message;
  }
  throw new Error('not refused');
};
const env = (c: ReturnType<typeof planCredentials>) => Object.fromEntries(c.env);

describe('credentialExpiry', () => {
  it('reads a JWT’s exp, a proxy’s certificate end, and says nothing of an opaque vault token', () => {
    expect(credentialExpiry(jwt(new Date('2026-12-07T00:00:00Z')))).toEqual({
      kind: 'jwt',
      expiresAt: new Date('2026-12-07T00:00:00Z'),
    });
    expect(credentialExpiry(PROXY_PEM)).toEqual({ kind: 'x509', expiresAt: PROXY_END });
    expect(credentialExpiry(VAULT_TOKEN)).toEqual({ kind: 'opaque', expiresAt: null });
    expect(credentialExpiry('a.b.c').kind).toBe('opaque');
  });
});

describe('planCredentials', () => {
  it('production: the managed token through htgettoken and the experiment’s proxy on the launch host', () => {
    const c = planCredentials(policy, { ...req, role: 'production' });
    expect(env(c)).toMatchObject({
      POMS_CREDENTIAL_DIR: '/tmp/poms_abc123',
      BEARER_TOKEN_FILE: '/tmp/poms_abc123/bt_token',
      HTGETTOKENOPTS:
        '-a htvaultprod.fnal.gov -i mu2e -r production --credkey=mu2epro/managedtokens/fermicloud543.fnal.gov',
      X509_USER_PROXY: '/opt/mu2epro/mu2epro.Production.proxy',
      _condor_SEC_CREDENTIAL_STORER: '/bin/true',
    });
    expect(c.cleanup).toEqual(['rm -rf "$POMS_CREDENTIAL_DIR"']);
  });

  it('production without a managed tokens server nor token file is refused, naming the setting', () => {
    expect(
      refusal(() =>
        planCredentials({ ...policy, managedTokensServer: undefined }, { ...req, role: 'production' }),
      ),
    ).toMatch(
      /no production token is configured for mu2e: set managed_tokens_server or production_token_file in \[credentials\.mu2e\]/,
    );
  });

  it('production token and proxy files are checked and copied', () => {
    const expiring = file('mu2epro.token', jwt(new Date(now.getTime() + 10 * 60_000)));
    const message = refusal(() =>
      planCredentials(
        { ...policy, productionToken: expiring, productionProxy: file('p', PROXY_PEM) },
        { ...req, role: 'production' },
      ),
    );
    expect(message).toMatch(
      /the production token mu2epro.token expires at 2026-12-06T08:10:00.000Z, within 1 h/,
    );
    const ok = planCredentials(
      {
        ...policy,
        productionToken: file('t', jwt(new Date(now.getTime() + 5 * hour))),
        productionProxy: file('p', PROXY_PEM),
      },
      { ...req, role: 'production' },
    );
    expect(env(ok).X509_USER_PROXY).toBe('/tmp/poms_abc123/x509up_production');
    expect(ok.checked.map((x) => x.expiresAt)).toEqual([new Date(now.getTime() + 5 * hour), PROXY_END]);
    expect(Buffer.from(env(ok).POMS_FILE_1_DATA, 'base64').toString()).toBe(PROXY_PEM);
    expect(ok.secret).toEqual(['POMS_FILE_0_DATA', 'POMS_FILE_1_DATA']);
  });

  it('analysis: refuses without the vault token, saying what to upload', () => {
    expect(refusal(() => planCredentials(policy, { ...req, role: 'analysis' }))).toMatch(
      /your vault token vt_mu2e_Analysis_alice is missing: get a new vault token \(htgettoken\) and upload it as vt_mu2e_Analysis_alice on your profile page/,
    );
  });

  it('analysis: an uploaded vault token is good for vault_token_max_age_s after its upload', () => {
    const old = file(
      'vt_mu2e_Analysis_alice',
      VAULT_TOKEN,
      new Date(now.getTime() - 5 * 86400_000 + 30 * 60_000),
    );
    expect(refusal(() => planCredentials(policy, { ...req, role: 'analysis', uploads: [old] }))).toMatch(
      /the vault token vt_mu2e_Analysis_alice expires at .*, within 1 h/,
    );
    const older = { ...old, storedAt: new Date(now.getTime() - 6 * 86400_000) };
    expect(refusal(() => planCredentials(policy, { ...req, role: 'analysis', uploads: [older] }))).toMatch(
      /expired at/,
    );
  });

  it('analysis: copies every upload, points htgettoken at the vault token and the proxy variable at the copy', () => {
    const uploads = [
      file('vt_mu2e_analysis_alice', VAULT_TOKEN),
      file('x509up_voms_mu2e_Analysis_alice', PROXY_PEM),
      file('my.fcl', 'services: {}'),
    ];
    const c = planCredentials(
      { ...policy, analysisProxyRequired: true },
      { ...req, role: 'analysis', uploads },
    );
    expect(env(c)).toMatchObject({
      UPLOADS: '/tmp/poms_abc123',
      HTGETTOKENOPTS:
        '-a htvaultprod.fnal.gov -r default -i mu2e --vaulttokeninfile=/tmp/poms_abc123/vt_mu2e_analysis_alice --credkey=alice',
      X509_USER_PROXY: '/tmp/poms_abc123/x509up_voms_mu2e_Analysis_alice',
      CONDOR_VAULT_STORER_ID: 'abc123',
      CONDOR_VAULT_STORER_USER: 'alice',
      POMS_FILE_2_NAME: 'my.fcl',
    });
    // File contents are written by lines that only refer to variables.
    expect(c.lines.join('\n')).not.toContain('services');
    expect(c.lines.every((l) => !l.includes('alice'))).toBe(true);
  });

  it('analysis: a required proxy that is missing is named', () => {
    const uploads = [file('vt_mu2e_Analysis_alice', VAULT_TOKEN)];
    expect(
      refusal(() =>
        planCredentials({ ...policy, analysisProxyRequired: true }, { ...req, role: 'analysis', uploads }),
      ),
    ).toMatch(/your proxy x509up_voms_mu2e_Analysis_alice is missing: make a new proxy \(voms-proxy-init\)/);
  });
});
