import type { Knex } from 'knex';
import pino from 'pino';
import { JobsubClient } from '../../../src/adapters/jobsub/jobsub-client.js';
import { LensClient } from '../../../src/adapters/lens/lens-client.js';
import { SamwebClient } from '../../../src/adapters/sam/samweb-client.js';
import { createRemoteShell } from '../../../src/adapters/ssh/index.js';
import type { Config } from '../../../src/config/config-schema.js';
import { remoteShellSettings } from '../../../src/services/fife/remote-shell-settings.js';
import { splitSamFor } from '../../../src/services/fife/split-sam-for.js';
import { createServices, type Services } from '../../../src/services/services.js';
import type { RunningSimulator } from '../../../src/sim/index.js';

/** Services configured as a deployment is ([jobsub]/[ssh]/[site]/[credentials]), against the simulator. */
export function siteServices(db: Knex, sim: RunningSimulator, config: Readonly<Config>): Services {
  const shell = createRemoteShell(remoteShellSettings(config, { POMS_SIM_URL: sim.url }));
  const sam = new SamwebClient({ baseUrl: sim.samBaseUrl });
  return createServices({
    db,
    config,
    log: pino({ level: 'silent' }),
    fife: {
      shell,
      sam,
      lens: new LensClient({ url: sim.lensUrl }),
      jobsub: new JobsubClient({ shell, now: () => new Date(sim.clock.now()) }),
      splitSamFor: splitSamFor(sam),
    },
  });
}

/** The stage id of the demo campaign's stage `name`. */
export async function demoStageId(db: Knex, name = 'reco'): Promise<number> {
  const row = await db('stages as s')
    .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
    .where({ 'c.name': 'demo', 's.name': name })
    .first('s.stage_id');
  return row.stage_id;
}
