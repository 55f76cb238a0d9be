import { FerryClient, type RegistryClient } from '../../adapters/registry/ferry-client.js';
import { samCredentials } from '../../adapters/sam/sam-credentials.js';
import type { Config } from '../../config/config-schema.js';
import type { SimEndpoints } from '../../sim/index.js';

/** The registry client `[registry]` asks for: FERRY at its url, the simulator's, or none (off). */
export function registryClientFor(
  config: Readonly<Config>,
  sim: SimEndpoints | null,
): RegistryClient | undefined {
  const r = config.registry;
  const timeoutMs = r.timeout_s * 1000;
  if (r.mode === 'sim') return sim ? new FerryClient({ baseUrl: sim.ferryUrl, timeoutMs }) : undefined;
  if (r.mode !== 'real' || !r.url) return undefined;
  // The same TLS client setup as SAM's: a client certificate (or proxy), a CA bundle.
  const tls = samCredentials(() => ({ cert: r.cert, key: r.key, ca: r.ca, verifyTls: r.verify_tls }));
  return new FerryClient({ baseUrl: r.url, timeoutMs, ...tls('registry') });
}
