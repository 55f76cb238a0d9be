import { describe, expect, it } from 'vitest';
import { AdapterError } from '../../../../src/adapters/adapter-error.js';
import { createRemoteShell } from '../../../../src/adapters/ssh/index.js';
import { ConfigError, loadConfig } from '../../../../src/config/load-config.js';
import { remoteShellSettings } from '../../../../src/services/fife/remote-shell-settings.js';

const problems = (overrides: Record<string, Record<string, unknown>>) => {
  try {
    loadConfig({}, overrides);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('[ssh] and [site] configuration', () => {
  it('defaults to the built-in transport in a login shell, with no site lines', () => {
    const c = loadConfig({});
    expect(c.ssh).toMatchObject({ transport: 'ssh2', login_shell: true, gssapi: false, openssh_hosts: [] });
    expect(c.site).toEqual({ before_setup: [], after_setup: [] });
  });

  it('reads site lines from an ini array or a multi-line environment value', () => {
    const c = loadConfig(
      { POMS_SITE_AFTER_SETUP: 'spack load poms-jobsub-wrapper\n\nexport X=1' },
      { site: { before_setup: ['source /cvmfs/fermilab.opensciencegrid.org/packages/common/setup-env.sh'] } },
    );
    expect(c.site.before_setup).toHaveLength(1);
    expect(c.site.after_setup).toEqual(['spack load poms-jobsub-wrapper', 'export X=1']);
  });

  it('names the setting when Kerberos is half configured', () => {
    expect(problems({ ssh: { gssapi: 'true', keytab: '/k' } })).toEqual([
      expect.stringMatching(/^\[ssh\] keytab: keytab and principal go together/),
    ]);
    expect(problems({ ssh: { keytab: '/k', principal: 'p@R' } })).toEqual([
      expect.stringMatching(/^\[ssh\] gssapi: a keytab needs gssapi = true/),
    ]);
    expect(problems({ ssh: { transport: 'telnet' } })[0]).toMatch(/^\[ssh\] transport/);
  });

  it('builds the system ssh transport with Kerberos from the config', () => {
    const c = loadConfig(
      {},
      {
        jobsub: { known_hosts: '/etc/poms/known_hosts' },
        ssh: {
          transport: 'openssh',
          gssapi: 'yes',
          keytab: '/etc/poms/poms.keytab',
          principal: 'poms@FNAL.GOV',
        },
      },
    );
    const s = remoteShellSettings(c);
    expect(s.ssh).toBeUndefined();
    expect(s.openssh).toMatchObject({
      knownHostsFile: '/etc/poms/known_hosts',
      gssapi: true,
      loginShell: true,
      kerberos: { keytab: '/etc/poms/poms.keytab', principal: 'poms@FNAL.GOV', ccache: './var/krb5cc_poms' },
    });
    expect(s.openssh?.identityFile).toBeUndefined();
  });
});

describe('choosing the transport per host', () => {
  const refused = async (p: Promise<unknown>) => {
    const e = (await p.catch((x: unknown) => x)) as AdapterError;
    expect(e).toBeInstanceOf(AdapterError);
    return e.message;
  };
  it('sends hosts matching openssh_hosts to the system ssh, and says which transport is missing', async () => {
    const shell = createRemoteShell({ transport: 'ssh2', opensshHosts: ['*.fnal.gov'] });
    expect(await refused(shell.run({ host: 'launch.fnal.gov', account: 'p' }, 'true'))).toMatch(
      /system ssh transport is not configured .*: cannot reach p@launch.fnal.gov/,
    );
    expect(await refused(shell.run({ host: 'other.example', account: 'p' }, 'true'))).toMatch(
      /no SSH key configured/,
    );
  });
});
