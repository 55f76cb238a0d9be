import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { remoteShellSettings } from '../../../src/services/fife/remote-shell-settings.js';
import { realSamOptions } from '../../../src/services/fife/sam-site.js';

// The example configuration in docs/site-setup.md must stay one that POMS accepts.
describe('docs/site-setup.md example poms.ini', () => {
  it('loads, and configures Kerberos ssh, the site preamble and per-experiment credentials', () => {
    const doc = fs.readFileSync('docs/site-setup.md', 'utf8');
    const example = /## Example poms\.ini[^\n]*\n+```ini\n([\s\S]+?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'site-ini-')), 'poms.ini');
    fs.writeFileSync(file, example!);
    const c = loadConfig({ POMS_CONFIG: file });
    expect(c.ssh).toMatchObject({ transport: 'openssh', gssapi: true, login_shell: true });
    expect(c.site.before_setup).toHaveLength(2);
    expect(c.site.after_setup).toEqual(['spack load poms-jobsub-wrapper@4.5.1 os=fe', 'htgettoken -q']);
    expect(c.credentials).toMatchObject({
      enabled: true,
      managed_tokens_server: 'fermicloud543.fnal.gov',
      mu2e: { analysis_proxy_required: true },
    });
    const sam = realSamOptions(c.sam)!;
    const base = sam.baseUrl as (e: string) => string;
    expect([base('nova'), base('samdev')]).toEqual([
      'https://samnova.fnal.gov:8483/sam',
      'https://samdev.fnal.gov:8483/sam',
    ]);
    expect(c.loops.lens_fallback_after_s).toBe(600);
    expect(c.links.sam_station_monitor).toMatch(/\{project\}$/);
    const shell = remoteShellSettings(c);
    expect(shell.openssh?.kerberos?.principal).toBe('poms/pomsgpvm01.fnal.gov@FNAL.GOV');
    expect(shell.ssh).toBeUndefined();
  });
});
