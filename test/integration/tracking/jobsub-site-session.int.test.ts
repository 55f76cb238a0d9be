import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import type { Services } from '../../../src/services/services.js';
import { pollByJobsubQ } from '../../../src/services/tracking/jobsub-q-fallback.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { jwt } from '../../helpers/credentials.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';
import { startLoginSshd, type LoginSshd } from '../adapters/login-sshd.js';
import { skipSsh } from '../adapters/ssh-fixture.js';
import { demoStageId, siteServices } from '../launch/site-services.js';

// The jobsub commands POMS runs itself (jobsub_rm/hold/release, jobsub_q while Lens is down,
// jobsub_fetchlog) get what a launch of the same stage gets: the production credentials copied to
// the launch host, the [site] lines around the login setup, in a login shell over real SSH.
describe.skipIf(skipSsh)('POMS’s own jobsub commands at a site', () => {
  let sim: RunningSimulator;
  let t: TestDb;
  let services: Services;
  let sshd: LoginSshd;
  const siteLog = () => readFileSync(`${sshd.home}/site.log`, 'utf8').trim().split('\n');

  beforeAll(async () => {
    sshd = startLoginSshd();
    sim = await startSimulator({ clock: 'manual', demo: true, seed: 7 });
    t = await createTestDb({ seed: true });
    await seedDemoCampaigns(t.db);
    await t.db('login_setups').update({
      launch_host: `127.0.0.1:${sshd.target.port}`,
      launch_account: sshd.target.account,
      launch_setup: 'setup jobsub_client v1_4\necho "login setup: $SETUP_JOBSUB_CLIENT"',
    });
    const tokenFile = `${sshd.home}/samdevpro.token`;
    writeFileSync(tokenFile, jwt(new Date(Date.now() + 30 * 86_400_000), { sub: 'samdevpro' }));
    const config = loadConfig(
      {},
      {
        server: { log_level: 'silent' },
        jobsub: { ssh_key: sshd.key, known_hosts: sshd.knownHosts },
        ssh: { transport: 'openssh', control_dir: `${sshd.home}/control` },
        site: {
          before_setup: [
            `export PATH=${sim.shimBinDir}:"$PATH"`,
            'echo "site before: token $(head -c 3 "$BEARER_TOKEN_FILE") proxy $X509_USER_PROXY" | tee -a ~/site.log',
          ],
          after_setup: ['echo "site after: $SETUP_JOBSUB_CLIENT" | tee -a ~/site.log'],
        },
        credentials: {
          enabled: 'true',
          production_token_file: tokenFile,
          uploads_dir: `${sshd.home}/uploads`,
          remote_dir: `${sshd.home}`,
        },
      },
    );
    services = siteServices(t.db, sim, config);
  });
  afterAll(async () => {
    await services?.stop();
    await sim?.stop();
    await t?.destroy();
    sshd?.stop();
  });

  it('hold, release, jobsub_q and fetchlog run with the credentials and the site lines of a launch', async () => {
    const producer = (await services.identity.loadUser('producer', { experiment: 'samdev' }))!;
    const reco = await demoStageId(t.db);
    const outcome = await services.launchActions.launch(producer, reco, {}, 'samdev');
    await services.runner.idle();
    const sid = (outcome as { submissionId: number }).submissionId;
    const sub = await t.db('submissions').where({ submission_id: sid }).first();
    expect(sub.jobsub_job_id).toMatch(/@sim-schedd/);
    await sim.clock.advance(60_000);
    const launched = siteLog().length;
    const site = [
      `site before: token eyJ proxy /opt/samdevpro/samdevpro.Production.proxy`,
      'site after: jobsub_client v1_4',
    ];

    const hold = await services.jobs.control(producer, 'samdev', { kind: 'submission', id: sid }, 'hold');
    expect(hold.matched).toBeGreaterThan(0);
    expect(hold.output).toContain(
      `${site[0]}\nups: setup jobsub_client v1_4\nlogin setup: jobsub_client v1_4\n${site[1]}\n`,
    );
    await services.jobs.control(producer, 'samdev', { kind: 'submission', id: sid }, 'release');

    const polled = await pollByJobsubQ(services.tracking!, 'samdev', new Date());
    expect(polled).toMatchObject({ seen: 1, unanswered: 0 });

    await sim.clock.advance(6 * 3_600_000);
    const bundle = await services.jobLogs.bundle(producer, 'samdev', sid);
    expect(bundle.files.some((f) => f.name.endsWith('.log'))).toBe(true);

    // launch, hold, release, jobsub_q, fetchlog: each ran both site lines with the token present.
    expect(siteLog().slice(launched)).toEqual([...site, ...site, ...site, ...site]);
    // Every command's private credential directory is gone afterwards.
    expect(readdirSync(sshd.home).filter((f) => f.startsWith('poms_'))).toEqual([]);
  });
});
