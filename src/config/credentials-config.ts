import * as z from 'zod';
import { bool, optionalText, seconds } from './config-values.js';

/** Credential settings an experiment may override in `[credentials.<experiment>]` (no defaults here). */
const experimentCredentials = z
  .object({
    /** Vault server htgettoken asks (`-a`). */
    vault_server: optionalText,
    /** Managed tokens server of production launches: `--credkey=<exp>pro/managedtokens/<server>`. */
    managed_tokens_server: optionalText,
    /** On the POMS host: a production bearer token (JWT) to check and copy instead of htgettoken's. */
    production_token_file: optionalText,
    /** On the POMS host: the production proxy to check and copy to the launch host. */
    production_proxy_file: optionalText,
    /** On the launch host: the production proxy used when no production_proxy_file is given. */
    production_proxy: optionalText,
    /** Analysis launches need an uploaded proxy as well as the vault token. */
    analysis_proxy_required: bool.optional(),
  })
  .strict();

// Grid credentials of launches (docs/site-setup.md). `[credentials.<experiment>]` sections
// override the experiment-level keys for one experiment.
export const credentialsSection = z
  .object({
    /** Check and deliver credentials before each launch; default: only with [jobsub] mode = real. */
    enabled: bool.optional(),
    /** Refuse a launch whose credential expires within this many seconds. */
    margin_s: seconds.default(3600),
    /** An uploaded vault token (opaque, no expiry inside) counts as expired this long after upload. */
    vault_token_max_age_s: seconds.default(5 * 86400),
    uploads_dir: z.string().default('./var/uploads'),
    uploads_quota_bytes: z.coerce
      .number()
      .int()
      .min(1)
      .default(10 * 1024 * 1024),
    /** Directory on the launch host under which each launch's private credential directory is made. */
    remote_dir: z
      .string()
      .regex(/^\/[A-Za-z0-9_./-]*$/, 'must be an absolute path of letters, digits, _ . / -')
      .default('/tmp'),
    ...experimentCredentials.shape,
    vault_server: z.string().default('htvaultprod.fnal.gov'),
    production_proxy: z.string().default('/opt/%(experiment)spro/%(experiment)spro.Production.proxy'),
    analysis_proxy_required: bool.default(false),
  })
  .catchall(experimentCredentials);
