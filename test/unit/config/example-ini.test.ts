import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSections } from '../../../src/config/config-schema.js';
import { loadConfig } from '../../../src/config/load-config.js';

// poms.example.ini is where a site starts: it must load as it is and name every section POMS reads.
describe('poms.example.ini', () => {
  const text = fs.readFileSync('poms.example.ini', 'utf8');

  it('has a section for every section of the configuration', () => {
    const present = new Set([...text.matchAll(/^\[([a-z_]+)\]$/gm)].map((m) => m[1]));
    const missing = Object.keys(configSections).filter((name) => !present.has(name));
    expect(missing).toEqual([]);
  });

  it('loads, with [notify] giving the documented defaults', () => {
    const c = loadConfig({ POMS_CONFIG: 'poms.example.ini' });
    expect(c.notify).toMatchObject({
      held_after_min: 60,
      credential_warn_hours: 48,
      stall_hours: 6,
      digest_window_s: 300,
      burst_threshold: 20,
      site_digest: false,
    });
    expect(c.notify.smtp_url).toBeUndefined();
    expect(c.registry.mode).toBe('off');
    expect(c.lab_tokens.issuer).toBeUndefined();
  });
});
