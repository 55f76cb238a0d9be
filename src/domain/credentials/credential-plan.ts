import { conflict } from '../../lib/errors.js';
import { credentialExpiry } from './credential-expiry.js';
import { proxyName, vaultTokenNames } from './credential-names.js';

/** A file POMS holds: an upload of the user's, or a production credential on the POMS host. */
export interface HeldFile {
  name: string;
  bytes: Uint8Array;
  /** When it was stored (dates an opaque vault token). */
  storedAt: Date;
}

/** An experiment's credential settings, resolved from [credentials] and [credentials.<exp>]. */
export interface CredentialPolicy {
  marginS: number;
  vaultTokenMaxAgeS: number;
  /** Absolute directory on the launch host under which each launch makes its own. */
  remoteDir: string;
  vaultServer: string;
  managedTokensServer?: string;
  /** Production credentials read on the POMS host, checked and copied (when configured). */
  productionToken?: HeldFile;
  productionProxy?: HeldFile;
  /** Production proxy path on the launch host when none is copied. */
  productionProxyOnHost: string;
  analysisProxyRequired: boolean;
}

export interface CredentialRequest {
  experiment: string;
  group: string;
  role: 'production' | 'analysis';
  username: string;
  /** Unique per launch: names the launch's directory and CONDOR_VAULT_STORER_ID. */
  launchId: string;
  /** The user's uploads (analysis launches copy them all to the launch host). */
  uploads: readonly HeldFile[];
  now: Date;
}

/** What a launch script gets: variables (exported by the script builder) and POMS's own lines. */
export interface LaunchCredentials {
  env: Array<[string, string]>;
  /** Make the launch's private directory and write the files: refer to variables only. */
  lines: string[];
  /** Remove the directory after the launch command. */
  cleanup: string[];
  /** Variables whose values are secret (file contents): a preview shows them redacted. */
  secret: string[];
  checked: Array<{ name: string; expiresAt: Date }>;
}

/** A duration in seconds as people read it: `10 h`, `1.5 h`, `20 min`. */
export const durationText = (s: number) =>
  s >= 3600 ? `${Math.round(s / 360) / 10} h` : `${Math.round(s / 60)} min`;

/**
 * The credentials of one launch, or a refusal naming each credential to renew: missing, unreadable,
 * expired or expiring within the margin. Production: the experiment's managed token (htgettoken
 * `--credkey=<exp>pro/managedtokens/<server>`) or a configured token file, and its proxy. Analysis:
 * the user's uploaded vault token (and proxy), copied with the other uploads to the launch host.
 */
export function planCredentials(policy: CredentialPolicy, req: CredentialRequest): LaunchCredentials {
  const problems: string[] = [];
  const checked: LaunchCredentials['checked'] = [];
  const dir = `${policy.remoteDir.replace(/\/+$/, '')}/poms_${req.launchId}`;
  const check = (f: HeldFile, what: string, renew: string) => {
    const e = credentialExpiry(f.bytes);
    const expiresAt =
      e.kind === 'opaque' ? new Date(f.storedAt.getTime() + policy.vaultTokenMaxAgeS * 1000) : e.expiresAt;
    if (!expiresAt) return problems.push(`the ${what} ${f.name} cannot be read (${e.unreadable}): ${renew}`);
    const left = (expiresAt.getTime() - req.now.getTime()) / 1000;
    if (left <= 0) problems.push(`the ${what} ${f.name} expired at ${expiresAt.toISOString()}: ${renew}`);
    else if (left < policy.marginS)
      problems.push(
        `the ${what} ${f.name} expires at ${expiresAt.toISOString()}, within ${durationText(policy.marginS)}: ${renew}`,
      );
    checked.push({ name: f.name, expiresAt });
  };
  const copies: HeldFile[] = [];
  const env: Array<[string, string]> = [
    ['POMS_CREDENTIAL_DIR', dir],
    ['BEARER_TOKEN_FILE', `${dir}/bt_token`],
    ['_condor_SEC_CREDENTIAL_STORER', '/bin/true'],
  ];
  if (req.role === 'production') {
    const upload = 'ask the POMS administrators to renew the production credentials';
    if (policy.productionToken) {
      check(policy.productionToken, 'production token', upload);
      copies.push({ ...policy.productionToken, name: 'bt_token' });
    } else if (!policy.managedTokensServer)
      problems.push(
        `no production token is configured for ${req.experiment}: set managed_tokens_server or production_token_file in [credentials.${req.experiment}]`,
      );
    if (policy.managedTokensServer)
      env.push([
        'HTGETTOKENOPTS',
        `-a ${policy.vaultServer} -i ${req.group} -r production --credkey=${req.experiment}pro/managedtokens/${policy.managedTokensServer}`,
      ]);
    if (policy.productionProxy) {
      check(policy.productionProxy, 'production proxy', upload);
      copies.push({ ...policy.productionProxy, name: 'x509up_production' });
      env.push(['X509_USER_PROXY', `${dir}/x509up_production`]);
    } else env.push(['X509_USER_PROXY', policy.productionProxyOnHost]);
  } else {
    const byName = new Map(req.uploads.map((u) => [u.name, u]));
    const vtNames = vaultTokenNames(req.experiment, req.username);
    const vt = vtNames.map((n) => byName.get(n)).find(Boolean);
    const renewVt = `get a new vault token (htgettoken) and upload it as ${vtNames[0]} on your profile page`;
    if (vt) check(vt, 'vault token', renewVt);
    else problems.push(`your vault token ${vtNames[0]} is missing: ${renewVt}`);
    const proxy = byName.get(proxyName(req.experiment, req.username));
    const renewProxy = `make a new proxy (voms-proxy-init) and upload it as ${proxyName(req.experiment, req.username)} on your profile page`;
    if (proxy) check(proxy, 'proxy', renewProxy);
    else if (policy.analysisProxyRequired)
      problems.push(`your proxy ${proxyName(req.experiment, req.username)} is missing: ${renewProxy}`);
    copies.push(...req.uploads);
    env.push(
      ['UPLOADS', dir],
      [
        'HTGETTOKENOPTS',
        `-a ${policy.vaultServer} -r default -i ${req.group} --vaulttokeninfile=${dir}/${vt?.name ?? vtNames[0]} --credkey=${req.username}`,
      ],
      ['CONDOR_VAULT_STORER_ID', req.launchId],
      ['CONDOR_VAULT_STORER_USER', req.username],
      ...(proxy ? [['X509_USER_PROXY', `${dir}/${proxy.name}`] as [string, string]] : []),
    );
  }
  if (problems.length)
    throw conflict(
      `Cannot launch for ${req.username} in ${req.experiment} (${req.role}): ${problems.join('; ')}`,
      problems.map((message) => ({ field: 'credentials', message })),
    );
  const secret: string[] = [];
  const lines = [
    'mkdir -m 700 "$POMS_CREDENTIAL_DIR" || { echo "cannot make $POMS_CREDENTIAL_DIR"; exit 1; }',
  ];
  copies.forEach((f, i) => {
    const name = `POMS_FILE_${i}_NAME`;
    const data = `POMS_FILE_${i}_DATA`;
    env.push([name, f.name], [data, Buffer.from(f.bytes).toString('base64')]);
    secret.push(data);
    lines.push(
      `printf %s "$${data}" | base64 -d > "$POMS_CREDENTIAL_DIR/$${name}" && chmod 400 "$POMS_CREDENTIAL_DIR/$${name}" || exit 1`,
      `unset ${data}`,
    );
  });
  return { env, lines, cleanup: ['rm -rf "$POMS_CREDENTIAL_DIR"'], secret, checked };
}
