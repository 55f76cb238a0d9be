import * as z from 'zod';
import { bool, emptyToUndefined, lines, list, mode, optionalText, seconds } from './config-values.js';

// How launches reach launch hosts: jobsub over SSH, the SSH transport, and the site's own shell lines.

export const jobsubSection = z.object({
  mode: mode.default('sim'),
  ssh_key: z.preprocess(emptyToUndefined, z.string().optional()),
  known_hosts: z.preprocess(emptyToUndefined, z.string().optional()),
  connect_timeout_s: seconds.default(20),
  max_concurrent_launches: z.coerce.number().int().min(1).max(64).default(4),
  // Lifetime of the token each launch gets (POMS_SUBMISSION_TOKEN) for the wrapper's job-id callback.
  callback_token_ttl_s: seconds.default(12 * 3600),
  // Hosts where analysis users' stages launch, under the launching person's own account; production
  // launches never go there (docs/security.md). None by default: analysis launches are refused.
  analysis_launch_hosts: list.default([]),
  // Size cap of the job-log cache in PostgreSQL, shared by every POMS process (MiB).
  log_cache_mb: z.coerce.number().int().min(1).max(1_000_000).default(512),
});

// How POMS reaches launch hosts other than this machine (docs/site-setup.md).
export const sshSection = z
  .object({
    /** ssh2 (built-in client, keys only) or openssh (the system `ssh`: Kerberos/GSSAPI or keys). */
    transport: z.enum(['ssh2', 'openssh']).default('ssh2'),
    /** Hosts (globs) that use the system ssh whatever `transport` says. */
    openssh_hosts: list.default([]),
    /** Run remote scripts in a login shell (bash -l), so the host's profile defines setup/spack. */
    login_shell: bool.default(true),
    binary: z.string().default('ssh'),
    /** ssh_config the system ssh reads; `none` (default): every setting comes from here. */
    config_file: z.string().default('none'),
    gssapi: bool.default(false),
    keytab: optionalText,
    principal: optionalText,
    ccache: z.string().default('./var/krb5cc_poms'),
    kinit: z.string().default('kinit'),
    /** krb5.conf for kinit, klist and ssh (KRB5_CONFIG); default the system's /etc/krb5.conf. */
    krb5_config: optionalText,
    klist: z.string().default('klist'),
    control_dir: z.string().default('./var/ssh-control'),
    control_persist_s: seconds.default(600),
  })
  .refine((s) => !s.keytab === !s.principal, {
    message: 'keytab and principal go together (kinit -k -t <keytab> <principal>)',
    path: ['keytab'],
  })
  .refine((s) => !s.keytab || s.gssapi, { message: 'a keytab needs gssapi = true', path: ['gssapi'] });

// Shell lines every launch script runs, written by the site's administrators (not by users).
export const siteSection = z.object({
  /** Before the login setup's text: e.g. `source /cvmfs/…/setup-env.sh`, `spack load fife-utils`. */
  before_setup: lines.default([]),
  /** After the POMS exports, just before the launch command: e.g. the POMS jobsub wrapper. */
  after_setup: lines.default([]),
});
