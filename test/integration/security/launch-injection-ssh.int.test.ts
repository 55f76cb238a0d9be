import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobsubClient } from '../../../src/adapters/jobsub/jobsub-client.js';
import { LensClient } from '../../../src/adapters/lens/lens-client.js';
import { SamwebClient } from '../../../src/adapters/sam/samweb-client.js';
import { Ssh2Shell } from '../../../src/adapters/ssh/ssh2-shell.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { splitSamFor } from '../../../src/services/fife/split-sam-for.js';
import { loadLaunchConfig } from '../../../src/services/launch/load-launch-config.js';
import { createServices, type Services } from '../../../src/services/services.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';
import { skipSsh, sshInfo, sshOptions } from '../adapters/ssh-fixture.js';

// Finding 1 on the real launch path: the script goes over SSH to the loopback sshd (the launch
// host) and runs there; the marker files are looked for on that host.

describe.skipIf(skipSsh)('setup values over real SSH', () => {
  let sim: RunningSimulator;
  let t: TestDb;
  let services: Services;
  let dir: string;
  let stageId: number;
  const marker = (n: number) => path.join(dir, `pwned-${n}`);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poms-inject-ssh-'));
    sim = await startSimulator({ clock: 'manual', demo: true, seed: 3, stateDir: null });
    t = await createTestDb({ seed: true });
    await seedDemoCampaigns(t.db);
    stageId = (
      await t
        .db('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': 'demo', 's.name': 'reco' })
        .first('s.stage_id')
    ).stage_id;
    const ls = (await loadLaunchConfig(t.db, stageId)).loginSetup;
    await t
      .db('login_setups')
      .where({ login_setup_id: ls.id })
      .update({
        launch_host: `127.0.0.1:${sshInfo!.port}`,
        launch_account: sshInfo!.user,
        launch_setup: [
          ls.setup,
          'echo "dq=%(version)s"',
          "echo 'sq=%(version)s'",
          'cat <<EOF\nhd=%(version)s\nEOF',
          'echo "cs=$(echo %(version)s)"',
        ].join('\n'),
      });
    await t
      .db('stages')
      .where({ stage_id: stageId })
      .update({ software_version: `v1";touch ${marker(1)};'$(touch ${marker(2)})'\`touch ${marker(3)}\`` });
    const shell = new Ssh2Shell(sshOptions({ pathPrefix: [sim.shimBinDir], env: { POMS_SIM_URL: sim.url } }));
    const sam = new SamwebClient({ baseUrl: sim.samBaseUrl });
    services = createServices({
      db: t.db,
      config: loadConfig({}, { server: { log_level: 'silent' } }),
      log: pino({ level: 'silent' }),
      fife: {
        shell,
        sam,
        lens: new LensClient({ url: sim.lensUrl }),
        jobsub: new JobsubClient({ shell }),
        splitSamFor: splitSamFor(sam),
      },
    });
  });
  afterAll(async () => {
    await services?.stop();
    await sim?.stop();
    await t?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a hostile software_version in every quoting context runs nothing on the launch host', async () => {
    const shifter = (await services.identity.loadUser('shifter', { experiment: 'samdev' }))!;
    const o = await services.launchActions.launch(
      shifter,
      stageId,
      { datasetOverride: 'demo_raw' },
      'samdev',
    );
    expect(o.kind).toBe('launched');
    await services.runner.idle();
    const id = (o as { submissionId: number }).submissionId;
    const log = (
      await t.db('launch_log_chunks').where({ submission_id: id }).orderBy('chunk_id').pluck('text')
    ).join('');
    const version = `v1";touch ${marker(1)};'$(touch ${marker(2)})'\`touch ${marker(3)}\``;
    for (const ctx of ['dq', 'sq', 'hd', 'cs']) expect(log).toContain(`${ctx}=${version}\n`);
    expect(log).toMatch(/Use job id \d+\.0@sim-schedd0\d\.example/);
    expect([1, 2, 3].filter((n) => fs.existsSync(marker(n)))).toEqual([]);
  });
});
