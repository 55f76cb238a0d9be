import * as z from 'zod';
import { optionalText } from './config-values.js';

// What the web side shows and serves beyond the pages: monitoring links, API rate limits, compat routes.

// Links to the site's monitoring, as URL templates: {experiment} {group} {submission_id}
// {jobsub_job_id} (C@schedd) {lens_job_id} (C.0@schedd) {project}; values are URL-encoded.
export const linksSection = z.object({
  /** The submission in Landscape, e.g. https://landscape.fnal.gov/lens/view/job/{lens_job_id}/details */
  landscape_submission: optionalText,
  /** A Grafana dashboard of the submission, e.g. …/d/poms/submission?var-jobid={lens_job_id}. */
  grafana_submission: optionalText,
  /** The SAM station monitor of a project, e.g. …/station_monitor/{experiment}/stations/{experiment}/projects/{project} */
  sam_station_monitor: optionalText,
});

// API tokens: a token bucket per token (requests per second, and the burst it may spend at once).
export const apiSection = z.object({
  token_rate_per_s: z.coerce.number().positive().default(20),
  token_burst: z.coerce.number().int().min(1).default(100),
});

// The original poms_client's routes (`<prefix>/<method>`), for experiments' existing scripts.
export const compatSection = z.object({
  prefix: z
    .string()
    .regex(/^(\/[A-Za-z0-9_.-]+)+$/, 'must be a path such as /poms')
    .refine((p) => !/^\/(api|experiments|static|vendor)(\/|$)/.test(p), 'must not shadow another area')
    .default('/poms'),
});
