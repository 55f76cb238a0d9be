import * as z from 'zod';
import { DEV_SESSION_SECRET } from './exposure.js';
import { notifySection } from './notify-config.js';
import { DEFAULT_MQL_ATTRIBUTION_KEY, METADATA_KEY, MQL_KEYS } from '../domain/files/mql/mql-keys.js';

// The whole configuration, one schema. Values arrive as strings from the ini file or the environment,
// so numbers and booleans are coerced; an empty string means "not set".
const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);
const bool = z.preprocess((v) => {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|yes|on|1)$/i.test(v)) return true;
  if (typeof v === 'string' && /^(false|no|off|0)$/i.test(v)) return false;
  return v;
}, z.boolean());
const port = z.coerce.number().int().min(0).max(65535);
const seconds = z.coerce.number().positive();
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const mode = z.enum(['real', 'sim']);
const optionalText = z.preprocess(emptyToUndefined, z.string().optional());
/** A comma list (`a, b`) or an ini array (`k[] = a`). */
const list = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.string()),
);
/** Shell lines: an ini array (`k[] = line`), or one text with a line per line (from the environment). */
const lines = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/\r?\n/).filter((l) => l.trim() !== '') : v),
  z.array(z.string()),
);
/** A URL that may hold `{experiment}` (replaced per experiment). */
const samUrlTemplate = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .refine((u) => URL.canParse(u.replaceAll('{experiment}', 'experiment')), 'must be a URL')
    .optional(),
);

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

export const configSections = {
  server: z.object({
    port: port.default(8080),
    // Loopback unless set: other machines reach POMS only when someone decides they should.
    host: z.string().min(1).default('127.0.0.1'),
    base_url: optionalUrl,
    // The default is public: config/exposure.ts accepts it only in dev mode on loopback.
    session_secret: z.string().min(16, 'must be at least 16 characters').default(DEV_SESSION_SECRET),
    trust_proxy: z.preprocess(emptyToUndefined, z.string().optional()),
    log_level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `json` lines, or `pretty` (pino-pretty, for development: `npm run dev` sets it). */
    log_format: z.enum(['json', 'pretty']).default('json'),
    /**
     * Application processes serving one port together (node:cluster; docs/operations.md, Scaling
     * out); 0 = one per CPU. More than one needs PostgreSQL and no in-process simulator.
     */
    workers: z.coerce.number().int().min(0).max(64).default(1),
  }),
  database: z.object({
    url: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
        .refine(
          (u) => URL.canParse(u),
          'is not a valid URL (characters such as # or @ in the password must be percent-encoded)',
        )
        .optional(),
    ),
    embedded_dir: z.string().default('./var/pglite'),
    pool_max: z.coerce.number().int().min(1).max(100).default(10),
  }),
  auth: z.object({
    mode: z.enum(['dev', 'header', 'oidc']).default('dev'),
    header_name: z.string().default('X-Remote-User'),
    trusted_proxies: z
      .preprocess(
        (v) =>
          typeof v === 'string'
            ? v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
            : v,
        z.array(z.string()),
      )
      // No default: in header mode the proxy's addresses must be configured (config/exposure.ts).
      .default([]),
    dev_default_user: z.preprocess(emptyToUndefined, z.string().optional()),
  }),
  // Sign-in at the site's OpenID Connect provider (`[auth] mode = oidc`): authorization code + PKCE.
  oidc: z.object({
    issuer: optionalUrl,
    client_id: optionalText,
    /** Required in oidc mode: there is no default secret. */
    client_secret: optionalText,
    scopes: z.string().default('openid profile email'),
    /** The ID token / userinfo claim that is the POMS username. */
    user_claim: z.string().default('preferred_username'),
    /** Optional claim listing the user's groups (shown on the profile page). */
    groups_claim: optionalText,
    /** Where the provider sends the browser back; default `<[server] base_url>/auth/callback`. */
    redirect_url: optionalUrl,
  }),
  // Bearer JWTs from the lab's token issuer (SciTokens / WLCG tokens) on the API and compat routes,
  // beside POMS's own tokens. Nothing is trusted until issuer and audience are set.
  lab_tokens: z
    .object({
      /** The issuer (`iss`) trusted, e.g. https://cilogon.org/fermilab. */
      issuer: optionalUrl,
      /** Its key set; default: `jwks_uri` from the issuer's /.well-known/openid-configuration. */
      jwks_url: optionalUrl,
      /** `aud` values meant for this POMS (a token for any of them is accepted). */
      audience: list.default([]),
      /** Claim naming the POMS user; without it (or when the token lacks it) the storage scope decides. */
      user_claim: optionalText,
      /** The account `storage.create:/<exp>/` acts as. */
      production_account: z
        .string()
        .refine((s) => s.includes('{experiment}'), 'must contain {experiment}')
        .default('{experiment}pro'),
      /** Least time between two fetches of the key set (a token with an unknown kid asks again). */
      jwks_cooldown_s: z.coerce.number().min(0).default(30),
      /** Leeway on exp/nbf/iat for clocks that differ. */
      clock_tolerance_s: z.coerce.number().min(0).max(300).default(30),
    })
    .refine((t) => !t.issuer || t.audience.length > 0, {
      message: 'an issuer needs an audience: the aud values of tokens meant for this POMS',
      path: ['audience'],
    }),
  // Users and memberships from the lab's registry (FERRY). Off unless configured.
  registry: z
    .object({
      /** off; real (FERRY at `url`); sim (the simulator's FERRY). */
      mode: z.enum(['off', 'real', 'sim']).default('off'),
      /** FERRY's base URL, e.g. https://ferry.fnal.gov:8445. */
      url: optionalUrl,
      /** PEM client certificate FERRY knows POMS by (an X.509 proxy holds the key too). */
      cert: optionalText,
      key: optionalText,
      /** PEM CA bundle of FERRY's certificate. */
      ca: optionalText,
      verify_tls: bool.default(true),
      /** Experiments to synchronise; default every active experiment. */
      experiments: list.default([]),
      /** Pause between syncs. */
      sync_s: seconds.default(3600),
      timeout_s: seconds.default(30),
      /** A first sign-in (SSO header, OIDC, lab token) of someone the registry knows creates them. */
      create_on_sign_in: bool.default(true),
    })
    .refine((r) => r.mode !== 'real' || !!r.url, {
      message: 'mode = real needs the registry url',
      path: ['url'],
    }),
  // SAM per experiment (docs/site-setup.md): `{experiment}` in url, cert, key and token_file is
  // replaced by the experiment's name; experiment_urls (`exp=url, …`) names exceptions.
  sam: z.object({
    mode: mode.default('sim'),
    url: samUrlTemplate,
    experiment_urls: z
      .preprocess(
        (v) =>
          typeof v === 'string'
            ? v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
            : v,
        z.array(
          z
            .string()
            .regex(/^[A-Za-z0-9_-]+=\S+$/, 'each entry is experiment=url')
            .refine((e) => URL.canParse(e.slice(e.indexOf('=') + 1)), 'the url after = is not a URL'),
        ),
      )
      .default([]),
    /** PEM client certificate (an X.509 proxy holds the key too). */
    cert: optionalText,
    key: optionalText,
    /** PEM CA bundle of the SAM servers' certificates. */
    ca: optionalText,
    verify_tls: bool.default(true),
    /** File with a bearer token for SAM (a managed token, renewed elsewhere). */
    token_file: optionalText,
    timeout_s: seconds.default(5),
    /**
     * Metadata parameter POMS's jobs put the submission id in, for exact attribution of outputs
     * (docs/numbers.md). SAM must define it (`samweb add-parameter poms.submission_id int`); the
     * health page says when it does not. Empty: not defined, attribute by lineage and lifetime.
     */
    attribution_param: z
      .string()
      .trim()
      .regex(/^([A-Za-z][A-Za-z0-9_]*\.[A-Za-z0-9_.]+)?$/, 'a Category.name metadata parameter, or empty')
      .default('poms.submission_id'),
  }),
  lens: z.object({ mode: mode.default('sim'), url: optionalUrl, timeout_s: seconds.default(30) }),
  // MetaCat, Data Dispatcher and Rucio, for experiments whose data service is `metacat` (issue 19).
  // With mode = real and no url, MetaCat experiments cannot launch split types (refused, saying so).
  metacat: z.object({
    mode: mode.default('sim'),
    /** MetaCat's data server base (`…/app`, requests go to `<url>/data/…`). */
    url: optionalUrl,
    /** Data Dispatcher's data server base (e.g. `…/dd/data`). */
    dd_url: optionalUrl,
    rucio_url: optionalUrl,
    /** File holding the token sent to all three (renewed by another process). */
    token_file: optionalText,
    timeout_s: seconds.default(30),
    /**
     * Metadata key the jobs of a MetaCat launch put their submission id in (they get its name as
     * POMS_METACAT_ATTRIBUTION_PARAM); exact attribution of outputs asks MetaCat for it
     * (docs/numbers.md). MetaCat keys are free-form, so it is always set.
     */
    attribution_param: z
      .string()
      .trim()
      .regex(METADATA_KEY, 'a category.name metadata key (letters, digits, _), e.g. poms.submission_id')
      .refine(
        (k) => !(Object.values(MQL_KEYS) as string[]).includes(k),
        'a key of its own, not one POMS reads for splits (core.runs, core.application.version…)',
      )
      .default(DEFAULT_MQL_ATTRIBUTION_KEY),
  }),
  jobsub: z.object({
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
  }),
  // How POMS reaches launch hosts other than this machine (docs/site-setup.md).
  ssh: z
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
    .refine((s) => !s.keytab || s.gssapi, { message: 'a keytab needs gssapi = true', path: ['gssapi'] }),
  // Shell lines every launch script runs, written by the site's administrators (not by users).
  site: z.object({
    /** Before the login setup's text: e.g. `source /cvmfs/…/setup-env.sh`, `spack load fife-utils`. */
    before_setup: lines.default([]),
    /** After the POMS exports, just before the launch command: e.g. the POMS jobsub wrapper. */
    after_setup: lines.default([]),
  }),
  // Grid credentials of launches (docs/site-setup.md). `[credentials.<experiment>]` sections
  // override the experiment-level keys for one experiment.
  credentials: z
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
    .catchall(experimentCredentials),
  // Links to the site's monitoring, as URL templates: {experiment} {group} {submission_id}
  // {jobsub_job_id} (C@schedd) {lens_job_id} (C.0@schedd) {project}; values are URL-encoded.
  links: z.object({
    /** The submission in Landscape, e.g. https://landscape.fnal.gov/lens/view/job/{lens_job_id}/details */
    landscape_submission: optionalText,
    /** A Grafana dashboard of the submission, e.g. …/d/poms/submission?var-jobid={lens_job_id}. */
    grafana_submission: optionalText,
    /** The SAM station monitor of a project, e.g. …/station_monitor/{experiment}/stations/{experiment}/projects/{project} */
    sam_station_monitor: optionalText,
  }),
  sim: z.object({
    enabled: bool.default(true),
    port: port.default(0),
    speed: z.coerce.number().positive().default(60),
    seed: z.coerce.number().int().default(42),
    state_dir: z.string().default('./var/sim'),
  }),
  loops: z.object({
    enabled: bool.default(true),
    /** A loop's lease: another process takes a loop over within this long of its holder dying. */
    lease_s: seconds.default(120),
    /** Each process writes its heartbeat row this often; one not seen for 3 beats is shown as gone. */
    heartbeat_s: seconds.default(15),
    /** The IANA time zone stage cron schedules run in (shown beside each schedule). */
    cron_timezone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'is not a time zone (an IANA name such as UTC or America/Chicago)')
      .default('UTC'),
    lens_poll_s: seconds.default(120),
    // Lens failing this long: the poller reads job states with jobsub_q until Lens answers again.
    lens_fallback_after_s: seconds.default(600),
    wrapup_s: seconds.default(60),
    launch_failed_after_s: seconds.default(4 * 3600),
    located_max_wait_s: seconds.default(2 * 86400),
    // Failure causes: Held submissions' hold reasons and finished submissions' failures (job logs).
    failure_causes_s: seconds.default(300),
  }),
  notify: notifySection,
  // Housekeeping loops (issue 18): stale campaigns, files-in-flight definitions, launch sandboxes.
  housekeeping: z.object({
    /** Pause between passes of each housekeeping loop. */
    interval_s: seconds.default(3600),
    /** Campaigns with no submission (nor edit) for this many days become inactive; 0 = never. */
    stale_campaign_days: z.coerce.number().int().min(0).default(7),
    /** Launch sandboxes ([credentials] remote_dir/poms_*) older than this are removed. */
    sandbox_max_age_s: seconds.default(6 * 3600),
  }),
  // Demo experiment and users: by default only with the embedded database.
  demo: z.object({ seed: bool.optional() }),
  // API tokens: a token bucket per token (requests per second, and the burst it may spend at once).
  api: z.object({
    token_rate_per_s: z.coerce.number().positive().default(20),
    token_burst: z.coerce.number().int().min(1).default(100),
  }),
  // The original poms_client's routes (`<prefix>/<method>`), for experiments' existing scripts.
  compat: z.object({
    prefix: z
      .string()
      .regex(/^(\/[A-Za-z0-9_.-]+)+$/, 'must be a path such as /poms')
      .refine((p) => !/^\/(api|experiments|static|vendor)(\/|$)/.test(p), 'must not shadow another area')
      .default('/poms'),
  }),
};

type Sections = typeof configSections;
/** Every section may be left out entirely: its defaults apply. */
export const configSchema = z.object(
  Object.fromEntries(
    Object.entries(configSections).map(([k, v]) => [k, (v as z.ZodObject).prefault({})]),
  ) as {
    [K in keyof Sections]: z.ZodPrefault<Sections[K]>;
  },
);

export type Config = z.infer<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
