import { DataDispatcherClient } from '../../src/adapters/data-dispatcher/index.js';
import type { RestOptions } from '../../src/adapters/http/rest-transport.js';
import { MetacatClient } from '../../src/adapters/metacat/index.js';
import { RucioClient } from '../../src/adapters/rucio/index.js';
import type { RunningSimulator } from '../../src/sim/index.js';

/** What every Rucio-era client of a test shares besides its URL (the token, retries…). */
export type ClientOptions = Omit<RestOptions, 'baseUrl'>;

/**
 * The real MetaCat, Data Dispatcher and Rucio clients of simulator `sim`, over HTTP, sending its
 * token unless `options` says otherwise.
 */
export function rucioEraClients(sim: RunningSimulator, options: ClientOptions = {}) {
  const o = { token: sim.samToken, ...options };
  return {
    mc: new MetacatClient({ baseUrl: sim.metacatUrl, ...o }),
    dd: new DataDispatcherClient({ baseUrl: sim.ddUrl, ...o }),
    rucio: new RucioClient({ baseUrl: sim.rucioUrl, ...o }),
  };
}
