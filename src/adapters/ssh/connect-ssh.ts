import { readFile } from 'node:fs/promises';
import ssh2, { type ConnectConfig, type ServerHostKeyAlgorithm } from 'ssh2';
import { AdapterError } from '../adapter-error.js';
import { hostKeysFor, knownHostName, parseKnownHosts } from './known-hosts.js';
import { describeTarget, type ShellTarget } from './remote-shell.js';

export type SshClient = InstanceType<typeof ssh2.Client>;

export interface SshCredentials {
  /** Private key file (OpenSSH or PEM format) used for public-key authentication. */
  privateKeyFile: string;
  passphrase?: string;
  /** known_hosts file holding the pinned host keys; a host without an entry is refused. */
  knownHostsFile: string;
  /** Limit on TCP connect + handshake + authentication, in ms. Default 20 000. */
  connectTimeoutMs?: number;
}

/** Host key algorithms to offer for a known_hosts key type (an RSA key signs with SHA-2 too). */
const ALGORITHMS: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
};

async function readConfigFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw new AdapterError('unavailable', 'ssh', `cannot read the ${what} ${path}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/**
 * An authenticated connection to `target`. The server's host key must be one recorded for the host
 * in the known_hosts file (exact blob match); an unknown host is refused before connecting, a key
 * that differs (or is @revoked) during the handshake. Rejects with AdapterError: `rejected` for host
 * key or authentication refusal, `timeout` past connectTimeoutMs, `unavailable` otherwise.
 */
export async function connectSsh(
  target: ShellTarget,
  creds: SshCredentials,
  signal?: AbortSignal,
): Promise<SshClient> {
  const [privateKey, knownHosts] = await Promise.all([
    readConfigFile(creds.privateKeyFile, 'SSH private key'),
    readConfigFile(creds.knownHostsFile, 'known_hosts file'),
  ]);
  const port = target.port ?? 22;
  const who = describeTarget(target);
  const keys = hostKeysFor(parseKnownHosts(knownHosts.toString('utf8')), target.host, port);
  if (!keys.accepted.length) {
    throw new AdapterError(
      'rejected',
      'ssh',
      `host ${knownHostName(target.host, port)} is not in ${creds.knownHostsFile}: refusing an unknown host key`,
      { operation: 'connect' },
    );
  }
  const algorithms = [...new Set(keys.accepted.flatMap((k) => ALGORITHMS[k.keyType] ?? []))];
  signal?.throwIfAborted();
  let verdict: 'ok' | 'mismatch' | 'revoked' | undefined;
  const config: ConnectConfig = {
    host: target.host,
    port,
    username: target.account,
    privateKey,
    passphrase: creds.passphrase,
    readyTimeout: creds.connectTimeoutMs ?? 20_000,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 4,
    ...(algorithms.length ? { algorithms: { serverHostKey: algorithms } } : {}),
    hostVerifier: (key: Buffer) => {
      if (keys.revoked.some((r) => r.equals(key))) verdict = 'revoked';
      else verdict = keys.accepted.some((k) => k.key.equals(key)) ? 'ok' : 'mismatch';
      return verdict === 'ok';
    },
  };
  const client = new ssh2.Client();
  return new Promise<SshClient>((resolve, reject) => {
    const onAbort = () => {
      client.end();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    client.once('ready', () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(client);
    });
    client.once('error', (e: Error & { level?: string }) => {
      signal?.removeEventListener('abort', onAbort);
      client.end();
      reject(connectError(e, verdict, who, creds.knownHostsFile));
    });
    client.connect(config);
  });
}

function connectError(e: Error & { level?: string }, verdict: string | undefined, who: string, file: string) {
  const detail = { cause: e, operation: 'connect' };
  if (verdict === 'mismatch' || verdict === 'revoked') {
    const why = verdict === 'revoked' ? 'is marked @revoked in' : 'does not match the key pinned in';
    return new AdapterError(
      'rejected',
      'ssh',
      `host key of ${who} ${why} ${file}: refusing to connect`,
      detail,
    );
  }
  if (e.level === 'client-authentication')
    return new AdapterError('rejected', 'ssh', `${who} refused our key: ${e.message}`, detail);
  if (e.level === 'client-timeout')
    return new AdapterError('timeout', 'ssh', `no SSH session with ${who} in time: ${e.message}`, detail);
  return new AdapterError('unavailable', 'ssh', `cannot connect to ${who}: ${e.message}`, detail);
}
