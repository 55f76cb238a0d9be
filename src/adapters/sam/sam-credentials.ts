import fs from 'node:fs';
import { Agent, fetch as undiciFetch } from 'undici';
import { AdapterError } from '../adapter-error.js';
import type { SamAuth } from './samweb-transport.js';

// What SAM needs to accept POMS's writes (external-apis.md 2.1): the service account's X.509
// client certificate (an undici Agent with cert/key/ca on the TLS connection) and/or a bearer
// token, chosen per experiment. Files are read when they change, so a renewed proxy or token is
// used without a restart.

export interface SamCredentialFiles {
  /** PEM client certificate; an X.509 proxy holds the key too (then `key` may be left out). */
  cert?: string;
  key?: string;
  /** PEM CA bundle that signs the SAM server's certificate. */
  ca?: string;
  /** Verify the server's certificate (samweb_client did not; we do unless told not to). */
  verifyTls?: boolean;
  /** A file holding the bearer token (a managed token, renewed by another process). */
  tokenFile?: string;
  /** A literal bearer token (the simulator's). */
  token?: string;
}

const mtime = (file: string) => {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
};

function readOrFail(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new AdapterError(
      'rejected',
      'sam',
      `cannot read the SAM ${what} ${file}: ${(e as Error).message}`,
      {
        operation: 'credentials',
      },
    );
  }
}

/** SamwebOptions.auth over per-experiment credential files. */
export function samCredentials(
  forExperiment: (experiment: string) => SamCredentialFiles | undefined,
): (experiment: string) => SamAuth {
  /** One agent per set of files, replaced when a file changes (a renewed proxy). */
  const agents = new Map<string, { stamp: string; agent: Agent }>();

  function agentFor(c: SamCredentialFiles): Agent | undefined {
    if (!c.cert && !c.ca && c.verifyTls !== false) return undefined;
    const files = [c.cert, c.key, c.ca].map((f) => f ?? '');
    const key = JSON.stringify([...files, c.verifyTls !== false]);
    const stamp = files.map((f) => (f ? mtime(f) : 0)).join(',');
    const known = agents.get(key);
    if (known?.stamp === stamp) return known.agent;
    const cert = c.cert ? readOrFail(c.cert, 'client certificate') : undefined;
    const agent = new Agent({
      connect: {
        ...(cert ? { cert, key: c.key ? readOrFail(c.key, 'client key') : cert } : {}),
        ...(c.ca ? { ca: readOrFail(c.ca, 'CA bundle') } : {}),
        rejectUnauthorized: c.verifyTls !== false,
      },
    });
    agents.set(key, { stamp, agent });
    // The agent of the files before the renewal closes once its requests are done.
    if (known) void known.agent.close();
    return agent;
  }

  return (experiment) => {
    const c = forExperiment(experiment);
    if (!c) return {};
    const token = c.token ?? (c.tokenFile ? readOrFail(c.tokenFile, 'token file').trim() : undefined);
    if (c.tokenFile && !token)
      throw new AdapterError('rejected', 'sam', `the SAM token file ${c.tokenFile} is empty`, {
        operation: 'credentials',
      });
    const dispatcher = agentFor(c);
    return {
      ...(token ? { token } : {}),
      ...(dispatcher ? { dispatcher, fetch: undiciFetch as unknown as typeof fetch } : {}),
    };
  };
}
