import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../src/config/load-config.js';
import { AppError } from '../../../../src/lib/errors.js';
import { credentialService } from '../../../../src/services/credentials/credential-service.js';
import { uploadService } from '../../../../src/services/uploads/upload-service.js';
import { jwt } from '../../../helpers/credentials.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cred-svc-'));
const now = new Date();
const serviceWith = (credentials: Record<string, unknown>, jobsub: Record<string, unknown> = {}) => {
  const config = loadConfig({}, { credentials: { uploads_dir: dir, ...credentials }, jobsub });
  return credentialService(config, uploadService({ dir, quotaBytes: 1024 }));
};
const launch = { experiment: 'mu2e', voRole: 'Production', username: 'mu2epro', now };
const envOf = async (s: ReturnType<typeof serviceWith>) =>
  Object.fromEntries((await s.forLaunch(launch))!.env);

describe('credentialService', () => {
  it('is off with the simulator’s jobsub unless enabled, on with real jobsub', async () => {
    expect(await serviceWith({}).forLaunch(launch)).toBeNull();
    expect(serviceWith({}, { mode: 'real' }).enabled).toBe(true);
    expect(serviceWith({ enabled: 'false' }, { mode: 'real' }).enabled).toBe(false);
  });

  it('takes an experiment’s own settings over the shared ones', async () => {
    const s = serviceWith({
      enabled: 'true',
      managed_tokens_server: 'shared.example',
      mu2e: { managed_tokens_server: 'mu2e.example', vault_server: 'vault.mu2e.example' },
    });
    expect((await envOf(s)).HTGETTOKENOPTS).toBe(
      '-a vault.mu2e.example -i mu2e -r production --credkey=mu2epro/managedtokens/mu2e.example',
    );
    expect((await envOf(s)).X509_USER_PROXY).toBe('/opt/mu2epro/mu2epro.Production.proxy');
    const other = await s.forLaunch({ ...launch, experiment: 'dune' });
    expect(Object.fromEntries(other!.env).HTGETTOKENOPTS).toContain(
      '--credkey=dunepro/managedtokens/shared.example',
    );
  });

  it('checks a production token file on the POMS host, and refuses when it cannot be read', async () => {
    const token = path.join(dir, 'mu2epro.token');
    fs.writeFileSync(token, jwt(new Date(now.getTime() + 30 * 60_000)));
    const s = serviceWith({ enabled: 'true', production_token_file: token });
    const e = (await s.forLaunch(launch).catch((x: unknown) => x)) as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(409);
    expect(e.message).toMatch(
      /the production token mu2epro.token expires at .*: ask the POMS administrators/,
    );
    const missing = serviceWith({ enabled: 'true', production_token_file: path.join(dir, 'nope') });
    await expect(missing.forLaunch(launch)).rejects.toThrow(
      /the production token file .*nope cannot be read/,
    );
  });
});
