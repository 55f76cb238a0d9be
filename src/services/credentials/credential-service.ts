import { randomUUID } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Config } from '../../config/config-schema.js';
import {
  expiringCredentials,
  planCredentials,
  type ExpiringCredential,
  type CredentialPolicy,
  type HeldFile,
  type LaunchCredentials,
} from '../../domain/credentials/index.js';
import { groupFor } from '../../domain/launch/index.js';
import { AppError } from '../../lib/errors.js';
import type { UploadService } from '../uploads/upload-service.js';

type CredentialsConfig = Config['credentials'];
type ExperimentKeys = Partial<Pick<CredentialsConfig, 'vault_server' | 'managed_tokens_server'>> &
  Record<string, unknown>;

/** A production credential on the POMS host; a configured file that cannot be read refuses launches. */
async function hostFile(path: string | undefined, what: string): Promise<HeldFile | undefined> {
  if (!path) return undefined;
  try {
    const [bytes, s] = await Promise.all([readFile(path), stat(path)]);
    return { name: path.split('/').pop()!, bytes, storedAt: s.mtime };
  } catch (e) {
    throw new AppError('conflict', `the ${what} ${path} cannot be read: ${(e as Error).message}`, [
      { field: 'credentials', message: `${what} unreadable` },
    ]);
  }
}

export interface LaunchCredentialInput {
  experiment: string;
  /** The stage's vo_role: `Analysis` launches use the user's uploads, anything else production's. */
  voRole: string;
  username: string;
  now: Date;
}

/**
 * Credentials for launches, when enabled ([credentials] enabled, default with real jobsub): the
 * experiment's policy from [credentials] and [credentials.<experiment>], checked and planned per
 * launch. Returns null when checking is off (the simulator needs none).
 */
export function credentialService(config: Readonly<Config>, uploads: UploadService) {
  const c = config.credentials;
  const enabled = c.enabled ?? config.jobsub.mode === 'real';

  async function policyFor(experiment: string): Promise<CredentialPolicy> {
    const own = ((c as Record<string, unknown>)[experiment] ?? {}) as ExperimentKeys;
    const pick = <K extends keyof CredentialsConfig>(k: K) =>
      (own[k as string] as CredentialsConfig[K] | undefined) ?? c[k];
    return {
      marginS: c.margin_s,
      vaultTokenMaxAgeS: c.vault_token_max_age_s,
      remoteDir: c.remote_dir,
      vaultServer: pick('vault_server'),
      managedTokensServer: pick('managed_tokens_server'),
      productionToken: await hostFile(pick('production_token_file'), 'production token file'),
      productionProxy: await hostFile(pick('production_proxy_file'), 'production proxy file'),
      productionProxyOnHost: pick('production_proxy').replaceAll('%(experiment)s', experiment),
      analysisProxyRequired: pick('analysis_proxy_required'),
    };
  }

  return {
    enabled,
    policyFor,
    /**
     * The experiment's production credential files on this host ending within `warnS` (for the
     * credential.expiring notification); none when checking is off or none is configured. A file
     * that cannot be read is left to the launch check, which refuses with the reason.
     */
    async expiringProduction(experiment: string, now: Date, warnS: number): Promise<ExpiringCredential[]> {
      if (!enabled) return [];
      const policy = await policyFor(experiment).catch(() => null);
      if (!policy) return [];
      const files = [
        policy.productionToken && { what: 'production token', file: policy.productionToken },
        policy.productionProxy && { what: 'production proxy', file: policy.productionProxy },
      ].filter((f): f is { what: string; file: HeldFile } => !!f);
      return expiringCredentials(files, now, warnS, policy.vaultTokenMaxAgeS);
    },
    /** The launch's credentials, or a 409 naming what to renew; null when checking is off. */
    async forLaunch(input: LaunchCredentialInput): Promise<LaunchCredentials | null> {
      if (!enabled) return null;
      const role = /^analysis$/i.test(input.voRole) ? 'analysis' : 'production';
      return planCredentials(await policyFor(input.experiment), {
        experiment: input.experiment,
        group: groupFor(input.experiment),
        role,
        username: input.username,
        launchId: randomUUID().replaceAll('-', ''),
        uploads: role === 'analysis' ? await uploads.held(input.experiment, input.username) : [],
        now: input.now,
      });
    },
  };
}

export type CredentialService = ReturnType<typeof credentialService>;
