import fs from 'node:fs';
import { DataDispatcherClient } from '../../adapters/data-dispatcher/index.js';
import type { RestOptions } from '../../adapters/http/rest-transport.js';
import { MetacatClient } from '../../adapters/metacat/index.js';
import { RucioClient } from '../../adapters/rucio/index.js';
import type { Config } from '../../config/config-schema.js';
import type { SimEndpoints } from '../../sim/index.js';

/** Where `[metacat]` puts MetaCat, Data Dispatcher and Rucio, and how POMS authenticates to them. */
function sites(config: Readonly<Config>, sim: SimEndpoints | null) {
  const m = config.metacat;
  const timeoutMs = m.timeout_s * 1000;
  if (m.mode === 'sim') {
    if (!sim) return null;
    const o = { token: sim.samToken, timeoutMs };
    return {
      metacat: { baseUrl: sim.metacatUrl, ...o },
      dd: { baseUrl: sim.ddUrl, ...o },
      rucio: { baseUrl: sim.rucioUrl, ...o },
    };
  }
  const file = m.token_file;
  // Read at each call: a renewed token is used without a restart.
  const o = { timeoutMs, ...(file ? { token: () => fs.readFileSync(file, 'utf8').trim() } : {}) };
  const at = (url: string | undefined): RestOptions | undefined => (url ? { baseUrl: url, ...o } : undefined);
  return { metacat: at(m.url), dd: at(m.dd_url), rucio: at(m.rucio_url) };
}

/**
 * The clients for experiments whose data service is `metacat` (MetaCat, Data Dispatcher, Rucio):
 * the simulator's in `sim` mode, else `[metacat] url`, `dd_url`, `rucio_url` with the token read
 * from `token_file` at each call. Each is absent when it has no site. `jobSite`: the same URLs,
 * for the jobs of a MetaCat launch.
 */
export function rucioEraFor(config: Readonly<Config>, sim: SimEndpoints | null) {
  const s = sites(config, sim);
  return {
    jobSite: { ddUrl: s?.dd?.baseUrl, metacatUrl: s?.metacat?.baseUrl },
    metacat: s?.metacat ? new MetacatClient(s.metacat) : undefined,
    dataDispatcher: s?.dd ? new DataDispatcherClient(s.dd) : undefined,
    rucio: s?.rucio ? new RucioClient(s.rucio) : undefined,
  };
}
