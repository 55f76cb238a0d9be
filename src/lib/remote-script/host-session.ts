// What runs on a launch host before any POMS command there — a launch or a jobsub command POMS
// runs itself (jobsub_q, jobsub_rm/hold/release, jobsub_fetchlog): the same credentials, site
// profile and login setup, so that those commands see the environment a launch sees.

/** The site's own shell lines around the login setup ([site] before_setup / after_setup). */
export interface SiteLines {
  beforeSetup?: readonly string[];
  afterSetup?: readonly string[];
}

/** Credential variables and POMS's own lines that write and remove their files (domain/credentials). */
export interface SessionCredentials {
  env: ReadonlyArray<readonly [string, string]>;
  lines: readonly string[];
  cleanup: readonly string[];
}

export interface HostSession {
  /** The login setup's shell text; its `%(key)s` refer to the script's variables. */
  setup: string;
  site?: SiteLines;
  credentials?: SessionCredentials;
}
