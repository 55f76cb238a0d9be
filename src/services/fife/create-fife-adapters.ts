import { JobsubClient } from '../../adapters/jobsub/jobsub-client.js';
import { LensClient } from '../../adapters/lens/lens-client.js';
import { SamwebClient } from '../../adapters/sam/samweb-client.js';
import { createRemoteShell } from '../../adapters/ssh/create-remote-shell.js';
import type { Config } from '../../config/config-schema.js';
import type { SimEndpoints } from '../../sim/index.js';
import type { FifeAdapters } from '../fife-adapters.js';
import { remoteShellSettings } from './remote-shell-settings.js';
import { registryClientFor } from './registry-client-for.js';
import { realSamOptions } from './sam-site.js';
import { rucioEraFor } from './metacat-site.js';
import { splitMetacatFor } from './split-metacat-for.js';
import { splitSamFor } from './split-sam-for.js';

/**
 * The real clients, pointed at the configured services — or at the in-process simulator for
 * whatever is in `sim` mode (its SAM and Lens URLs, and its jobsub shims first on the PATH of a
 * launch host that is this machine).
 */
export function createFifeAdapters(config: Readonly<Config>, sim: SimEndpoints | null): FifeAdapters {
  const samSite =
    config.sam.mode === 'sim'
      ? sim && { baseUrl: sim.samBaseUrl, token: sim.samToken }
      : realSamOptions(config.sam);
  const lensUrl = config.lens.mode === 'sim' ? sim?.lensUrl : config.lens.url;
  const simEnv = sim && config.jobsub.mode === 'sim' ? { POMS_SIM_URL: sim.url } : undefined;
  // A local bash on the POMS server itself only for the simulated grid (the demo's launch host):
  // with real jobsub, `localhost` is reached over SSH like any host, so editing a login setup never
  // runs commands as the POMS service account.
  const shell = createRemoteShell({
    ...(config.jobsub.mode === 'sim'
      ? { local: { pathPrefix: simEnv ? [sim!.shimBinDir] : [], env: simEnv } }
      : {}),
    ...remoteShellSettings(config, simEnv),
  });
  const sam = samSite
    ? new SamwebClient({
        ...samSite,
        timeoutMs: config.sam.timeout_s * 1000,
        attributionParam: config.sam.attribution_param || null,
      })
    : undefined;
  const lens = lensUrl
    ? new LensClient({ url: lensUrl, timeoutMs: config.lens.timeout_s * 1000 })
    : undefined;
  const { metacat, dataDispatcher, rucio, jobSite } = rucioEraFor(config, sim);
  return {
    shell,
    sam,
    ...(metacat ? { splitMetacatFor: splitMetacatFor(metacat, () => new Date(), dataDispatcher) } : {}),
    metacat,
    dataDispatcher,
    rucio,
    metacatJobSite: jobSite,
    lens,
    jobsub: new JobsubClient({ shell }),
    registry: registryClientFor(config, sim),
    splitSamFor: sam
      ? splitSamFor(sam)
      : () => {
          throw new Error('no SAM configured: split types need [sam] url or the simulator');
        },
    launchEnv: simEnv ? Object.entries(simEnv) : undefined,
    // SAM's check needs an experiment to ask about: services.ts adds it (samHealth).
    health: {
      ...(lens ? { lens: () => lens.health() } : {}),
      ...(metacat ? { metacat: () => metacat.health() } : {}),
      ...(dataDispatcher ? { data_dispatcher: () => dataDispatcher.health() } : {}),
      ...(rucio ? { rucio: () => rucio.health() } : {}),
    },
  };
}
