import * as z from 'zod';
import { DEFAULT_MQL_ATTRIBUTION_KEY, METADATA_KEY, MQL_KEYS } from '../domain/files/mql/mql-keys.js';
import { bool, emptyToUndefined, listOf, mode, optionalText, optionalUrl, seconds } from './config-values.js';

// Where files are catalogued (SAM, or MetaCat + Data Dispatcher + Rucio) and where jobs are watched (Lens).

/** A URL that may hold `{experiment}` (replaced per experiment). */
const samUrlTemplate = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .refine((u) => URL.canParse(u.replaceAll('{experiment}', 'experiment')), 'must be a URL')
    .optional(),
);

// SAM per experiment (docs/site-setup.md): `{experiment}` in url, cert, key and token_file is
// replaced by the experiment's name; experiment_urls (`exp=url, …`) names exceptions.
export const samSection = z.object({
  mode: mode.default('sim'),
  url: samUrlTemplate,
  experiment_urls: listOf(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]+=\S+$/, 'each entry is experiment=url')
      .refine((e) => URL.canParse(e.slice(e.indexOf('=') + 1)), 'the url after = is not a URL'),
  ).default([]),
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
});

export const lensSection = z.object({
  mode: mode.default('sim'),
  url: optionalUrl,
  timeout_s: seconds.default(30),
});

// MetaCat, Data Dispatcher and Rucio, for experiments whose data service is `metacat` (issue 19).
// With mode = real and no url, MetaCat experiments cannot launch split types (refused, saying so).
export const metacatSection = z.object({
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
});
