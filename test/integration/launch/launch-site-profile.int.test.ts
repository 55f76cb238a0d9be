import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { seedDemoCampaigns } from '../../../src/services/demo/demo-campaigns.js';
import type { Services } from '../../../src/services/services.js';
import { startSimulator, type RunningSimulator } from '../../../src/sim/index.js';
import { PROXY_PEM, VAULT_TOKEN } from '../../helpers/credentials.js';
import { createTestDb, type TestDb } from '../../helpers/test-db.js';
import { startLoginSshd, type LoginSshd } from '../adapters/login-sshd.js';
import { skipSsh } from '../adapters/ssh-fixture.js';
import { demoStageId, siteServices } from './site-services.js';

// A launch host as at Fermilab: the login profile defines UPS's `setup`, the login setup's text
// calls it, the site's preamble puts the (simulated) grid tools on the PATH. Configured through
// [jobsub]/[ssh]/[site] as a deployment is, once for each transport.
describe.skipIf(skipSsh).each(['ssh2', 'openssh'] as const)(
  'launching with the %s transport in a login shell',
  (transport) => {
    let sim: RunningSimulator;
    let t: TestDb;
    let services: Services;
    let sshd: LoginSshd;

    beforeAll(async () => {
      sshd = startLoginSshd();
      mkdirSync(`${sshd.home}/remote`);
      sim = await startSimulator({ clock: 'manual', demo: true, seed: 5 });
      t = await createTestDb({ seed: true });
      await seedDemoCampaigns(t.db);
      // An analysis launch runs under the launching person's own account on an analysis host: the
      // person is the sshd's account, and the demo configuration is theirs, made as analysis.
      const [person] = await t
        .db('experimenters')
        .insert({
          username: sshd.target.account,
          first_name: 'A',
          last_name: 'Nalyst',
          email: 'a@example.org',
        })
        .returning('experimenter_id');
      await t.db('memberships').insert({
        experimenter_id: person.experimenter_id,
        experiment: 'samdev',
        role: 'analysis',
      });
      const mine = { creator: person.experimenter_id, creator_role: 'analysis' };
      for (const table of ['campaigns', 'stages', 'login_setups', 'job_types'])
        await t.db(table).update(mine);
      await t.db('login_setups').update({
        launch_host: `127.0.0.1:${sshd.target.port}`,
        launch_account: sshd.target.account,
        launch_setup:
          'setup fife_utils v3_7_3 -q prof; setup poms_client v4_5\necho "fife_utils is $SETUP_FIFE_UTILS"',
      });
      const config = loadConfig(
        {},
        {
          server: { log_level: 'silent' },
          jobsub: { ssh_key: sshd.key, known_hosts: sshd.knownHosts, analysis_launch_hosts: '127.0.0.1' },
          ssh: { transport, control_dir: `${sshd.home}/control` },
          site: {
            before_setup: [`export PATH=${sim.shimBinDir}:"$PATH"`, 'echo "site preamble ran"'],
            after_setup: [
              'echo "site after-setup ran"',
              // What the wrappers read: the paths POMS exported, and the files behind them.
              'echo "token file: $BEARER_TOKEN_FILE; opts: $HTGETTOKENOPTS"',
              'echo "proxy: $(head -1 "$X509_USER_PROXY") $(stat -c %a "$X509_USER_PROXY")"',
              'echo "uploads: $(ls "$UPLOADS" | tr "\\n" " ")"',
            ],
          },
          credentials: {
            enabled: 'true',
            uploads_dir: `${sshd.home}/uploads`,
            remote_dir: `${sshd.home}/remote`,
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

    it('runs the site preamble, then the login setup’s `setup` lines, then launches with the user’s credentials', async () => {
      const me = sshd.target.account;
      const analyst = (await services.identity.loadUser(me, { experiment: 'samdev' }))!;
      // An analysis launch: the user's uploaded vault token and proxy travel with the script.
      await services.uploads.save(analyst, 'samdev', [
        { filename: `vt_samdev_Analysis_${me}`, bytes: Buffer.from(VAULT_TOKEN) },
        { filename: `x509up_voms_samdev_Analysis_${me}`, bytes: Buffer.from(PROXY_PEM) },
      ]);
      const reco = await demoStageId(t.db);
      const outcome = await services.launchActions.launch(analyst, reco, {}, 'samdev');
      await services.runner.idle();
      const id = (outcome as { submissionId: number }).submissionId;
      const log = (
        await t.db('launch_log_chunks').where({ submission_id: id }).orderBy('chunk_id').pluck('text')
      ).join('');
      const at = (text: string) => log.indexOf(text);
      expect(at('site preamble ran')).toBeGreaterThan(0);
      expect(at('ups: setup fife_utils v3_7_3 -q prof')).toBeGreaterThan(at('site preamble ran'));
      expect(log).toContain('fife_utils is fife_utils v3_7_3 -q prof');
      expect(at('site after-setup ran')).toBeGreaterThan(at('fife_utils is'));
      expect(log).toMatch(/Use job id \d+\.0@sim-schedd0\d\.example to retrieve output/);
      const dir = `${sshd.home}/remote/poms_`;
      expect(log).toContain(`token file: ${dir}`);
      expect(log).toMatch(
        new RegExp(
          `opts: -a htvaultprod.fnal.gov -r default -i fermilab --vaulttokeninfile=\\S+/vt_samdev_Analysis_${me} --credkey=${me}`,
        ),
      );
      expect(log).toContain('proxy: -----BEGIN CERTIFICATE----- 400');
      expect(log).toContain(`uploads: vt_samdev_Analysis_${me} x509up_voms_samdev_Analysis_${me}`);
      // The contents never reach the log, and the launch's directory is gone afterwards.
      expect(log).not.toContain('hvs.');
      expect(readdirSync(`${sshd.home}/remote`)).toEqual([]);
      const sub = await t.db('submissions').where({ submission_id: id }).first();
      expect(sub.launch_exit_code).toBe(0);
      expect(sub.launch_account).toBe(me);
      expect(sub.jobsub_job_id).toMatch(/^\d+@sim-schedd0\d\.example$/);
      // The system ssh left its shared master connection in the control directory.
      const control = `${sshd.home}/control`;
      expect(existsSync(control) && readdirSync(control).length).toBe(transport === 'openssh' ? 1 : false);
    });
  },
);
