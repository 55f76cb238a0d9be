import type { LaunchCredentials } from '../../domain/credentials/index.js';
import { launchRoleOf } from '../../domain/launch/index.js';
import { AppError } from '../../lib/errors.js';
import type { LaunchCredentialInput } from '../credentials/credential-service.js';

/** Checks and plans a launch's credentials (null: none needed); throws a 409 naming what to renew. */
export type CredentialsFor = (input: LaunchCredentialInput) => Promise<LaunchCredentials | null>;

/** The credentials follow the launch role (the stage's creator role), never the stage's vo_role. */
export const credentialRole = (creatorRole: string) =>
  launchRoleOf(creatorRole) === 'analysis' ? 'Analysis' : 'Production';

/** The checked credentials of a launch (or jobsub command) for `username`; undefined when none are needed. */
export async function credentialsOf(
  credentialsFor: CredentialsFor | undefined,
  input: { experiment: string; creatorRole: string; username: string; now: Date },
): Promise<LaunchCredentials | undefined> {
  if (!credentialsFor) return undefined;
  const got = await credentialsFor({
    experiment: input.experiment,
    voRole: credentialRole(input.creatorRole),
    username: input.username,
    now: input.now,
  });
  return got ?? undefined;
}

/** As credentialsOf, but a refusal becomes `problem` (its message) for a preview to show. */
export async function previewCredentials(
  credentialsFor: CredentialsFor | undefined,
  input: { experiment: string; creatorRole: string; username: string; now: Date },
): Promise<{ credentials?: LaunchCredentials; problem?: string }> {
  try {
    return { credentials: await credentialsOf(credentialsFor, input) };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { problem: e.message };
  }
}
