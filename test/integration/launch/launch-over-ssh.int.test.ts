import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LensClient } from '../../../src/adapters/lens/lens-client.js';
import { SamwebClient } from '../../../src/adapters/sam/samweb-client.js';
import { Ssh2Shell } from '../../../src/adapters/ssh/ssh2-shell.js';
import { JobsubClient } from '../../../src/adapters/jobsub/jobsub-client.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import { splitSamFor } from '../../../src/services/fife/split-sam-for.js';
import { createServices, type Services } from '../../../src/services/services.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';

// A launch as in production: the login setup names a remote host (here the loopback sshd, whose
// PATH has the simulator's jobsub shims), reached over real SSH with a pinned host key.
const ssh = inject('ssh');
const skip = !ssh && process.env.CI !== 'true';

describe.skipIf(skip)('launching over real SSH into the simulator', () => {
  let sim: RunningSimulator;
  let t: TestDb;
  let services: Services;

  beforeAll(async () => {
    if (!ssh) throw new Error('CI=true needs the throwaway sshd');
    sim = await startSimulator({ clock: 'manual', demo: true, seed: 3 });
    t = await createTestDb({ seed: true });
    await seedDemoCampaigns(t.db);
    // The demo's login setup runs on localhost; point it at the sshd instead.
    await t.db('login_setups').update({ launch_host: `127.0.0.1:${ssh.port}`, launch_account: ssh.user });
    const shell = new Ssh2Shell({
      privateKeyFile: ssh.key,
      knownHostsFile: ssh.knownHosts,
      pathPrefix: [sim.shimBinDir],
      env: { POMS_SIM_URL: sim.url },
    });
    const sam = new SamwebClient({ baseUrl: sim.samBaseUrl, token: sim.samToken });
    const config = loadConfig({}, { server: { log_level: 'silent' } });
    services = createServices({
      db: t.db,
      config,
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
  });

  it('records the jobsub id and the log, and a retried request launches once', async () => {
    const producer = (await services.identity.loadUser('producer', { experiment: 'samdev' }))!;
    const reco = (
      await t
        .db('stages as s')
        .join('campaigns as c', 'c.campaign_id', 's.campaign_id')
        .where({ 'c.name': 'demo', 's.name': 'reco' })
        .first('s.stage_id')
    ).stage_id;
    const body = { idempotencyKey: 'ssh-launch-1' };
    const [a, b] = await Promise.all([
      services.launchActions.launch(producer, reco, body, 'samdev'),
      services.launchActions.launch(producer, reco, body, 'samdev'),
    ]);
    await services.runner.idle();
    const again = await services.launchActions.launch(producer, reco, body, 'samdev');
    const ids = new Set([a, b, again].map((o) => (o as { submissionId: number }).submissionId));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(await t.db('submissions').where({ stage_id: reco }).count({ n: '*' }).first()).toEqual({ n: 1 });
    const sub = await t.db('submissions').where({ submission_id: id }).first();
    expect(sub.jobsub_job_id).toMatch(/^\d+@sim-schedd0\d\.example$/);
    expect(sub.launch_exit_code).toBe(0);
    expect(sub.remote_pid).toBeGreaterThan(1);
    expect(sub.remote_pid_start).toMatch(/ \d{4}$/); // ps -o lstart, to tell a reused pid from the launch's
    const log = (
      await t.db('launch_log_chunks').where({ submission_id: id }).orderBy('chunk_id').pluck('text')
    ).join('');
    expect(log).toMatch(/== process_id: \d+ ==/);
    expect(log).toMatch(/Use job id \d+\.0@sim-schedd0\d\.example to retrieve output/);
    expect(log).toMatch(/== completed: \d+ ==/);
    // The simulator saw the submission's classads: Lens knows it by its POMS id.
    const lens = await services.fife.lens!.submission({ taskId: id });
    expect(lens?.pomsTaskID).toBe(id);
  });
});
