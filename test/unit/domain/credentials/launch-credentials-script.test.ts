import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { planCredentials } from '../../../../src/domain/credentials/index.js';
import { buildLaunchPlan, buildLaunchScript, buildPreview } from '../../../../src/domain/launch/index.js';
import { PROXY_PEM, VAULT_TOKEN } from '../../../helpers/credentials.js';
import { exampleInput } from '../launch/plan-input.js';
import { runScript, scratchDir } from '../launch/run-script.js';

let cleanup = () => {};
afterEach(() => cleanup());

// A hostile upload name cannot exist (names are checked at upload), but contents may be anything.
const contents = `${VAULT_TOKEN}'; touch pwned; echo '$(touch pwned2)`;

function planIn(dir: string) {
  const now = new Date();
  const credentials = planCredentials(
    {
      marginS: 60,
      vaultTokenMaxAgeS: 86400,
      remoteDir: dir,
      vaultServer: 'vault.example',
      productionProxyOnHost: '/nonexistent',
      analysisProxyRequired: true,
    },
    {
      experiment: 'mu2e',
      group: 'mu2e',
      role: 'analysis',
      username: 'alice',
      launchId: 'L1',
      now,
      uploads: [
        { name: 'vt_mu2e_Analysis_alice', bytes: Buffer.from(contents), storedAt: now },
        { name: 'x509up_voms_mu2e_Analysis_alice', bytes: Buffer.from(PROXY_PEM), storedAt: now },
      ],
    },
  );
  return buildLaunchPlan(
    exampleInput({
      credentials,
      siteProfile: {
        afterSetup: [
          'cp "$UPLOADS/vt_mu2e_Analysis_alice" "$OUT_DIR/seen_vt"',
          'stat -c %a "$X509_USER_PROXY" > "$OUT_DIR/proxy_mode"',
          'echo "${POMS_FILE_0_DATA:-unset}" > "$OUT_DIR/data_var"',
        ],
      },
    }),
  );
}

describe('credentials in the launch script', () => {
  it('writes each file byte for byte, mode 0400, never runs its content, and removes the directory', () => {
    const s = scratchDir();
    cleanup = s.cleanup;
    const run = runScript(buildLaunchScript(planIn(s.dir)), s.dir, 'stdin');
    expect(readFileSync(join(s.dir, 'seen_vt'), 'utf8')).toBe(contents);
    expect(readFileSync(join(s.dir, 'proxy_mode'), 'utf8').trim()).toBe('400');
    // The contents were unset once written: the launch command's environment does not carry them.
    expect(readFileSync(join(s.dir, 'data_var'), 'utf8').trim()).toBe('unset');
    expect(run.files).not.toContain('pwned');
    expect(run.files).not.toContain('pwned2');
    expect(existsSync(join(s.dir, 'poms_L1'))).toBe(false);
    expect(statSync(s.dir).isDirectory()).toBe(true);
  });

  it('a preview shows where the credentials go but not what they hold', () => {
    const text = buildPreview(planIn('/tmp'));
    expect(text).toContain('export X509_USER_PROXY=/tmp/poms_L1/x509up_voms_mu2e_Analysis_alice');
    expect(text).toMatch(/export POMS_FILE_0_DATA='<secret: \d+ base64 characters>'/);
    expect(text).not.toContain(Buffer.from(PROXY_PEM).toString('base64').slice(0, 40));
  });
});
