import type { HostSession } from '../../lib/remote-script/index.js';
import type { SiteProfile } from '../../domain/launch/index.js';
import { credentialsOf, type CredentialsFor } from './launch-credentials.js';

/** Who and what a jobsub command POMS runs for a stage's jobs acts as. */
export interface SessionInput {
  experiment: string;
  /** The stage's creator role: the launch role, which picks the credentials. */
  creatorRole: string;
  /** The person whose (analysis) credentials are used: the submission's launcher or the stage's owner. */
  username: string | null;
  /** The login setup's text. */
  setup: string;
}

/** The session of a jobsub command; throws like a launch (409 naming what to renew) on bad credentials. */
export type SessionFor = (input: SessionInput) => Promise<HostSession>;

/**
 * Sessions for the jobsub commands POMS runs itself (jobsub_q, jobsub_rm/hold/release,
 * jobsub_fetchlog): the site profile and the credentials a launch of the same stage would get.
 */
export function hostSessions(s: {
  siteProfile?: SiteProfile;
  credentialsFor?: CredentialsFor;
  now?: () => Date;
}): SessionFor {
  const now = s.now ?? (() => new Date());
  return async (i) => ({
    setup: i.setup,
    site: s.siteProfile,
    credentials: await credentialsOf(s.credentialsFor, {
      experiment: i.experiment,
      creatorRole: i.creatorRole,
      username: i.username ?? 'poms',
      now: now(),
    }),
  });
}

/** Without site settings: the login setup alone. */
export const setupOnly: SessionFor = async (i) => ({ setup: i.setup });
